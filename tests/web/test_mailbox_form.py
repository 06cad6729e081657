"""'Buscar el correo en el buzón' on the case form: the private Dovecot searched read-only as
`diagnose --user` searches it, and the password in no page, download or log line."""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime, timedelta

import pytest
from starlette.testclient import TestClient

from diag.web.app import build_app
from diag.web.cases import Settings
from diag.web.security import Secrets
from tests.fixtures.cli import invoke
from tests.fixtures.messages import junk_verdict_iess_mail
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer
from tests.servers.dovecot import PrivateDovecot
from tests.servers.dovecot_setup import ANA
from tests.web.conftest import BASE, PORT, csrf_of


@pytest.fixture
def mailbox_client(dns_server: FixtureDNSServer, dovecot: PrivateDovecot) -> TestClient:
    keys = Secrets()
    app = build_app("127.0.0.1", PORT, keys=keys, settings=Settings(
        nameservers=(dns_server.nameserver,), dns_timeout=ANSWERS, ca_file=str(dovecot.ca_file)))
    client = TestClient(app, base_url=BASE, follow_redirects=False)
    client.cookies.set(f"iess_diag_{PORT}", keys.token)
    return client


def test_the_mail_found_in_junk_as_the_cli_finds_it(
        mailbox_client: TestClient, dns_server: FixtureDNSServer, dovecot: PrivateDovecot,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    sent = datetime.now(UTC) - timedelta(minutes=1)
    dovecot.deliver(ANA.name, "Junk", junk_verdict_iess_mail(ANA.name, sent_at=sent),
                    internaldate=sent)
    server = f"{dovecot.host}:{dovecot.imaps_port}"
    csrf = csrf_of(mailbox_client.get("/").text)
    answer = mailbox_client.post("/case", data={
        "csrf": csrf, "addresses": ANA.name, "user": ANA.name, "password": ANA.password,
        "imap_server": server})
    page = answer.text
    assert answer.status_code == 200
    cli = invoke(["diagnose", ANA.name, "--user", ANA.name, "--imap-host", dovecot.host,
                  "--imap-port", str(dovecot.imaps_port), "--ca-file", str(dovecot.ca_file),
                  "--nameserver", dns_server.nameserver, "--dns-timeout", str(ANSWERS),
                  "-f", "json",
                  "--lang", "es"], environ={"IESS_DIAG_IMAP_PASSWORD": ANA.password,
                                            "LANG": "C.UTF-8"})
    expected = json.loads(cli.stdout)
    assert "mail.found_spam" in expected["sections"][1]["codes"]
    codes = re.findall(r"</td><td><code>([a-z_.]+)</code></td></tr>", page)
    assert codes == [f["code"] for f in expected["findings"]]
    plan = page.split('<section class="plan"', 1)[1].split("</section>", 1)[0]
    assert [s["id"] for s in expected["plan"]] == ["step_forged"] and "<li>" in plan
    key = re.search(r'name="case" value="([A-Za-z0-9_-]+)"', page)
    assert key
    files = [mailbox_client.post("/case/download", data={
        "csrf": csrf, "case": key.group(1), "format": fmt}).text for fmt in ("html", "json")]
    assert "mail.found_spam" in files[1]
    # the password: in no page, no download, no log line; the form never fills it back
    for text in (page, *files, "\n".join(r.getMessage() for r in caplog.records)):
        assert ANA.password not in text
    assert re.search(r'<input type="password" id="password" name="password" autocomplete="off">',
                     page)
    kept = mailbox_client.app.app.state.cases.get(key.group(1))  # type: ignore[attr-defined]
    assert kept is not None and kept.form.password == "" and kept.form.user == ANA.name


@pytest.mark.parametrize(("fields", "says"), [
    ({"addresses": "a@gmail.com\nb@gmail.com", "password": "x"},
     "La búsqueda en el buzón va con una sola dirección"),
    ({"addresses": "a@gmail.com", "user": "a@gmail.com"}, "la persona escribe su contraseña"),
    ({"addresses": "a@gmail.com", "password": "x", "imap_server": "imap.example:99999"},
     "no es un servidor IMAP válido"),
])
def test_mailbox_details_that_cannot_run_get_a_sentence(
        mailbox_client: TestClient, fields: dict[str, str], says: str) -> None:
    csrf = csrf_of(mailbox_client.get("/").text)
    answer = mailbox_client.post("/case", data={"csrf": csrf, **fields})
    assert answer.status_code == 400 and says in answer.text
    assert 'value="x"' not in answer.text  # a password typed is not put back
