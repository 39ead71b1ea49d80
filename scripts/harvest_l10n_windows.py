"""Windows' own system messages for Schannel/CryptoAPI errors, in other languages.

Schannel clients (curl and git for Windows on schannel, .NET's SslStream and
Win32Exception, SQL Server's client drivers, PowerShell, Rust's and Python's Windows back
ends) print an HRESULT's system message (FormatMessage) in the display language of the
machine. The English texts are the Windows SDK's winerror.h (patterns/dotnet.py CODES);
the localised ones ship in Windows' own message tables, which no public repository holds.
So each translation here is one that real program output shows next to its code or in its
program's wrapper, in public files found through the code index (``find_string``): curl's
and git's "schannel: SEC_E_UNTRUSTED_ROOT (0x80090325) - <text>", "Unknown error
(0x80092012) - <text>", .NET's "Win32Exception (0x80090325): <text>", SqlClient's
"(provider: SSL Provider, error: 0 - <text>)". Microsoft's localised documentation pages
are not a source on their own: they are partly machine-translated and differ from what
Windows prints (sql-docs.fr-fr's "émise par une autorité" where curl prints "fournie par
une autorité"; sql-docs.es-es's "Una entidad que no es de confianza ha emitido ..." where
SqlClient prints "La cadena de certificación fue emitida ..."); they are recorded as
a second witness only where they agree with program output.

A text is kept when program output prints it beside its code or its exception type (which
say what message it is), or when two public copies agree (``SOURCES``' ``seen``: the code index's file id
and the form it was printed in). Left out for want of that: German
CRYPT_E_NO_REVOCATION_CHECK (one copy, without its code), the French .NET validation
sentence (one copy), the pt-BR TrustFailure (two Microsoft pages, two wordings).

The pairing with the English pattern, the reading and the output format are
``harvest_l10n.py``'s: ``src/tlsdoctor/ingest/patterns/l10n_windows.json``, read by
``patterns/l10n.py`` beside ``l10n.json``.

Run: PYTHONPATH=src python3 scripts/harvest_l10n_windows.py
"""

from __future__ import annotations

import json
from pathlib import Path

from harvest_l10n import _table, english_row

from tlsdoctor.api import explain
from tlsdoctor.ingest.messages import find_matches
from tlsdoctor.ingest.patterns.dotnet import CODES
from tlsdoctor.ingest.patterns.l10n import pairs_of, to_regex

OUT = Path(__file__).resolve().parents[1] / "src/tlsdoctor/ingest/patterns/l10n_windows.json"

_SQLDOCS = "docs/linux/sql-server-linux-encrypted-connections.md"



def _w(name: str) -> tuple[str, str]:
    """(key, English sentence) of a Windows code: winerror.h's text (patterns/dotnet.py)."""
    return f"{name} ({CODES[name][0]})", CODES[name][1] + "."


# .NET's own sentences around them (System.dll's resources, localised by the .NET language
# packs): SslStream's refusal of the server certificate, and WebExceptionStatus.TrustFailure.
_REMOTE = ("AuthenticationException (SslStream, RemoteCertificateValidation)",
           "The remote certificate is invalid according to the validation procedure.")
_TRUST = ("WebExceptionStatus.TrustFailure",
          "Could not establish trust relationship for the SSL/TLS secure channel.")

# (key, English sentence, language, the localised message as printed, where it was seen)
SOURCES: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    (*_w("SEC_E_UNTRUSTED_ROOT"), "de",
     "Die Zertifikatkette wurde von einer nicht vertrauenswürdigen Zertifizierungsstelle "
     "ausgestellt.", (
         "code index 33363959845: Microsoft's de-DE SCSM troubleshooting page quoting SqlClient "
         "'(Anbieter: SSL-Anbieter, Fehler: 0 – <text>)'",
         "code index 60152600230: a Rust client's test of its German Windows output "
         "'<text> (os error ...)'",
         f"MicrosoftDocs/sql-docs.de-de {_SQLDOCS} @ 62e585e7043a9ab79158755f6945a63724883bf6")),
    (*_w("SEC_E_UNTRUSTED_ROOT"), "fr",
     "La chaîne de certificats a été fournie par une autorité qui n'est pas approuvée.", (
         "code index 33296699340: 'curl: (77) schannel: next InitializeSecurityContext failed: "
         "SEC_E_UNTRUSTED_ROOT (0x80090325) - <text>'",
         "code index 5704704270: 'curl: (60) schannel: SEC_E_UNTRUSTED_ROOT (0x80090325) - "
         "<text>'")),
    (*_w("SEC_E_UNTRUSTED_ROOT"), "es",
     "La cadena de certificación fue emitida por una entidad en la que no se confía.", (
         "code index 61114239764: git 'schannel: SEC_E_UNTRUSTED_ROOT (0x80090325) - <text>'",
         "code index 16184034518 and 33108364013: SqlClient '(provider: SSL Provider, error: 0 - "
         "<text>)', '(provider: Proveedor de SSL, error: 0 - <text>)'")),
    (*_w("SEC_E_UNTRUSTED_ROOT"), "pt_BR",
     "A cadeia de certificação foi emitida por uma autoridade que não é de confiança.", (
         "code index 67627790928: git 'schannel: SEC_E_UNTRUSTED_ROOT (0x80090325) - <text>'",
         "code index 21273937297 and 39737861723: sqlcmd 'SSL Provider: <text>', SqlClient "
         "'(provider: SSL Provider, error: 0 - <text>)'")),
    (*_w("SEC_E_UNTRUSTED_ROOT"), "it",
     "La catena di certificati è stata emessa da un'autorità non attendibile.", (
         "code index 46176969975: Microsoft's it-IT troubleshooting page quoting SqlClient "
         "'(provider: Provider SSL, errore: 0 - <text>)'",
         "code index 16083122463: Microsoft's it-IT IoT Edge page, the error as its heading")),
    (*_w("SEC_E_UNTRUSTED_ROOT"), "pl",
     "Łańcuch certyfikatów został wystawiony przez urząd, którego nie jest zaufany.", (
         "code index 19949713534: SSMS '(provider: SSL Provider, error: 0 - <text>) "
         "(Microsoft SQL Server, Error: -2146893019)'",
         "code index 12962483807: SqlClient '(provider: SSL Provider, error: 0 - <text>)'")),
    (*_w("SEC_E_UNTRUSTED_ROOT"), "ru",
     "Цепочка сертификатов выпущена центром сертификации, не имеющим доверия.", (
         "code index 68858706442: 'curl: (60) schannel: SEC_E_UNTRUSTED_ROOT (0x80090325) - "
         "<text>'",
         "code index 41973563090: the same curl line in another course's notes")),
    (*_w("SEC_E_UNTRUSTED_ROOT"), "ja",
     "信頼されていない機関によって証明書チェーンが発行されました。", (
         "code index 70957677068: an ASP.NET health check's SqlClient '(provider: SSL "
         "プロバイダー, error: 0 - <text>)'",
         "code index 71394900322: the same wrapper in another project's log")),
    (*_w("SEC_E_UNTRUSTED_ROOT"), "zh_CN",
     "证书链是由不受信任的颁发机构颁发的。", (
         "code index 4973099528: 'System.ComponentModel.Win32Exception (0x80090325): <text>'",
         "code index 61473279362: 'Microsoft.Data.SqlClient.SqlException (0x80131904): ... "
         "(provider: SSL Provider, error: 0 - <text>)'")),
    (*_w("SEC_E_UNTRUSTED_ROOT"), "zh_TW",
     "此憑證鏈結是由不受信任的授權單位發出的。", (
         "code index 48922479499: 'System.ComponentModel.Win32Exception (0x80090325): <text>'",
         "code index 56774080147: SqlClient '(provider: SSL Provider, error: 0 - <text>)'")),
    (*_w("SEC_E_UNTRUSTED_ROOT"), "ko",
     "신뢰할 수 없는 기관에서 인증서 체인을 발급했습니다.", (
         "code index 41622110764: a C++ project's note of ODBC Driver 18's error, quoted",
         "code index 29935466135: Microsoft's ko-KR IoT Edge page, the error as its heading")),
    (*_w("SEC_E_UNTRUSTED_ROOT"), "tr",
     "Sertifika zinciri güvenilmeyen bir yetkili tarafından verildi.", (
         "code index 19271027164 and 14280919471: SqlClient '(provider: SSL Provider, error: "
         "0 - <text>)' in two projects' notes",
         "code index 35610766329: the same wrapper in a third project")),
    (*_w("SEC_E_WRONG_PRINCIPAL"), "de", "Der Zielprinzipalname ist falsch.", (
        "code index 60152600230: a Rust client's test of its German Windows output "
        "'<text> (os error -2146893022)'",
        "code index 16411646635: Microsoft's de-DE AD replication page, '-2146893022: <text>'",
        f"MicrosoftDocs/sql-docs.de-de {_SQLDOCS} @ 62e585e7043a9ab79158755f6945a63724883bf6")),
    (*_w("SEC_E_WRONG_PRINCIPAL"), "zh_CN", "目标主体名称不正确。", (
        "code index 4994531325: Microsoft's zh-CN AD replication page, '-2146893022 ...: "
        "<text>'",
        "code index 68488542353: '-2146893022 / 0x80090322 | <text>'",
        f"yy28/sql-docs.zh-cn {_SQLDOCS} @ 007baab4549d5c8201f9218b5dfa194099434d1d")),
    (*_w("CRYPT_E_NO_REVOCATION_CHECK"), "fr",
     "La fonction de révocation n'a pas pu vérifier la révocation du certificat.", (
         "code index 33296699340: 'curl: (35) schannel: next InitializeSecurityContext failed: "
         "Unknown error (0x80092012) - <text>'",
         "code index 23535306595 and 68470192278: the same curl line, 'Unknown error "
         "(0x80092012)' and 'CRYPT_E_NO_REVOCATION_CHECK'")),
    (*_w("CRYPT_E_NO_REVOCATION_CHECK"), "es",
     "La función de revocación no puede comprobar la revocación para el certificado.", (
         "code index 26221267108: vagrant's curl 'schannel: next InitializeSecurityContext "
         "failed: Unknown error (0x80092012) - <text>' (printed through the OEM code page: "
         "ó as ¾)",)),
    (*_w("CRYPT_E_NO_REVOCATION_CHECK"), "zh_CN", "吊销功能无法检查证书是否吊销。", (
        "code index 70962434535: 'curl: (35) schannel: next InitializeSecurityContext failed: "
        "CRYPT_E_NO_REVOCATION_CHECK (0x80092012) - <text>'",)),
    (*_w("CRYPT_E_NO_REVOCATION_CHECK"), "ko", "해당 함수에서 인증서에 대한 파기 여부를 검사하지 못했습니다.", (
        "code index 52459242509: vagrant's curl 'schannel: next InitializeSecurityContext "
        "failed: Unknown error (0x80092012) - <text>'",)),
    (*_w("SEC_E_WRONG_PRINCIPAL"), "ru", "Главное конечное имя неверно.", (
        "code index 68404621458: 'curl: (60) schannel: SNI or certificate check failed: "
        "SEC_E_WRONG_PRINCIPAL (0x80090322) - <text>'",
        "code index 69461628033: the same curl line in another copy of the course's notes")),
    (*_w("SEC_E_CERT_EXPIRED"), "ru", "Получен сертификат с истекшим сроком действия.", (
        "code index 68334144083: 'curl: (35) schannel: next InitializeSecurityContext failed: "
        "SEC_E_CERT_EXPIRED (0x80090328) - <text>'",
        "code index 69452049382: the same curl line in another copy")),
    (*_w("SEC_E_CERT_EXPIRED"), "zh_CN", "收到的证书已过期。", (
        "code index 60049900136: curl 'SEC_E_CERT_EXPIRED (0x80090328) - <text>' quoted "
        "without its full stop",)),
    (*_w("CRYPT_E_NO_REVOCATION_CHECK"), "ru",
     "Функция отзыва не смогла произвести проверку отзыва для сертификата.", (
         "code index 5115233023: 'curl: (35) schannel: next InitializeSecurityContext failed: "
         "CRYPT_E_NO_REVOCATION_CHECK (0x80092012) - <text>'",)),
    (*_w("CRYPT_E_REVOCATION_OFFLINE"), "zh_CN", "由于吊销服务器已脱机，吊销功能无法检查吊销。", (
        "code index 67333301061 and 69121841348: 'curl: (35) schannel: next "
        "InitializeSecurityContext failed: CRYPT_E_REVOCATION_OFFLINE (0x80092013) - <text>'",
        "code index 55012257989: 'Unknown error (0x80092013) - <text>'")),
    (*_w("CRYPT_E_REVOCATION_OFFLINE"), "ja",
     "失効サーバーがオフラインのため、失効の関数は失効を確認できませんでした。", (
         "code index 6722141949: curl '* schannel: next InitializeSecurityContext failed: "
         "Unknown error (0x80092013) - <text>'",)),
    (*_REMOTE, "de", "Das Remotezertifikat ist laut Validierungsverfahren ungültig.", (
        "code index 1273620044: Microsoft's de-DE SSIS Scale Out page quoting 'System.Net."
        "WebException: ... ---> System.Security.Authentication.AuthenticationException: <text>'",
        "code index 24211999354 and 8912212131: the same exception in the de-DE gRPC and "
        "Data Factory pages")),
    (*_REMOTE, "es",
     "El certificado remoto no es válido según el procedimiento de validación.", (
         "code index 43472367616: 'System.Security.Authentication.AuthenticationException: "
         "<text>' (es-ES SSIS Scale Out page)",
         "code index 58443679537: Power BI's Npgsql provider error, quoted")),
    (*_REMOTE, "pt_BR",
     "O certificado remoto é inválido de acordo com o procedimento de validação.", (
         "code index 40313250043: '---> System.Security.Authentication.AuthenticationException: "
         "<text>' (pt-BR SSIS Scale Out page)",
         "code index 52054927635: Power BI's Npgsql provider error, quoted")),
    (*_REMOTE, "ja", "検証プロシージャによると、リモート証明書は無効です。", (
        "code index 49350718735: 'System.Net.WebException: ... ---> System.Security."
        "Authentication.AuthenticationException: <text>' (ja-JP SSIS Scale Out page)",
        "code index 10750370510: the same exception under HttpRequestException (ja-JP gRPC page)")),
    (*_REMOTE, "zh_CN", "根据验证过程，远程证书无效。", (
        "code index 20418338221: '[System.Security.Authentication.AuthenticationException："
        "<text>]'",
        "code index 4934527576: 'System.Security.Authentication.AuthenticationException: "
        "<text>'")),
    (*_REMOTE, "ru",
     "Удаленный сертификат недействителен согласно результатам проверки подлинности.", (
         "code index 25153516668: 'System.Security.Authentication.AuthenticationException: "
         "<text>'",)),
    (*_TRUST, "ja",
     "SSL/TLS のセキュリティで保護されているチャネルに対する信頼関係を確立できませんでした。", (
         "code index 49350718735: 'System.Net.WebException: 基になる接続が閉じられました: <text> "
         "---> ...' (ja-JP SSIS Scale Out page)",
         "code index 7287612297: the same sentence in the ja-JP Data Factory page")),
    (*_REMOTE, "it",
     "Il certificato remoto non è valido in base alla procedura di convalida.", (
         "code index 22658065441: 'WebException: connessione sottostante chiusa: ... ---> "
         "AuthenticationException: <text>' (it-IT SSIS Scale Out page)",
         "code index 41624557799: the same exception under HttpRequestException (it-IT gRPC "
         "page)")),
    (*_REMOTE, "ko", "유효성 검사 절차에 따르면 원격 인증서가 잘못되었습니다.", (
        "code index 43171254120: '---> System.Net.WebException: 기본 연결이 닫혔습니다. ... ---> "
        "System.Security.Authentication.AuthenticationException: <text>' (ko-KR SSIS page)",
        "code index 30560087345: the same exception under HttpRequestException (ko-KR gRPC "
        "page)")),
    (*_REMOTE, "pl", "Certyfikat zdalny jest nieprawidłowy zgodnie z procedurą walidacji.", (
        "code index 39121682508: '---> System. Security. Authentication. "
        "AuthenticationException: <text>' (pl-PL gRPC page)",
        "code index 3485228959: the Data Factory runtime's error, quoted (pl-PL page)")),
    (*_TRUST, "ko", "SSL/TLS 보안 채널에 대한 트러스트 관계를 설정할 수 없습니다.", (
        "code index 43171254120: 'System.Net.WebException: 기본 연결이 닫혔습니다. <text> ---> "
        "...' (ko-KR SSIS Scale Out page)",
        "code index 42541304366 and 39890852101: the same sentence in the ko-KR SSIS and Data "
        "Factory pages")),
    (*_TRUST, "ru", "Не удалось установить доверительные отношения для защищенного канала SSL/TLS.",
     ("code index 31101129399: a program comparing ex.Message with 'Базовое соединение "
      "закрыто: <text>'",
      "code index 34111942119: 'System.Net.WebException. Базовое соединение закрыто: <text>' "
      "(ru-RU SSIS Scale Out page)")),
)


def _row(english: str) -> tuple[str, str] | None:
    """harvest_l10n's pairing; else, for .NET's sentence whose English row reads only its
    head ("The remote certificate is invalid"), the table's longest match with a verdict and
    the English sentence's own ranking."""
    found = english_row(english)
    if found is not None:
        return found
    best = max((m for m in find_matches(english) if m.causes and m.pattern_id in _table()),
               key=lambda m: m.span, default=None)
    ranking = [(f.cause.value, round(f.confidence, 3)) for f in explain(english).findings[:4]]
    if best is None or not ranking:
        return None
    return best.pattern_id, " ".join(f"{c}:{w:g}" for c, w in ranking)


def main() -> None:
    origins = {"windows": {
        "package": "Windows system message tables (FormatMessage), as programs print them",
        "read_from": "program output in public files (each entry's 'seen')",
        "repo": "Windows SDK winerror.h (English)", "path": "MessageText per HRESULT",
        "commit": ""}}
    out = []
    for key, english, lang, printed, seen in SOURCES:
        # the runtime table's normal form (NFKC: a full-width comma, a curly apostrophe)
        ((english, text),) = pairs_of(english, printed)
        found = _row(english)
        if found is None or to_regex(text) is None:
            raise SystemExit(f"{key} {lang}: no English row or too short: {text}")
        out.append({"source": "windows", "lang": lang, "key": key,
                    "english": english, "text": text, "row": found[0], "reading": found[1],
                    "seen": " | ".join(seen)})
    lines = ",\n".join(json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in out)
    OUT.write_text(f'{{"origins":{json.dumps(origins, indent=1)},\n"entries":[\n{lines}\n]}}\n',
                   encoding="utf-8")
    print(f"{len(out)} translations -> {OUT}")


if __name__ == "__main__":
    main()
