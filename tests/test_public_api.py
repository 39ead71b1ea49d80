"""The public surface is deliberate: adding or removing a name must be a visible change."""

import tlsdoctor
from tlsdoctor.clients.catalog import all_profiles, get_profile
from tlsdoctor.diagnosis.causes import Cause


def test_public_surface_is_exactly_this():
    assert sorted(tlsdoctor.__all__) == sorted([
        "Cause", "DiagnoseReport", "Finding", "FixStep", "Party", "Severity", "__version__",
        "diagnose", "diagnose_async", "explain", "read_logs", "read_pcap", "scan", "scan_async"])


def test_every_public_name_resolves_and_api_functions_are_documented():
    for name in tlsdoctor.__all__:
        value = getattr(tlsdoctor, name)
        if callable(value) and not isinstance(value, type):
            assert value.__doc__, name


def test_cause_ids_are_the_25_stable_ones():
    assert len(Cause) == 25
    assert Cause("protocol_version_mismatch") is Cause.PROTOCOL_VERSION_MISMATCH


def test_client_catalogue_has_40_sourced_profiles():
    profiles = all_profiles()
    assert len(profiles) >= 40
    assert len({p.name for p in profiles}) == len(profiles)
    for p in profiles:
        assert p.sources, p.name
        assert p.versions == tuple(sorted(p.versions, reverse=True)), p.name
        if not p.is_local:
            assert p.cipher_suites, p.name
    assert get_profile("java-7").versions == (0x0301,)
