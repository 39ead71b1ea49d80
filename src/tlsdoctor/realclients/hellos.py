"""What each real client really offers: its ClientHello, captured, against its profiles.

The outcome check (verify.py) compares connect/fail on a set of servers, and a profile
can drift from its program without any of those servers telling (round 19: eight
OpenSSL 3 profiles lacked the FFDHE groups curl, Python and s_client send, which only a
server that picks a DHE group by them shows). So here each driver is pointed once at a
listener that reads the first flight and refuses it (probe/listen.py), and the hello's
versions, suites in order, groups, signature algorithms, SNI, ALPN, status_request and
extended_master_secret are compared field by field with what the profile says. Nothing
leaves 127.0.0.1; each program runs once, bounded by its driver's own timeouts.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..clients.profile import ClientProfile
from ..probe.listen import CapturedHello, HelloListener
from ..wire.hello import SIGNALLING_SUITES
from ..wire.registry import ExtensionType, is_grease
from .base import Driver
from .scenarios import HOST_NAME, LiveScenario, Scenario

_START_TIMEOUT = 10.0
_SETTLE = 3.0  # seconds a hello may take to be recorded after its client ended
FIELDS = ("versions", "cipher_suites", "groups", "signature_algorithms", "sni", "alpn",
          "status_request", "extended_master_secret")


@dataclass(frozen=True, slots=True, kw_only=True)
class Offer:
    """A ClientHello (or a profile) reduced to the fields a profile records."""

    versions: tuple[int, ...]  # highest first
    cipher_suites: tuple[int, ...]  # in the client's order
    groups: tuple[int, ...]
    signature_algorithms: tuple[int, ...]
    sni: bool
    alpn: tuple[str, ...]
    status_request: bool | None  # None: a profile that does not record it (a drift)
    extended_master_secret: bool | None

    @classmethod
    def of_hello(cls, c: CapturedHello) -> Offer:
        """GREASE (RFC 8701) and signalling suites dropped, as a profile never lists them."""
        versions = sorted((v for v in c.versions if not is_grease(v) and 0x0300 <= v <= 0x0304),
                          reverse=True)
        return cls(versions=tuple(versions),
                   cipher_suites=tuple(s for s in c.cipher_suites
                                       if not is_grease(s) and s not in SIGNALLING_SUITES),
                   groups=tuple(g for g in c.groups if not is_grease(g)),
                   signature_algorithms=tuple(a for a in c.signature_algorithms
                                              if not is_grease(a)),
                   sni=c.sni is not None, alpn=c.alpn,
                   status_request=ExtensionType.status_request in c.extensions,
                   extended_master_secret=ExtensionType.extended_master_secret in c.extensions)

    @classmethod
    def of_profile(cls, p: ClientProfile) -> Offer:
        return cls(versions=p.versions, cipher_suites=p.cipher_suites, groups=p.groups,
                   signature_algorithms=p.signature_algorithms, sni=p.sni, alpn=p.alpn,
                   status_request=p.status_request,
                   extended_master_secret=p.extended_master_secret)


@dataclass(frozen=True, slots=True, kw_only=True)
class Drift:
    """One field where a profile says something else than its program sent."""

    profile: str
    field: str
    profile_value: object
    real_value: object

    def line(self) -> str:
        return (f"{self.profile}: {self.field}: profile {_show(self.profile_value)}, "
                f"real {_show(self.real_value)}")


def _show(value: object) -> str:
    if isinstance(value, tuple) and value and isinstance(value[0], int):
        return "[" + ", ".join(f"0x{v:04x}" for v in value) + "]"
    return repr(value)


def _versions(profile: ClientProfile, hello: CapturedHello) -> tuple[tuple[int, ...],
                                                                     tuple[int, ...]]:
    """(what the profile says, what the hello shows) for versions. A profile lists the
    versions a handshake can end in: OpenSSL 3 programs offer TLS 1.0/1.1 in
    supported_versions, yet those handshakes fail at security level 1 and up (the
    policy's min_version records that floor, tested in tests/clients), so versions below
    the floor are not compared. A hello without supported_versions (TLS 1.2 at most)
    shows only its highest version."""
    sent = Offer.of_hello(hello).versions
    if hello.hello is not None and hello.hello.supported_versions is None:
        return profile.versions[:1], sent[:1]
    floor = profile.policy.min_version
    return profile.versions, tuple(v for v in sent if floor is None or v >= floor)


def drifts(profile: ClientProfile, hello: CapturedHello) -> list[Drift]:
    """Every recorded field the profile has wrong for this hello (order counts)."""
    said, sent = Offer.of_profile(profile), Offer.of_hello(hello)
    pairs = {f: (getattr(said, f), getattr(sent, f)) for f in FIELDS}
    pairs["versions"] = _versions(profile, hello)
    if sent.cipher_suites in profile.suite_orders():  # Go without AES hardware reorders
        pairs["cipher_suites"] = (sent.cipher_suites, sent.cipher_suites)
    return [Drift(profile=profile.name, field=f, profile_value=a, real_value=b)
            for f, (a, b) in pairs.items() if a != b]


@contextlib.contextmanager
def hello_catcher() -> Iterator[tuple[int, list[CapturedHello]]]:
    """A HelloListener on 127.0.0.1 in its own thread: (port, captures so far)."""
    ready = threading.Event()
    box: dict[str, object] = {}

    async def serve() -> None:
        stop = asyncio.Event()
        box["stop"], box["loop"] = stop, asyncio.get_running_loop()
        async with HelloListener("127.0.0.1", 0, read_timeout=5.0) as listener:
            box["listener"] = listener
            ready.set()
            await stop.wait()

    thread = threading.Thread(target=asyncio.run, args=(serve(),), daemon=True)
    thread.start()
    if not ready.wait(_START_TIMEOUT):
        raise RuntimeError("the hello listener did not start")
    listener = box["listener"]
    assert isinstance(listener, HelloListener)
    try:
        yield listener.port, listener.captured
    finally:
        loop, stop = box["loop"], box["stop"]
        assert isinstance(loop, asyncio.AbstractEventLoop) and isinstance(stop, asyncio.Event)
        loop.call_soon_threadsafe(stop.set)
        thread.join(_START_TIMEOUT)


def capture(driver: Driver, ca_file: Path, workdir: Path) -> CapturedHello | None:
    """The first ClientHello ``driver``'s program sends to a listener naming HOST_NAME."""
    with hello_catcher() as (port, captured):
        scenario = Scenario(name="hello", story="a listener that records the ClientHello",
                            expect=None)
        workdir.mkdir(parents=True, exist_ok=True)
        driver.run((LiveScenario(scenario=scenario, host=HOST_NAME, port=port),),
                   ca_file, workdir)
        # The listener records a hello after sending its refusal: a fast client can
        # have read the alert and exited first.
        deadline = time.monotonic() + _SETTLE
        while not any(c.ok for c in captured) and time.monotonic() < deadline:
            time.sleep(0.05)
        hellos = [c for c in captured if c.ok]
    return hellos[0] if hellos else None
