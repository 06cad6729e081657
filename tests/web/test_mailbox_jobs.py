"""Mailbox jobs over plain HTTP: Microsoft's device-code sign-in (the real MSAL against a FAKE
identity platform on loopback, its token checked by the private Dovecot's OAuth2 passdb) and
"Esperar el correo" (a mail delivered during the wait; "Cancelar la espera"); the password and
the token in no page, download, log line or kept case."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from diag.mailbox.credentials import MicrosoftSignIn
from diag.web import mailbox_jobs
from diag.web.app import build_app
from diag.web.cases import Settings
from diag.web.mailbox_jobs import MailboxJob, Phase
from diag.web.security import Secrets
from tests.fixtures.messages import iess_reset_mail, junk_verdict_iess_mail
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer
from tests.servers.dovecot import PrivateDovecot
from tests.servers.dovecot_setup import ANA
from tests.servers.fake_microsoft import FakeMicrosoft
from tests.web.conftest import BASE, PORT, csrf_of

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def fake_ms(tmp_path: Path, dovecot: PrivateDovecot) -> Iterator[FakeMicrosoft]:
    with FakeMicrosoft(tmp_path / "fake-microsoft", dovecot.add_token) as fake:
        yield fake


def settings_for(dns: FixtureDNSServer, dovecot: PrivateDovecot,
                 fake: FakeMicrosoft | None = None) -> Settings:
    return Settings(nameservers=(dns.nameserver,), dns_timeout=ANSWERS,
                    ca_file=str(dovecot.ca_file),
                    microsoft=MicrosoftSignIn("app-fake", "consumers") if fake else None,
                    msal_app=fake.msal_app if fake else None)


def client_for(settings: Settings) -> TestClient:
    keys = Secrets()
    client = TestClient(build_app("127.0.0.1", PORT, keys=keys, settings=settings),
                        base_url=BASE, follow_redirects=False)
    client.cookies.set(f"iess_diag_{PORT}", keys.token)
    return client


def server_of(dovecot: PrivateDovecot) -> str:
    return f"{dovecot.host}:{dovecot.imaps_port}"


def start(client: TestClient, **fields: str) -> tuple[str, str]:
    """The form posted; the job's key and the CSRF token."""
    csrf = csrf_of(client.get("/").text)
    answer = client.post("/case", data={"csrf": csrf, **fields})
    assert answer.status_code == 303, answer.text
    found = re.fullmatch(r"/case/jobs/([A-Za-z0-9_-]+)#mailbox-job", answer.headers["location"])
    assert found
    return found.group(1), csrf


def job_of(client: TestClient, key: str) -> MailboxJob:
    job = client.app.app.state.mailbox_jobs.get(key)  # type: ignore[attr-defined]
    assert job is not None
    return job


def until(cause: Callable[[], bool], what: str) -> None:
    """Waits for a cause (never asserts how long it took); the bound only ends a hung test."""
    for _ in range(600):
        if cause():
            return
        time.sleep(0.1)
    raise AssertionError(f"never happened: {what}")


def finished(client: TestClient, key: str) -> str:
    """The event stream read to its end (one `done`), then the job's page."""
    with client.stream("GET", f"/case/jobs/{key}/events") as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        text = "".join(stream.iter_text())
    assert text.rstrip().split("\n\n")[-1].startswith("event: done")
    return client.get(f"/case/jobs/{key}").text


def secrets_nowhere(client: TestClient, page: str, csrf: str, secret: str,
                    caplog: pytest.LogCaptureFixture, job: MailboxJob) -> None:
    key = re.search(r'name="case" value="([A-Za-z0-9_-]+)"', page)
    assert key, "the report has no downloads"
    files = [client.post("/case/download", data={"csrf": csrf, "case": key.group(1),
                                                  "format": fmt}).text for fmt in ("html", "json")]
    kept = client.app.app.state.cases.get(key.group(1))  # type: ignore[attr-defined]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for text in (page, *files, logged, repr(kept), repr(job)):
        assert secret not in text


# -- Microsoft sign-in ------------------------------------------------------------------------


def test_microsoft_sign_in_through_to_the_report(
        fake_ms: FakeMicrosoft, dns_server: FixtureDNSServer, dovecot: PrivateDovecot,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    sent = datetime.now(UTC) - timedelta(minutes=1)
    dovecot.deliver(ANA.name, "Junk", junk_verdict_iess_mail(ANA.name, sent_at=sent),
                    internaldate=sent)
    client = client_for(settings_for(dns_server, dovecot, fake_ms))
    form = client.get("/").text
    assert 'name="signin" value="microsoft"' in form and "Iniciar sesión con Microsoft" in form
    key, csrf = start(client, addresses=ANA.name, imap_server=server_of(dovecot),
                      signin="microsoft")
    job = job_of(client, key)
    until(lambda: job.phase is Phase.SIGNIN and bool(job.code), "the device code shown")
    waiting = client.get(f"/case/jobs/{key}").text
    assert ">FAKE-CODE</code>" in waiting and f'href="{fake_ms.base}/devicelogin"' in waiting
    # without a fragment: a refresh to the same address with one would not reload the page
    assert (f'<noscript><meta http-equiv="refresh" content="5; url=/case/jobs/{key}">'
            '</noscript>') in waiting
    assert 'data-phase="signin"' in waiting and "Cancelar el inicio de sesión" in waiting
    token = fake_ms.approve(ANA.name)  # the person signs in on their phone
    page = finished(client, key)
    assert "mail.found_spam" in page and "http-equiv" not in page
    # the token went the real way: MSAL got it from the fake, Dovecot checked it on XOAUTH2
    assert fake_ms.issued == [token] and token in dovecot.token_server.requests
    assert fake_ms.requests[:2] == ["/consumers/v2.0/.well-known/openid-configuration",
                                    "/consumers/oauth2/v2.0/devicecode"]
    secrets_nowhere(client, page, csrf, token, caplog, job)


@pytest.mark.parametrize(("person", "says"), [
    (FakeMicrosoft.decline, "la persona no aceptó el inicio de sesión de Microsoft"),
    (FakeMicrosoft.expire, "el código de inicio de sesión de Microsoft caducó"),
])
def test_a_refused_or_expired_sign_in_is_the_clis_sentence(
        fake_ms: FakeMicrosoft, dns_server: FixtureDNSServer, dovecot: PrivateDovecot,
        person: Callable[[FakeMicrosoft], None], says: str) -> None:
    client = client_for(settings_for(dns_server, dovecot, fake_ms))
    key, _ = start(client, addresses=ANA.name, signin="microsoft")
    assert fake_ms.code_issued.wait(60)
    person(fake_ms)
    with client.stream("GET", f"/case/jobs/{key}/events") as stream:
        "".join(stream.iter_text())
    answer = client.get(f"/case/jobs/{key}")
    assert answer.status_code == 400 and says in answer.text
    assert "Veredicto" not in answer.text


def test_cancelling_the_sign_in(fake_ms: FakeMicrosoft, dns_server: FixtureDNSServer,
                                dovecot: PrivateDovecot) -> None:
    client = client_for(settings_for(dns_server, dovecot, fake_ms))
    key, csrf = start(client, addresses=ANA.name, signin="microsoft")
    job = job_of(client, key)
    until(lambda: job.on_cancel is not None, "the sign-in under way")
    assert client.post(f"/case/jobs/{key}/cancel", data={}).status_code == 403  # CSRF
    answer = client.post(f"/case/jobs/{key}/cancel", data={"csrf": csrf})
    assert answer.status_code == 303 and answer.headers["location"] == f"/case/jobs/{key}#result"
    shown = client.get(f"/case/jobs/{key}")
    assert shown.status_code == 400 and "Se canceló el inicio de sesión de Microsoft" in shown.text
    assert fake_ms.issued == []


def test_without_a_client_id_the_page_says_how_to_start(dns_server: FixtureDNSServer,
                                                        dovecot: PrivateDovecot) -> None:
    client = client_for(settings_for(dns_server, dovecot))
    form = client.get("/").text
    assert 'value="microsoft"' not in form and "iess-diag serve --ms-client-id" in form
    answer = client.post("/case", data={"csrf": csrf_of(form), "addresses": ANA.name,
                                        "signin": "microsoft"})
    assert answer.status_code == 400 and "arránquela con" in answer.text


# -- "Esperar el correo" ------------------------------------------------------------------------


def test_the_wait_ends_when_the_new_mail_arrives(
        dns_server: FixtureDNSServer, dovecot: PrivateDovecot,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    client = client_for(settings_for(dns_server, dovecot))
    key, csrf = start(client, addresses=ANA.name, user=ANA.name, password=ANA.password,
                      imap_server=server_of(dovecot), wait="10")
    job = job_of(client, key)
    until(lambda: job.phase is Phase.WAIT, "the wait under way")
    waiting = client.get(f"/case/jobs/{key}").text
    assert 'data-phase="wait"' in waiting and "solicite un nuevo enlace" in waiting
    assert re.search(r"La espera termina a las? \d{1,2}:\d\d \(hora de esta computadora\)",
                     waiting)
    assert "Cancelar la espera" in waiting and 'id="wait-left"' in waiting
    dovecot.append_via_imap(ANA.name, "INBOX", iess_reset_mail(ANA.name))
    page = finished(client, key)
    assert "Llegó un correo nuevo del IESS a «INBOX»" in page
    codes = re.findall(r"</td><td><code>([a-z_.]+)</code></td></tr>", page)
    assert "mail.found_inbox" in codes and "mail.waited" in codes and "mail.not_found" not in codes
    secrets_nowhere(client, page, csrf, ANA.password, caplog, job)


def test_cancelling_the_wait_shows_what_was_found(dns_server: FixtureDNSServer,
                                                  dovecot: PrivateDovecot) -> None:
    client = client_for(settings_for(dns_server, dovecot))
    key, csrf = start(client, addresses=ANA.name, user=ANA.name, password=ANA.password,
                      imap_server=server_of(dovecot), wait="30")
    job = job_of(client, key)
    until(lambda: job.phase is Phase.WAIT, "the wait under way")
    answer = client.post(f"/case/jobs/{key}/cancel", data={"csrf": csrf})
    assert answer.status_code == 303 and job.done.is_set()
    page = client.get(f"/case/jobs/{key}").text
    assert "Espera interrumpida" in page and "no llegó ningún correo nuevo del IESS" in page
    assert "mail.not_found" in page and 'id="mailbox-job"' not in page


@pytest.mark.parametrize(("fields", "says"), [
    ({"wait": "0"}, "«0» no sirve como espera"),
    ({"wait": "31"}, "un número entero de 1 a 30"),
    ({"wait": "5 min"}, "«5 min» no sirve como espera"),
    # str.isdigit() is true of these, int() refuses them: once a 500 "unexpected error".
    ({"wait": "²"}, "«²» no sirve como espera"),
    ({"wait": "5", "imap_server": "imap.example:¹"}, "imap.example:¹"),
    ({"wait": "5", "password": ""}, "la persona escribe su contraseña"),
    ({"wait": "5", "addresses": "a@gmail.com\nb@gmail.com"}, "va con una sola dirección"),
])
def test_a_wait_that_cannot_run_gets_a_sentence_on_the_form(
        dns_server: FixtureDNSServer, dovecot: PrivateDovecot, fields: dict[str, str],
        says: str) -> None:
    client = client_for(settings_for(dns_server, dovecot))
    csrf = csrf_of(client.get("/").text)
    answer = client.post("/case", data={"csrf": csrf, "addresses": ANA.name,
                                        "password": "x"} | fields)
    assert answer.status_code == 400 and says in answer.text
    assert 'value="x"' not in answer.text


def test_jobs_in_flight_are_bounded(dns_server: FixtureDNSServer, dovecot: PrivateDovecot,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mailbox_jobs, "MAX_IN_FLIGHT", 1)
    client = client_for(settings_for(dns_server, dovecot))
    fields = {"addresses": ANA.name, "user": ANA.name, "password": ANA.password,
              "imap_server": server_of(dovecot), "wait": "30"}
    key, csrf = start(client, **fields)
    answer = client.post("/case", data={"csrf": csrf, **fields})
    assert answer.status_code == 503 and "Ya hay 1 búsqueda en el buzón en curso" in answer.text
    client.post(f"/case/jobs/{key}/cancel", data={"csrf": csrf})
    again, _ = start(client, **fields)  # the cancelled one left room
    client.post(f"/case/jobs/{again}/cancel", data={"csrf": csrf})
    assert job_of(client, again).done.is_set()


def test_quick_failures_never_push_out_a_running_wait(dns_server: FixtureDNSServer,
                                                     dovecot: PrivateDovecot) -> None:
    from diag.web.uploads import KEEP_RESULTS

    client = client_for(settings_for(dns_server, dovecot))
    fields = {"addresses": ANA.name, "user": ANA.name, "password": ANA.password,
              "imap_server": server_of(dovecot), "wait": "30"}
    key, csrf = start(client, **fields)
    for _ in range(KEEP_RESULTS + 2):  # wrong passwords: each job ends at the sign-in
        quick, _ = start(client, **(fields | {"password": "no-es-la-clave"}))
        until(job_of(client, quick).done.is_set, "the refused sign-in ended")
    job = job_of(client, key)  # still kept, so nothing cancelled it as "page gone"
    assert not job.done.is_set() and not job.cancelled.is_set()
    assert client.get(f"/case/jobs/{key}").status_code == 200
    client.post(f"/case/jobs/{key}/cancel", data={"csrf": csrf})
    until(job.done.is_set, "the cancelled wait ended")


def test_a_job_that_is_gone_says_so(dns_server: FixtureDNSServer,
                                    dovecot: PrivateDovecot) -> None:
    client = client_for(settings_for(dns_server, dovecot))
    for path in ("/case/jobs/nada", "/case/jobs/nada/events"):
        answer = client.get(path)
        assert answer.status_code == 404 and "Esa búsqueda ya no está" in answer.text


def test_serve_with_a_client_id_offers_the_microsoft_sign_in() -> None:
    import httpx

    from tests.fixtures.cli import invoke
    from tests.web.conftest import start_serve

    served = start_serve("--ms-client-id", "app-fake", "--ms-tenant", "consumers")
    try:
        with httpx.Client(base_url=served.base, trust_env=False) as http:
            http.get(f"/?token={served.token}")
            form = http.get("/").text
    finally:
        served.stop()
    assert 'name="signin" value="microsoft"' in form and "--ms-client-id" not in form
    refused = invoke(["serve", "--ms-client-id", "app-fake", "--ms-tenant", "todo"])
    assert refused.code == 2 and "--ms-tenant" in refused.stderr
