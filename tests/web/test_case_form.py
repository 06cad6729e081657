"""'Revisar un caso': the form gives diagnose's report, in the CLI's words, for one address or
several; the language, the audience and --redact are on the form; bad input gets a sentence."""

from __future__ import annotations

import html
import json
import re

import pytest
from starlette.testclient import TestClient

from tests.fixtures.cli import invoke
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer
from tests.web.conftest import csrf_of

GOOD = "ana.perez@gmail.com"


def post(client: TestClient, path: str = "/case", **fields: str) -> str:
    csrf = csrf_of(client.get("/").text)
    answer = client.post(path, data={"csrf": csrf, **fields})
    assert answer.headers["cache-control"] == "no-store"
    return answer.text


def cli_json(dns: FixtureDNSServer, *args: str) -> dict[str, object]:
    result = invoke(["diagnose", *args, "-f", "json", "--nameserver", dns.nameserver,
                     "--dns-timeout", str(ANSWERS)])
    assert result.stdout, result.stderr
    return dict(json.loads(result.stdout))


def plan_texts(page: str) -> list[str]:
    plan = page.split('<section class="plan"', 1)[1].split("</section>", 1)[0]
    return [html.unescape(t) for t in re.findall(r"<li><p>(.*?)</p>", plan)]


def finding_codes(page: str) -> list[str]:
    return re.findall(r"</td><td><code>([a-z_.]+)</code></td></tr>", page)


@pytest.mark.parametrize(("address", "lang", "audience"), [
    (GOOD, "es", "agent"), ("ana@hotmail.con", "es", "person"), ("ana@sinmail.com.ec", "en",
                                                                 "agent"),
])
def test_one_address_gives_the_clis_report(client: TestClient, dns_server: FixtureDNSServer,
                                           address: str, lang: str, audience: str) -> None:
    page = post(client, addresses=address, lang=lang, audience=audience)
    expected = cli_json(dns_server, address, "--lang", lang, "--audience", audience)
    assert f'<html lang="{lang}">' in page
    assert plan_texts(page) == [step["text"] for step in expected["plan"]]  # type: ignore[attr-defined]
    assert plan_texts(page) and len(finding_codes(page)) > 3
    assert finding_codes(page) == [f["code"] for f in expected["findings"]]  # type: ignore[attr-defined]
    for finding in expected["findings"]:  # type: ignore[attr-defined]
        assert html.escape(finding["message"], quote=True) in page
    assert f'data-audience="{audience}"' in page


def test_the_cedula_adds_its_section(client: TestClient, dns_server: FixtureDNSServer) -> None:
    page = post(client, addresses=GOOD, cedula="1714307103")
    expected = cli_json(dns_server, GOOD, "--cedula", "1714307103", "--lang", "es")
    assert finding_codes(page) == [f["code"] for f in expected["findings"]]  # type: ignore[attr-defined]
    assert any(c.startswith("id.") for c in finding_codes(page))


def test_several_addresses_give_one_summary_line_each(client: TestClient) -> None:
    page = post(client, addresses=f"{GOOD}\n\n  ana@hotmail.con  \nana@sinmail.com.ec\n")
    summaries = re.findall(r"<summary>(.*?)</summary>", page, re.S)
    assert len(summaries) == 3 == page.count("<article>")
    assert "<bdi>ana@hotmail.con</bdi>" in summaries[1]
    # status in words and a sign, not only a colour
    assert all(re.search(r'aria-hidden="true">[✔⚠✖?]</span> \w', s) for s in summaries)
    assert "Hay un problema" in summaries[2]  # a null MX: a complete check says no mail


def test_the_markdown_for_the_ticket_is_the_clis(client: TestClient,
                                                 dns_server: FixtureDNSServer) -> None:
    page = post(client, addresses=GOOD)
    box = page.split('<textarea id="markdown" readonly rows="8">', 1)[1].split("</textarea>")[0]
    result = invoke(["diagnose", GOOD, "-f", "markdown", "--nameserver", dns_server.nameserver,
                     "--dns-timeout", str(ANSWERS), "--lang", "es"])
    assert html.unescape(box).strip() == result.stdout.strip()


def test_redact_masks_the_address_and_the_cedula(client: TestClient) -> None:
    page = post(client, addresses=GOOD, cedula="1714307103", redact="on")
    shown = page.split('<section id="result"', 1)[1]
    results_only = shown.split('<form method="post" action="/case/download"')[0]
    assert "ana.perez" not in results_only and "1714307103" not in results_only
    assert "a****@gmail.com" in results_only


def case_key(page: str) -> str:
    found = re.search(r'name="case" value="([A-Za-z0-9_-]+)"', page)
    assert found, "no download form"
    return found.group(1)


@pytest.mark.parametrize(("fmt", "kind", "start"), [("html", "text/html", "<!DOCTYPE html>"),
                                                    ("json", "application/x-ndjson", "{")])
def test_downloads_are_the_report_shown(client: TestClient, fmt: str, kind: str,
                                        start: str) -> None:
    page = post(client, addresses=GOOD, redact="on")
    answer = client.post("/case/download", data={"csrf": csrf_of(page), "case": case_key(page),
                                                 "format": fmt})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith(kind)
    assert answer.headers["content-disposition"] == (
        f'attachment; filename="iess-diag-caso.{"jsonl" if fmt == "json" else fmt}"')
    assert answer.text.startswith(start) and "ana.perez" not in answer.text
    if fmt == "json":
        assert json.loads(answer.text)["address"] == "a****@gmail.com"
    else:
        assert plan_texts(answer.text) == plan_texts(page)


def test_a_download_no_longer_kept_is_a_sentence(client: TestClient) -> None:
    csrf = csrf_of(client.get("/").text)
    answer = client.post("/case/download", data={"csrf": csrf, "case": "gone", "format": "html"})
    assert answer.status_code == 404 and "Ese resultado ya no está" in answer.text


@pytest.mark.parametrize(("fields", "says"), [
    ({"addresses": "  \n "}, "Escriba al menos una dirección de correo."),
    ({"addresses": "\n".join(f"a{i}@gmail.com" for i in range(21))},
     "Son 21 direcciones; la página revisa hasta 20 a la vez."),
    ({"addresses": f"{GOOD}\nb@gmail.com", "cedula": "1714307103"},
     "La cédula o el RUC va con una sola dirección"),
])
def test_bad_input_gets_a_sentence(client: TestClient, fields: dict[str, str],
                                   says: str) -> None:
    csrf = csrf_of(client.get("/").text)
    answer = client.post("/case", data={"csrf": csrf, **fields})
    assert answer.status_code == 400
    assert 'role="alert"' in answer.text and says in answer.text
    assert "<article>" not in answer.text


def test_hostile_input_is_escaped(client: TestClient) -> None:
    evil = '<script>alert(1)</script>"><img src=x>@gmail.com'
    page = post(client, addresses=evil, cedula='"><b>1')
    assert "<script>alert" not in page and "<img src=x>" not in page and '"><b>' not in page
    assert "&lt;script&gt;" in page


def test_the_page_is_spanish_by_default_and_switches(client: TestClient) -> None:
    spanish, english = client.get("/").text, client.get("/?lang=en").text
    assert '<html lang="es">' in spanish and "Revisar un caso" in spanish
    assert '<html lang="en">' in english and "Check a case" in english
    assert 'id="lang-en" name="lang" value="en" checked' in english


def test_every_field_has_a_label(client: TestClient) -> None:
    page = post(client, addresses=GOOD)
    fields = re.findall(r'<(?:input|textarea)(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', page)
    assert {"addresses", "cedula", "lang-es", "lang-en", "audience-agent", "audience-person",
            "redact", "markdown", "file", "format-csv", "format-jsonl", "user", "password",
            "imap_server", "wait"} == set(fields)
    for field in fields:
        assert f'<label for="{field}"' in page, field


def test_every_word_of_the_page_is_a_sentence(client: TestClient) -> None:
    """A template name that is also a method of dict (`w.copy`) would print the method."""
    for lang in ("es", "en"):
        page = post(client, addresses=GOOD, lang=lang)
        assert "<built-in" not in page and "object at 0x" not in page
        assert ">Copiar el Markdown<" in page if lang == "es" else ">Copy the Markdown<" in page


def test_the_page_and_its_assets_weigh_under_100_kb(client: TestClient) -> None:
    page = client.get("/")
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', page.text)
    assert set(assets) == {"/static/report.css", "/static/app.css", "/static/app.js"}
    sizes = [len(page.content)] + [len(client.get(a).content) for a in assets]
    assert sum(sizes) < 100 * 1024, sizes
