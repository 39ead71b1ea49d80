"""The inventory format: endpoints with options and tags; bad lines reported and skipped."""

from __future__ import annotations

from pathlib import Path

from tlsdoctor.fleet.inventory import Endpoint, parse_inventory, read_inventory


def test_lines_options_tags_comments(tmp_path: Path) -> None:
    ca = tmp_path / "corp root.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    inv = tmp_path / "inv.txt"
    inv.write_text(
        "# web front ends\n"
        "\n"
        "WWW.Example.com   #web #prod\n"
        "mail.example.com:587 --client java-8 --starttls smtp  #mail\n"
        "intranet:8443 --ca-file 'corp root.pem' --connect 10.0.0.5 --sni=portal.corp\n"
        "[2001:db8::1]:8443 --no-sni # a trailing comment #notatag\n"
        "https://shop.example.com:8443/cart\n")
    got = read_inventory(str(inv))
    assert got.problems == ()
    www, mail, intra, v6, shop = got.endpoints
    assert (www.host, www.port, www.tags, www.line) == ("www.example.com", 443, ("web", "prod"), 3)
    assert (mail.port, mail.client, mail.starttls, mail.tags) == (587, "java-8", "smtp", ("mail",))
    assert intra.ca_file == str(ca.resolve())  # relative to the inventory's folder
    assert (intra.connect, intra.sni, intra.address) == ("10.0.0.5", "portal.corp", "10.0.0.5")
    assert (v6.host, v6.no_sni, v6.target, v6.tags) == ("2001:db8::1", True, "[2001:db8::1]:8443", ())
    assert (shop.host, shop.port) == ("shop.example.com", 8443)
    assert intra.key == f"intranet:8443 --sni portal.corp --connect 10.0.0.5 --ca-file '{ca.resolve()}'"


def test_bad_lines_are_reported_with_their_number_and_skipped(tmp_path: Path) -> None:
    lines = ["good.example\n",
             "bad host!name\n",
             "ok.example:99999\n",
             "x.example --client\n",
             "y.example --frobnicate 3\n",
             "z.example --ca-file missing.pem\n",
             "q.example --sni a --no-sni\n",
             "good.example\n",
             "smtp://mail.example\n",
             "'unclosed\n",
             "two.example three.example\n",
             "a" * 5000 + "\n",
             "fine.example:8443 #t1\n"]
    got = parse_inventory(lines, base=tmp_path)
    assert [e.target for e in got.endpoints] == ["good.example:443", "fine.example:8443"]
    numbers = [p.line for p in got.problems]
    assert numbers == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    reasons = {p.line: p.reason for p in got.problems}
    assert "port out of range" in reasons[3]
    assert "needs a value" in reasons[4]
    assert "unknown option" in reasons[5]
    assert "cannot read --ca-file" in reasons[6]
    assert "same endpoint as line 1" in reasons[8]
    assert "longer than" in reasons[12]
    assert len(str(got.problems[-1])) < 300  # the long line is shown shortened


def test_hostile_text_is_escaped_in_problems() -> None:
    got = parse_inventory(["evil\x1b[31m.example --x\u202e\n"])
    shown = str(got.problems[0])
    assert "\x1b" not in shown and "\u202e" not in shown


def test_tags_do_not_change_the_key() -> None:
    a = Endpoint(host="h.example", port=443, tags=("a",))
    b = Endpoint(host="h.example", port=443, tags=("b", "c"))
    assert a.key == b.key == "h.example:443"


def test_names_no_resolver_can_look_up_are_bad_lines() -> None:
    # Round 27 review: "-" (or "a..b", a 64-character label) passed the inventory's check
    # and failed at diagnose time: an endpoint stored as "unknown" (exit 3) in every run,
    # instead of a bad line reported with its number and skipped.
    got = parse_inventory(["-\n", "a..b.example\n", "a" * 64 + ".example\n", "-x.example:8443\n",
                           "ok.example --sni a..b\n", "ok.example --connect -x\n",
                           "_svc.example\n", "*.example:8443\n"])
    assert [p.line for p in got.problems] == [1, 2, 3, 4, 5, 6]
    assert [e.target for e in got.endpoints] == ["_svc.example:443", "*.example:8443"]
