"""Each profile offers what its real program sends: the ClientHello, field by field.

The outcome matrix (test_real_clients.py) cannot see a profile that offers the wrong
groups until some server picks by them: eight OpenSSL 3 profiles lacked the FFDHE
groups that curl, Python and s_client send, and 432 of 432 pairs agreed anyway (round
19). Here each real program on this machine runs once against a listener that records
its ClientHello (tlsdoctor.realclients.hellos), and every profile it backs must list the
same versions (down to its policy's floor), suites in order, groups, signature
algorithms, SNI and ALPN. A profile edit or a program upgrade that drifts fails here.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from tlsdoctor.clients.catalog import get_profile
from tlsdoctor.probe.listen import CapturedHello
from tlsdoctor.realclients.base import Driver
from tlsdoctor.realclients.hellos import capture, drifts
from tlsdoctor.realclients.verify import all_drivers
from tlsdoctor.testing.ca import CA

_DRIVERS = {d.name: d for d in all_drivers()}
PAIRS = [(d.name, p) for d in _DRIVERS.values() for p in d.profiles]
_FFDHE = tuple(range(0x0100, 0x0105))


def _one(driver: Driver, ca_file: Path, workdir: Path) -> CapturedHello | str:
    why = driver.available()
    if why is not None:
        return why
    return capture(driver, ca_file, workdir / driver.name) or "sent no ClientHello"


@pytest.fixture(scope="module")
def hellos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CapturedHello | str]:
    """Each program's first ClientHello, or why there is none (every program once)."""
    d = tmp_path_factory.mktemp("hellos")
    ca_file = CA(name="tlsdoctor hello root").write(d / "root.pem")
    with ThreadPoolExecutor(max_workers=4) as pool:
        done = {name: pool.submit(_one, drv, ca_file, d) for name, drv in _DRIVERS.items()}
        return {name: f.result() for name, f in done.items()}


def _hello(hellos: dict[str, CapturedHello | str], client: str) -> CapturedHello:
    got = hellos[client]
    if isinstance(got, str):
        if got == "sent no ClientHello":
            pytest.fail(f"{client}: {got}")
        pytest.skip(f"{client}: {got}")
    return got


@pytest.mark.parametrize(("client", "profile"), PAIRS, ids=[f"{c}-{p}" for c, p in PAIRS])
def test_profile_offers_what_the_program_sends(hellos, client, profile):
    found = drifts(get_profile(profile), _hello(hellos, client))
    assert not found, "\n".join(d.line() for d in found)


def test_the_check_sees_the_missing_ffdhe_groups(hellos):
    """Honest: curl-8 as it was before round 19 (no FFDHE group) is a drift in groups."""
    hello = _hello(hellos, "curl")
    assert set(_FFDHE) <= set(hello.groups), hello.groups
    old = get_profile("curl-8")
    old = replace(old, groups=tuple(g for g in old.groups if g not in _FFDHE))
    assert [d.field for d in drifts(old, hello)] == ["groups"]


def test_the_check_sees_suite_order_and_versions(hellos):
    """Order counts (a server may pick by the client's order), and a version the
    program offers above its policy's floor must be in the profile."""
    hello = _hello(hellos, "python")
    p = get_profile("python-3")
    swapped = replace(p, cipher_suites=p.cipher_suites[1::-1] + p.cipher_suites[2:])
    assert [d.field for d in drifts(swapped, hello)] == ["cipher_suites"]
    assert [d.field for d in drifts(replace(p, versions=p.versions[:1]), hello)] == ["versions"]
