"""``/metrics``: the fleet's current state in the Prometheus text format (prometheus-client).

One series per endpoint (label ``endpoint``: the inventory key), read from the database at
every scrape. Names follow the Prometheus conventions (base units, ``_seconds``,
``_timestamp_seconds``, ``_info`` with value 1) and mirror the exporters people already
alert on, so their rules port over by renaming:

==========================================  ==================================================
tlsdoctor_probe_success                      blackbox_exporter ``probe_success``, ssl_exporter
                                             ``ssl_probe_success``: 1 when the endpoint's
                                             client can connect (outcome ok or risky)
tlsdoctor_probe_duration_seconds             blackbox ``probe_duration_seconds``
tlsdoctor_ssl_earliest_cert_expiry           blackbox ``probe_ssl_earliest_cert_expiry``
                                             (Unix time, earliest notAfter served)
tlsdoctor_cert_not_after_timestamp_seconds   ssl_exporter ``ssl_cert_not_after`` (the leaf)
tlsdoctor_tls_version_info{version}          blackbox ``probe_tls_version_info``
==========================================  ==================================================

Sources: prometheus/blackbox_exporter prober/handler.go and prober/prober.go at e39d7d4;
ribbybibby/ssl_exporter ssl_exporter.go and prober/metrics.go at 6037c98. Our own:
``tlsdoctor_outcome{outcome}`` (state set: 1 for the current outcome, 0 for the others),
``tlsdoctor_root_cause_info{cause,who_fixes}``, ``tlsdoctor_finding_info{cause,severity,
who_fixes}``, ``tlsdoctor_cert_expiry_days`` (leaf, negative once expired),
``tlsdoctor_tls_handshake_seconds``, ``tlsdoctor_last_check_timestamp_seconds``,
``tlsdoctor_scan_grade_info{grade}``, ``tlsdoctor_endpoint_info{host,port,tags}``, and per
run ``tlsdoctor_last_run_start_timestamp_seconds``, ``tlsdoctor_last_run_end_timestamp_seconds``,
``tlsdoctor_last_run_id``, ``tlsdoctor_last_run_endpoints{state}``, ``tlsdoctor_endpoints{outcome}``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric

from ..fleet.records import EndpointState, RunInfo
from ..fleet.store import Store
from ..fleet.summary import OUTCOMES

WORKS = ("ok", "risky")
# The text exposition format 0.0.4, which every Prometheus version reads; our metric and
# label names are all legacy-safe, so generate_latest's output is exactly that format.
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def _gauge(name: str, doc: str, labels: tuple[str, ...] = ("endpoint",)) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, doc, labels=list(labels))


def _endpoint_metrics(states: list[EndpointState], now: float) -> Iterator[Metric]:
    checked = [s for s in states if s.checked and s.summary is not None]
    success = _gauge("tlsdoctor_probe_success", "1 if the endpoint's client can connect (ok or risky).")
    outcome = _gauge("tlsdoctor_outcome", "Current outcome of the endpoint (1 for the state it is in).",
                     ("endpoint", "outcome"))
    cause = _gauge("tlsdoctor_root_cause_info", "Root cause of the endpoint's problem, and who fixes it.",
                   ("endpoint", "cause", "who_fixes"))
    finding = _gauge("tlsdoctor_finding_info", "Every finding of the endpoint's latest report.",
                     ("endpoint", "cause", "severity", "who_fixes"))
    duration = _gauge("tlsdoctor_probe_duration_seconds", "How long the endpoint's diagnosis took.")
    handshake = _gauge("tlsdoctor_tls_handshake_seconds",
                       "Duration of the client's own handshake (when it completed).")
    earliest = _gauge("tlsdoctor_ssl_earliest_cert_expiry",
                      "Earliest notAfter among the certificates served, as Unix time.")
    not_after = _gauge("tlsdoctor_cert_not_after_timestamp_seconds", "Leaf certificate notAfter, as Unix time.")
    days = _gauge("tlsdoctor_cert_expiry_days", "Days until the leaf certificate expires (negative: expired).")
    version = _gauge("tlsdoctor_tls_version_info", "TLS version the client negotiated.", ("endpoint", "version"))
    checked_at = _gauge("tlsdoctor_last_check_timestamp_seconds", "When the endpoint was last checked.")
    grade = _gauge("tlsdoctor_scan_grade_info", "Grade from the last scan (fleet run --scan).",
                   ("endpoint", "grade"))
    for st in checked:
        s, ep = st.summary, st.endpoint
        assert s is not None
        success.add_metric([ep], 1.0 if s.outcome in WORKS else 0.0)
        for o in OUTCOMES:
            outcome.add_metric([ep, o], 1.0 if s.outcome == o else 0.0)
        if s.root_cause:
            cause.add_metric([ep, s.root_cause, s.who_fixes or ""], 1.0)
        for f in st.findings:
            finding.add_metric([ep, f.cause, f.severity, f.who_fixes], 1.0)
        _maybe(duration, ep, s.seconds)
        _maybe(handshake, ep, s.handshake_seconds)
        _maybe(earliest, ep, s.earliest_not_after)
        _maybe(not_after, ep, s.leaf_not_after)
        _maybe(days, ep, (s.leaf_not_after - now) / 86400 if s.leaf_not_after is not None else None)
        _maybe(checked_at, ep, st.checked_at)
        if s.tls_version:
            version.add_metric([ep, s.tls_version], 1.0)
        if s.grade:
            grade.add_metric([ep, s.grade], 1.0)
    info = _gauge("tlsdoctor_endpoint_info", "The endpoints of the latest run (value 1).",
                  ("endpoint", "host", "port", "tags"))
    for st in states:
        info.add_metric([st.endpoint, st.host, str(st.port), ",".join(st.tags)], 1.0)
    yield from (success, outcome, cause, finding, duration, handshake, earliest, not_after,
                days, version, checked_at, grade, info)


def _maybe(metric: GaugeMetricFamily, endpoint: str, value: float | None) -> None:
    if value is not None:
        metric.add_metric([endpoint], float(value))


def _run_metrics(run: RunInfo | None, states: list[EndpointState]) -> Iterator[Metric]:
    if run is None:
        return
    yield GaugeMetricFamily("tlsdoctor_last_run_id", "Id of the latest fleet run.", value=run.id)
    yield GaugeMetricFamily("tlsdoctor_last_run_start_timestamp_seconds",
                            "When the latest fleet run started.", value=run.started_at)
    if run.finished_at is not None:
        yield GaugeMetricFamily("tlsdoctor_last_run_end_timestamp_seconds",
                                "When the latest fleet run finished.", value=run.finished_at)
    planned = GaugeMetricFamily("tlsdoctor_last_run_endpoints",
                                "Endpoints in the latest run: planned, and done so far.",
                                labels=["state"])
    planned.add_metric(["planned"], run.planned)
    planned.add_metric(["done"], run.done)
    yield planned
    counts = GaugeMetricFamily("tlsdoctor_endpoints", "Endpoints by current outcome.",
                               labels=["outcome"])
    for o in OUTCOMES:
        counts.add_metric([o], sum(1 for s in states if s.checked and s.outcome == o))
    yield counts


class FleetCollector:
    """Reads the latest run's endpoint states at every collect() (one scrape)."""

    def __init__(self, open_store: Callable[[], Store]) -> None:
        self.open_store = open_store

    def collect(self) -> Iterator[Metric]:
        with self.open_store() as store:
            run = store.latest_run()
            states = store.states(run.id) if run is not None else []
        yield from _run_metrics(run, states)
        yield from _endpoint_metrics(states, time.time())

    def describe(self) -> list[Any]:
        return []  # no fixed description: collect() must not run at registration


def registry_for(open_store: Callable[[], Store]) -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(FleetCollector(open_store))
    return registry


def render(registry: CollectorRegistry) -> tuple[bytes, str]:
    """The exposition body and its content type."""
    return generate_latest(registry), CONTENT_TYPE
