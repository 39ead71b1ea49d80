"""Firefox's add-on install notifications (upstream/firefox_addons.json, browser/omni.ja
addonNotifications.ftl of firefox-esr 153.8.0). Only addon-install-error-network-failure
is about the connection: the download of the .xpi failed (any network error: a TLS
interception product or antivirus whose root Firefox does not trust, a filtering proxy or
firewall, no route, a wrong proxy setting), which one unsaid: a ranking below 0.6. The
others are the file's own state (signature, hash, compatibility, policy, the profile's
files): not TLS. The local install's "network-failure" key is a filesystem error."""

from __future__ import annotations

JUDGE = {
    "addon-install-error-network-failure": (
        "middlebox_or_firewall_interference:.35 tls_interception_mitm:.3 "
        "name_resolution_or_unreachable:.2 client_misconfiguration:.15 | generic"),
}

RULES = (
    (r"^addon-(?:local-)?install-error-", "not_tls",
     "the add-on file's own state, a policy or the profile's files, not the connection"),
)
