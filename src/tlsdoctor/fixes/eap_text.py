"""Fix steps for an 802.1X (EAP-TLS, PEAP, TTLS) certificate refusal read from words.

The finding's facts say who refused whom (diagnosis/rules/_text.py, "eap_verifier"): the
supplicant refused the RADIUS server's certificate ("supplicant"), or the RADIUS server
refused the client's ("radius"). The steps name the settings of the software involved:
wpa_supplicant's network block (wpa_supplicant/wpa_supplicant.conf: ca_cert,
domain_suffix_match, client_cert, private_key), NetworkManager's 802-1x settings
(nm-settings-nmcli(5): 802-1x.ca-cert, 802-1x.domain-suffix-match, 802-1x.client-cert,
802-1x.private-key), iwd's network file (iwd.network(5): EAP-PEAP-CACert,
EAP-PEAP-ServerDomainMask, EAP-TLS-ClientCert, EAP-TLS-ClientKey) and FreeRADIUS' EAP
module (raddb/mods-available/eap, tls-config tls-common: certificate_file,
private_key_file, ca_file; Debian's /etc/freeradius/3.0, Red Hat's /etc/raddb).
"""

from __future__ import annotations

from ..causes import Cause
from ..finding import Finding, FixStep
from .context import FixContext

__all__ = ["eap_text_steps", "is_eap"]

# Round 21 (applied to a real FreeRADIUS 3.2 and eapol_test 2.10): eapol_test -o writes each
# certificate as its verify callback sees it, issuers first and the server's own (depth 0)
# last (hostap wpa_supplicant/eapol_test.c, eapol_test_cert_cb; measured: root, root, server),
# so openssl x509 on the file read the CA, not the server's certificate; the last one is
# taken out first.
_LAST_CERT = ("awk '/-----BEGIN CERTIFICATE-----/{c=\"\"} {c=c $0 \"\\n\"} "
              "/-----END CERTIFICATE-----/{last=c} END{printf \"%s\", last}' "
              "/tmp/radius-chain.pem > /tmp/radius-server.pem")

_CHECK_SERVER = FixStep(
    text="See the certificate the RADIUS server presents: eapol_test (wpa_supplicant's test "
         "client) writes the chain it received to a file, issuers first and the server's "
         "own certificate last; or read the certificate_file line of FreeRADIUS' EAP module "
         "on the server:",
    code="eapol_test -c peap.conf -a RADIUS_IP -s SECRET -o /tmp/radius-chain.pem\n"
         + _LAST_CERT + "\n"
         "openssl x509 -in /tmp/radius-server.pem -noout -subject -issuer -dates "
         "-ext subjectAltName\n"
         "# on the RADIUS server:\n"
         "grep -nE 'certificate_file|ca_file|private_key_file' "
         "/etc/freeradius/3.0/mods-available/eap")

_SUPPLICANT_CA = FixStep(
    text="Give the supplicant the CA that issued the RADIUS server's certificate (ask the "
         "RADIUS administrator for it; compare its fingerprint out of band), in the Wi-Fi / "
         "802.1X profile, then reconnect:",
    code='# wpa_supplicant.conf, in the network={...} block:\n'
         'ca_cert="/etc/wpa_supplicant/radius-ca.pem"\n'
         "# NetworkManager:\n"
         "nmcli connection modify WIFI-NAME 802-1x.ca-cert /etc/pki/radius-ca.pem\n"
         "# iwd (/var/lib/iwd/NETWORK.8021x, [Security]):\n"
         "EAP-PEAP-CACert=/var/lib/iwd/radius-ca.pem   # EAP-TLS-CACert / EAP-TTLS-CACert",
    applies_to="wpa_supplicant")

_SERVER_CHAIN = FixStep(
    text="On the RADIUS server, serve the whole chain: certificate_file holds the server's "
         "certificate followed by its intermediates, then restart FreeRADIUS:",
    code="# /etc/freeradius/3.0/mods-available/eap, tls-config tls-common { ... }\n"
         "certificate_file = ${certdir}/server-fullchain.pem\n"
         "private_key_file = ${certdir}/server.key\n"
         "sudo freeradius -XC && sudo systemctl restart freeradius",
    applies_to="freeradius")

_NAME = FixStep(
    text="The RADIUS server's certificate does not carry the name the supplicant checks "
         "(domain_suffix_match, domain_match, subject_match, altsubject_match). Set the "
         "profile's name to one in the certificate's subjectAltName DNS entries (the "
         "CTRL-EVENT-EAP-PEER-ALT / subject lines show them):",
    code='# wpa_supplicant.conf, network={...}:\n'
         'domain_suffix_match="radius.example.org"\n'
         "# NetworkManager:\n"
         "nmcli connection modify WIFI-NAME 802-1x.domain-suffix-match radius.example.org\n"
         "# iwd:\n"
         "EAP-PEAP-ServerDomainMask=radius.example.org",
    applies_to="wpa_supplicant")

# Round 17 (applied to a real FreeRADIUS 3.2): a new certificate comes with its own key, so
# both lines change (certificate_file alone makes the server refuse to start: the key does
# not match); the certificate's file is the one certificate_file names (Debian's package
# names /etc/ssl/certs/ssl-cert-snakeoil.pem, not a file under certs/).
_NAME_SERVER = FixStep(
    text="Or give the RADIUS server a certificate whose subjectAltName holds the name every "
         "supplicant is configured with (with its own key), and restart it:",
    code="# /etc/freeradius/3.0/mods-available/eap, tls-config tls-common { ... }\n"
         "certificate_file = ${certdir}/radius.example.org.pem\n"
         "private_key_file = ${certdir}/radius.example.org.key\n"
         "sudo freeradius -XC && sudo systemctl restart freeradius",
    applies_to="freeradius")

_RENEW_SERVER = FixStep(
    text="Renew the RADIUS server's certificate (the file certificate_file names: "
         "CERTIFICATE_FILE) and restart FreeRADIUS; check the supplicant's clock too when the "
         "dates look right:",
    code="grep -nE 'certificate_file|private_key_file' "
         "/etc/freeradius/3.0/mods-available/eap\n"
         "openssl x509 -in CERTIFICATE_FILE -noout -dates\n"
         "# after replacing it (and its key, private_key_file):\n"
         "sudo freeradius -XC && sudo systemctl restart freeradius\n"
         "date -u   # on the supplicant",
    applies_to="freeradius")

_CLIENT_CERT = FixStep(
    text="The RADIUS server refused this client's certificate: give the supplicant a valid "
         "certificate issued by the CA the server trusts, with its key:",
    code='# wpa_supplicant.conf, network={...}:\n'
         'client_cert="/etc/wpa_supplicant/client.pem"\n'
         'private_key="/etc/wpa_supplicant/client.key"\n'
         "# NetworkManager:\n"
         "nmcli connection modify WIFI-NAME 802-1x.client-cert /etc/pki/client.pem "
         "802-1x.private-key /etc/pki/client.key\n"
         "openssl x509 -in /etc/wpa_supplicant/client.pem -noout -issuer -dates",
    applies_to="wpa_supplicant")

# Round 17 (applied to a real FreeRADIUS 3.2): ca_file is one file, and every CA in it is
# accepted (and used for the server's own chain): pointing it at the client's CA alone
# refuses every client accepted until then. The step keeps those CAs and adds this one.
_SERVER_CA = FixStep(
    text="Or, if the client's CA is meant to be accepted: add that CA (client-ca.pem) to the "
         "CAs FreeRADIUS verifies client certificates against (ca_file; CA_FILE: the file it "
         "names now, which stays in), then check and restart:",
    code="grep -n 'ca_file' /etc/freeradius/3.0/mods-available/eap\n"
         "cat CA_FILE client-ca.pem | sudo tee /etc/freeradius/3.0/certs/client-cas.pem "
         ">/dev/null\n"
         "# /etc/freeradius/3.0/mods-available/eap, tls-config tls-common { ... }\n"
         "ca_file = ${cadir}/client-cas.pem\n"
         "sudo freeradius -XC && sudo systemctl restart freeradius",
    applies_to="freeradius")

_PINNED = FixStep(
    text="The profile pins the RADIUS server's certificate (ca_cert=\"hash://server/sha256/"
         "...\"). If the RADIUS administrator renewed it, pin the new certificate's SHA-256 "
         "(better: trust its CA with ca_cert= and check its name with domain_suffix_match); "
         "if nobody renewed it, this may be another access point: do not connect.",
    code="openssl x509 -in /tmp/radius-server.pem -outform DER | sha256sum\n"
         "# wpa_supplicant.conf, network={...}:\n"
         'ca_cert="hash://server/sha256/<the new hash>"',
    applies_to="wpa_supplicant")

# Round 17: no shared TLS version (FreeRADIUS' "fatal protocol_version" alert), which printed
# web servers' lines before. FreeRADIUS' tls-config settings tls_min_version/tls_max_version
# (raddb/mods-available/eap, 3.2: "1.0" to "1.3"); wpa_supplicant's network-block phase1 flags
# tls_disable_tlsv1_0..tls_disable_tlsv1_3 (wpa_supplicant/wpa_supplicant.conf, hostap 2.10;
# its EAP-TLS offers TLS 1.3 only with tls_disable_tlsv1_3=0). Applied in
# tests/ingest/test_round17_eap_fix_applied.py.
_VERSION_SERVER = FixStep(
    text="The supplicant and the RADIUS server share no TLS version: FreeRADIUS allows "
         "tls_min_version to tls_max_version (Debian's package: 1.2 only), the supplicant "
         "what its phase1 tls_disable_tlsv1_x flags leave. Allow the supplicant's version on "
         "the server (TLS 1.3 needs FreeRADIUS 3.2), then check and restart:",
    code="# /etc/freeradius/3.0/mods-available/eap, tls-config tls-common { ... }\n"
         'tls_min_version = "1.2"\n'
         'tls_max_version = "1.3"\n'
         "sudo freeradius -XC && sudo systemctl restart freeradius",
    applies_to="freeradius")

_VERSION_SUPPLICANT = FixStep(
    text="Or let the supplicant use TLS 1.2 (its phase1 flags; other phase1 parameters of "
         "the profile stay):",
    code="# wpa_supplicant.conf, network={...}:\n"
         'phase1="tls_disable_tlsv1_2=0"',
    applies_to="wpa_supplicant")

_BY_CAUSE: dict[tuple[str, Cause], tuple[FixStep, ...]] = {
    ("supplicant", Cause.CERT_UNTRUSTED_ROOT): (_CHECK_SERVER, _SUPPLICANT_CA),
    ("supplicant", Cause.CERT_SELF_SIGNED): (_CHECK_SERVER, _SUPPLICANT_CA),
    ("supplicant", Cause.INCOMPLETE_CHAIN): (_CHECK_SERVER, _SERVER_CHAIN),
    ("supplicant", Cause.HOSTNAME_MISMATCH): (_CHECK_SERVER, _NAME, _NAME_SERVER),
    ("supplicant", Cause.CERT_EXPIRED): (_CHECK_SERVER, _RENEW_SERVER),
    ("supplicant", Cause.CERT_NOT_YET_VALID): (_CHECK_SERVER, _RENEW_SERVER),
    ("radius", Cause.CLIENT_CERT_REQUIRED): (_CLIENT_CERT, _SERVER_CA),
    ("radius", Cause.CERT_EXPIRED): (_CLIENT_CERT,),
    ("radius", Cause.CERT_NOT_YET_VALID): (_CLIENT_CERT,),
    ("radius", Cause.CERT_REVOKED): (_CLIENT_CERT,),
    ("radius", Cause.SERVER_MISCONFIGURATION): (_SERVER_CA,),
    ("radius", Cause.PROTOCOL_VERSION_MISMATCH): (_VERSION_SERVER, _VERSION_SUPPLICANT),
    ("supplicant", Cause.PROTOCOL_VERSION_MISMATCH): (_VERSION_SERVER, _VERSION_SUPPLICANT),
}


def is_eap(f: Finding) -> bool:
    return bool(f.facts.get("eap_verifier"))


def eap_text_steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """The 802.1X steps for ``f``; () where the generic line is right."""
    del ctx  # the names come from the words: no server was probed
    if str(f.facts.get("eap_what", "")).startswith("pinned"):
        return (_CHECK_SERVER, _PINNED)
    return _BY_CAUSE.get((str(f.facts.get("eap_verifier")), f.cause), ())
