"""Android's network security config: the trust manager of an app that declares one
(aosp-mirror/platform_frameworks_base core/java/android/security/net/config/
NetworkSecurityTrustManager.java).

Its pins are checked only after the chain was trusted by the config's own anchors (checkPins
runs on the delegate's trusted chain), and since Android 7 an app trusts only the system's
CAs unless its config adds others: a proxy whose CA the user installed fails earlier, at
"Trust anchor for certification path not found". So "Pin verification failed" is a chain
the device trusts whose keys the app's pin-set does not hold: most often the server moved to
another key or CA and the app's pins were not updated (the app's config is what changes),
then a proxy whose CA the device does trust (a system CA, or a config that trusts user CAs
without overridePins), then a server sending a certificate it should not. Below 0.6: the
server's current SPKI hashes against the pin-set tell them apart. A trusted chain whose
root is not among the config's anchors ("Trusted chain does not end in a TrustAnchor") is
the config's anchors disagreeing with the chain the delegate built.
"""

from __future__ import annotations

PINS = ("client_misconfiguration:.45 tls_interception_mitm:.35 server_misconfiguration:.2 "
        "| reason")

JUDGE = {
    "Pin verification failed": PINS,
    "Trusted chain does not end in a TrustAnchor":
        "client_misconfiguration:.55 cert_untrusted_root:.45 | specific",
}
