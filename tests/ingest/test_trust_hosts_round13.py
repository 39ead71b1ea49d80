"""Round 13: what the host and the console say around a chain-trust failure.

- a hidden host ("https://<bucket_name>.<domain>/", "harbor.xxx.com", "[REDACTED]") is the
  poster's own server: read as a private one, never as a big public host;
- the hosts CLIs, runtimes and package managers fetch from (Microsoft's sign-in, Composer
  repositories, rustup, Helm, CPAN, CRAN...) are big public hosts;
- a Windows console's hard wrap inside a word ("unable to get local iss\\nuer certificate")
  does not hide the wording;
- Firefox's add-on installer's "Certificate issuer is not built-in" is a re-signed chain.
"""

from __future__ import annotations

import pytest

from tlsdoctor import explain
from tlsdoctor.diagnosis.causes import Cause as C
from tlsdoctor.diagnosis.causes import Party
from tlsdoctor.ingest import hostclass, trust_context

CONFIDENT = 0.6

# A trust wording in several programs' printed forms; {url} and {host} are the server.
FORMS = (
    ("issuer_not_found", "requests.exceptions.SSLError: HTTPSConnectionPool(host='{host}', "
     "port=443): Max retries exceeded with url: / (Caused by SSLError(SSLCertVerificationError("
     "1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local "
     "issuer certificate (_ssl.c:1006)')))"),
    ("self_signed_in_chain", "SSL validation failed for {url} [SSL: CERTIFICATE_VERIFY_FAILED]"
     " certificate verify failed: self signed certificate in certificate chain (_ssl.c:1000)"),
    ("issuer_not_found", "curl: (60) SSL certificate problem: unable to get local issuer "
     "certificate ({url})"),
    ("unknown_issuer", 'Get "{url}": x509: certificate signed by unknown authority'),
    ("unknown_issuer", "javax.net.ssl.SSLHandshakeException: PKIX path building failed: "
     "unable to find valid certification path to requested target ({url})"),
)
HIDDEN = ("https://<bucket_name>.<domain>/?list-type=2", "https://{{registry}}/v2/",
          "https://harbor.xxx.com/v2/", "https://[REDACTED]/api", "https://***.com/x",
          "https://git.mydomain.com/repo.git", "https://api.your-domain.io/",
          "https://gitlab.company.com/group/repo.git", "https://XXXXX.cloud/",
          "https://nexus.redacted.net/repository/")
_PRIVATE_TOP = {"issuer_not_found": C.CERT_UNTRUSTED_ROOT,
                "self_signed_in_chain": C.CERT_UNTRUSTED_ROOT,
                "unknown_issuer": C.CERT_UNTRUSTED_ROOT}
NEW_PUBLIC = ("login.microsoftonline.com", "packages.drupal.org", "static.rust-lang.org",
              "get.helm.sh", "formulae.brew.sh", "www.cpan.org", "cloud.r-project.org",
              "hackage.haskell.org", "pub.dev", "repo.hex.pm", "cdn.cocoapods.org",
              "community.chocolatey.org", "www.powershellgallery.com", "downloads.apache.org",
              "download.eclipse.org", "dl.fedoraproject.org", "dl-cdn.alpinelinux.org",
              "hooks.slack.com", "huggingface.co", "wordpress.org", "myacr.azurecr.io")


def _host_of(url: str) -> str:
    return url.split("://", 1)[1].split("/", 1)[0]


@pytest.mark.parametrize("url", HIDDEN)
@pytest.mark.parametrize(("kind", "form"), FORMS, ids=[f"{k}-{i}" for i, (k, _) in
                                                       enumerate(FORMS)])
def test_a_hidden_host_is_the_posters_own_server(kind: str, form: str, url: str) -> None:
    text = form.format(url=url.replace("{{", "{").replace("}}", "}"), host=_host_of(url))
    assert hostclass.classify(text).kind == hostclass.PRIVATE, text
    assert trust_context.kind_of(text)[0] == kind  # type: ignore[index]
    r = explain(text)
    first = r.findings[0]
    assert first.cause is _PRIVATE_TOP[kind] and first.confidence < CONFIDENT, (
        text, [(f.cause, f.confidence) for f in r.findings])
    assert "<" not in r.next and "[" not in r.next  # never a placeholder to diagnose


@pytest.mark.parametrize("text", [
    "curl: (60) SSL certificate problem: unable to get local issuer certificate "
    "(https://github.com/x/y)  # hosts like xxx.example are placeholders",
    "HTTPSConnectionPool(host='pypi.org', port=443) see https://<your-proxy>/",
])
def test_a_named_public_host_wins_over_a_placeholder(text: str) -> None:
    assert hostclass.classify(text).kind == hostclass.PUBLIC


@pytest.mark.parametrize("text", [
    "Get https://service.example.com/: x509: certificate signed by unknown authority",
    "curl: (60) SSL certificate problem: unable to get local issuer certificate "
    "(https://www.xxxlutz.de/)",  # a real name that only starts with xxx
    "SSL validation failed for https://mybucket.s3.companyname.com/",
])
def test_ordinary_names_are_not_hidden_ones(text: str) -> None:
    assert hostclass.classify(text).kind == ""


@pytest.mark.parametrize("host", NEW_PUBLIC)
@pytest.mark.parametrize(("kind", "form"), FORMS[:4], ids=[f"{k}-{i}" for i, (k, _) in
                                                           enumerate(FORMS[:4])])
def test_the_hosts_clis_and_package_managers_fetch_from_are_public(kind: str, form: str,
                                                                   host: str) -> None:
    text = form.format(url=f"https://{host}/x", host=host)
    assert hostclass.classify(text).kind == hostclass.PUBLIC
    r = explain(text)
    first, second = r.findings[0], r.findings[1]
    assert first.cause is C.TLS_INTERCEPTION_MITM and first.confidence < CONFIDENT, text
    # Second, this client's store: its own setting, or (round 19: the dev threads of a
    # self-signed root in a public host's chain name it that way) the root it lacks.
    assert second.cause in (C.CLIENT_MISCONFIGURATION, C.CERT_UNTRUSTED_ROOT), text
    assert second.who_fixes is Party.CLIENT and second.confidence < first.confidence
    assert host in r.next


@pytest.mark.parametrize("cut", [3, 9, 15, 22, 30])
@pytest.mark.parametrize("wording", [
    "SSL certificate problem: unable to get local issuer certificate",
    "certificate verify failed: self signed certificate in certificate chain",
    "PKIX path building failed: unable to find valid certification path to requested target",
])
def test_a_console_hard_wrap_inside_a_word_keeps_the_wording(wording: str, cut: int) -> None:
    # PowerShell wraps at the window's width wherever it falls; cut inside a word only
    at = next(i for i in range(cut, len(wording)) if wording[i - 1].isalpha()
              and wording[i].isalpha())
    text = ("https://packages.drupal.org/8 could not be fully loaded (curl error 60 while "
            f"downloading https://packages.drupal.org/8/packages.json: {wording[:at]}\n"
            f"{wording[at:]})")
    whole = trust_context.kind_of(wording)
    assert whole is not None and trust_context.kind_of(text)[0] == whole[0]  # type: ignore[index]


def test_a_line_break_between_words_is_not_joined() -> None:
    assert trust_context.kind_of("unable to get local\nissuer certificate") is not None
    assert trust_context.kind_of("an issuer\ncertificate was sent") is None


@pytest.mark.parametrize("text", [
    '1510156312761\taddons.xpi\tWARN\tDownload of https://addons.cdn.mozilla.net/user-media/'
    'addons/1/a.xpi failed: [Exception... "Certificate issuer is not built-in."  nsresult: '
    '"0x80004004 (NS_ERROR_ABORT)"  location: "JS frame :: resource://gre/modules/CertUtils.jsm'
    ' :: checkCert :: line 169"  data: no]',
    'AUS:SVC Checker:onError - request.status: 2153390067, update.url: https://aus5.mozilla.org/'
    'update/3/Firefox/x.xml, exception: [Exception... "Certificate issuer is not built-in."',
    "Error: Certificate issuer is not built-in. (CertUtils.sys.mjs checkCert)",
])
def test_firefox_refusing_a_root_that_is_not_built_in_means_re_signed(text: str) -> None:
    r = explain(text)
    first = r.findings[0]
    assert first.cause is C.TLS_INTERCEPTION_MITM and first.confidence >= CONFIDENT
    assert r.findings[1].confidence < first.confidence


# .NET on Linux/macOS reads OpenSSL's CA directory: its SDK path names that store.
DOTNET_PATHS = ("/home/dev/.dotnet/sdk/8.0.100/NuGet.targets(156,5)",
                "/home/ci/.dotnet-nightly/sdk/3.0.100-preview6-012026/NuGet.targets(123,5)",
                "/usr/share/dotnet/sdk/6.0.400/NuGet.targets(132,5)",
                "/snap/dotnet-sdk/27/sdk/2.2.103/NuGet.targets(114,5)",
                "/usr/lib/dotnet/sdk/7.0.105/NuGet.targets(132,5)",
                "/root/.dotnet/sdk/5.0.100/NuGet.targets(128,5)",
                "/usr/local/share/dotnet/sdk/8.0.204/NuGet.targets(156,5)")
DOTNET_WORDS = ("The remote certificate is invalid according to the validation procedure.",
                "The remote certificate is invalid because of errors in the certificate chain: "
                "UntrustedRoot",
                "The remote certificate is invalid because of errors in the certificate chain: "
                "PartialChain")


@pytest.mark.parametrize("words", DOTNET_WORDS)
@pytest.mark.parametrize("path", DOTNET_PATHS)
def test_dotnet_on_unix_names_its_own_store(path: str, words: str) -> None:
    text = (f"{path}: error : Unable to load the service index for source "
            "https://api.nuget.org/v3/index.json.\n"
            f"{path}: error :   The SSL connection could not be established, see inner "
            f"exception.\n{path}: error :   {words}")
    r = explain(text)
    first, second = r.findings[0], r.findings[1]
    assert first.cause is C.CLIENT_MISCONFIGURATION and first.confidence < CONFIDENT, text
    assert second.cause is C.TLS_INTERCEPTION_MITM and second.confidence < first.confidence
    assert any("ca-certificates" in (s.code or "") for s in first.fix)


def test_dotnet_on_windows_is_not_read_as_its_store() -> None:
    text = (r"C:\Program Files\dotnet\sdk\8.0.100\NuGet.targets(156,5): error :   The remote "
            "certificate is invalid according to the validation procedure. "
            "(https://api.nuget.org/v3/index.json)")
    assert explain(text).findings[0].cause is C.TLS_INTERCEPTION_MITM
