"""Round 13, kubeadm's (and minikube's) certificate-period warnings (patterns/programs.py,
printed_times.py's "kubeadm" form): the words name the bound, the printed bound is read the
way clock.py reads every stack's (test_clock_class.py). kubeadm is not installed here, so
the wording comes from its source (cmd/kubeadm/app/phases/certs/certs.go, pkiutil
ValidateCertPeriod); dates are built from this machine's clock so each reading holds
whenever the suite runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from ranked import top as _top

NOW = datetime.now(UTC).replace(microsecond=0)
DAY, YEAR = timedelta(days=1), timedelta(days=365)


def _line(kind: str, nb: datetime, na: datetime, name: str = "CA") -> str:
    words = "is not valid yet" if kind == "not_yet" else "has expired"
    return (f"W0328 05:14:28.472391    2649 certs.go:521] WARNING: could not validate bounds "
            f"for certificate {name}: the certificate {words}: NotBefore: "
            f"{nb:%Y-%m-%d %H:%M:%S} +0000 UTC, NotAfter: {na:%Y-%m-%d %H:%M:%S} +0000 UTC")


# (kind, notBefore, notAfter, expected top, confident?)
CELLS = {
    # a CA made hours "later" than this machine's clock: the clock first, ranked
    "not yet, hours": ("not_yet", NOW + 4 * 3600 * timedelta(seconds=1), NOW + 10 * YEAR,
                       "client_clock_wrong", False),
    "not yet, a year": ("not_yet", NOW + 2 * YEAR, NOW + 12 * YEAR, "client_clock_wrong", False),
    # expired by the printing clock, still valid by this machine's: that clock ran ahead
    "expired, still valid here": ("expired", NOW - YEAR, NOW + 9 * YEAR,
                                  "client_clock_wrong", True),
    # expired by both clocks: the certificate (kubeadm's leaves last a year)
    "expired, past here too": ("expired", NOW - 2 * YEAR, NOW - YEAR, "cert_expired", True),
    "expired yesterday": ("expired", NOW - YEAR, NOW - 3 * DAY, "cert_expired", True),
}


@pytest.mark.parametrize("name", ["CA", "apiserver", "etcd CA", "apiserver-kubelet-client"])
@pytest.mark.parametrize("cell", CELLS)
def test_kubeadm_bounds_warning(cell: str, name: str) -> None:
    kind, nb, na, want, confident = CELLS[cell]
    cause, conf = _top(_line(kind, nb, na, name))
    assert cause == want
    assert (conf >= 0.6) is confident


def test_only_the_failing_bound_is_read() -> None:
    # a not-yet-valid certificate's notAfter (years ahead, as every fresh CA's is) says
    # nothing about a clock running ahead
    cause, conf = _top(_line("not_yet", NOW + DAY, NOW + 10 * YEAR))
    assert cause == "client_clock_wrong" and conf < 0.6
