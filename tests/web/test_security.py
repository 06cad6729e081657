"""Every guard of the page, over plain HTTP: the token and its cookie, the Host check, CSRF,
the headers, the size limit, and a log that holds no address, token or query string."""

from __future__ import annotations

import logging
import ssl

import httpx
import pytest
from starlette.testclient import TestClient

from diag.web.security import CSP, Secrets
from tests.servers.dovecot import PrivateDovecot
from tests.web.conftest import PORT, Served, csrf_of, make_client, start_serve

GETS = ["/", "/static/app.js", "/static/app.css", "/static/report.css"]
POSTS = ["/case", "/case/download", "/file", "/case/jobs/{key}/cancel"]
HEADERS = {"content-security-policy": CSP, "referrer-policy": "no-referrer",
           "x-content-type-options": "nosniff", "cache-control": "no-store",
           "x-frame-options": "DENY"}


@pytest.mark.parametrize("path", [*GETS, *POSTS, "/results/x", "/jobs/x", "/jobs/x/events",
                                  "/case/jobs/x", "/case/jobs/x/events"])
def test_without_the_cookie_every_request_is_refused(stranger: TestClient, path: str) -> None:
    answer = stranger.request("POST" if path in POSTS else "GET", path)
    assert answer.status_code == 403
    assert "token" in answer.text and "Acceso denegado" in answer.text


def test_the_token_becomes_a_strict_cookie_and_leaves_the_url(stranger: TestClient,
                                                              keys: Secrets) -> None:
    answer = stranger.get(f"/?token={keys.token}")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/"
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"iess_diag_{PORT}={keys.token};")
    assert {"HttpOnly", "SameSite=Strict", "Path=/"} <= {p.strip() for p in cookie.split(";")}
    assert "Secure" not in cookie  # plain HTTP on loopback; --allow-remote (TLS) adds it
    assert stranger.get("/").status_code == 200  # the client kept the cookie


@pytest.mark.parametrize("token", ["", "wrong", "x" * 43])
def test_a_wrong_token_is_refused(stranger: TestClient, token: str) -> None:
    answer = stranger.get(f"/?token={token}")
    assert answer.status_code == 403 and "set-cookie" not in answer.headers


def test_a_wrong_token_is_refused_even_with_a_good_cookie(client: TestClient) -> None:
    assert client.get("/?token=wrong").status_code == 403


def test_a_cookie_from_another_start_is_refused(keys: Secrets) -> None:
    old = make_client(Secrets(), "127.0.0.1:9")  # signed in to an earlier start
    fresh = make_client(keys, "127.0.0.1:9", signed_in=False)
    fresh.cookies.set(f"iess_diag_{PORT}", old.cookies[f"iess_diag_{PORT}"])
    assert fresh.get("/").status_code == 403


@pytest.mark.parametrize("host", ["evil.example", f"evil.example:{PORT}", "127.0.0.1",
                                  f"localhost:{PORT}", f"127.0.0.1:{PORT + 1}", ""])
def test_a_foreign_host_header_is_misdirected(client: TestClient, keys: Secrets,
                                              host: str) -> None:
    """DNS rebinding: a page at evil.example whose name now points at 127.0.0.1."""
    for path in ("/", f"/?token={keys.token}"):
        answer = client.get(path, headers={"host": host})
        assert answer.status_code == 421, (host, path)
        assert "set-cookie" not in answer.headers


@pytest.mark.parametrize("path", POSTS)
@pytest.mark.parametrize("csrf", [None, "", "0" * 64])
def test_every_post_needs_the_csrf_token(client: TestClient, path: str,
                                         csrf: str | None) -> None:
    form = {"addresses": "ana@gmail.com"} | ({} if csrf is None else {"csrf": csrf})
    answer = client.post(path, data=form)
    assert answer.status_code == 403
    assert "El formulario llegó incompleto o caducó" in answer.text
    assert "Veredicto" not in answer.text  # refused before any check ran


def test_every_post_route_is_in_the_csrf_test(client: TestClient) -> None:
    from starlette.routing import Route

    app = client.app.app  # type: ignore[attr-defined]
    posts = {r.path for r in app.routes if isinstance(r, Route) and "POST" in (r.methods or ())}
    assert posts == set(POSTS)


def test_the_csrf_token_is_this_starts_own(client: TestClient, keys: Secrets) -> None:
    page = client.get("/").text
    assert csrf_of(page) == keys.csrf() != Secrets().csrf()
    assert keys.token not in page  # the cookie's value never appears in a page


@pytest.mark.parametrize("path", GETS)
def test_every_answer_carries_the_headers(client: TestClient, stranger: TestClient,
                                          keys: Secrets, path: str) -> None:
    answers = [client.get(path), stranger.get(path), stranger.get(f"/?token={keys.token}"),
               client.get(path, headers={"host": "evil.example"})]
    assert [a.status_code for a in answers] == [200, 403, 303, 421]
    for answer in answers:
        for name, value in HEADERS.items():
            assert answer.headers.get(name) == value, (path, answer.status_code, name)


def test_the_csp_allows_nothing_from_elsewhere_and_no_inline_code() -> None:
    parts = dict(p.strip().split(" ", 1) for p in CSP.split(";"))
    assert parts["default-src"] == "'none'" and parts["frame-ancestors"] == "'none'"
    assert parts["script-src"] == parts["style-src"] == "'self'"
    assert "unsafe" not in CSP and "http" not in CSP and "*" not in CSP


def test_a_form_too_large_is_refused_with_a_message(client: TestClient) -> None:
    csrf = csrf_of(client.get("/").text)
    answer = client.post("/case", data={"csrf": csrf, "addresses": "a@b.ec\n" * 20000})
    assert answer.status_code == 413
    assert "El formulario es demasiado grande (más de 64 KB)." in answer.text


def test_the_log_holds_no_query_address_or_token(client: TestClient, keys: Secrets,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="iess_diag.web")
    csrf = csrf_of(client.get("/?lang=en").text)
    client.post("/case", data={"csrf": csrf, "addresses": "ana.perez@gmail.com"})
    client.get(f"/?token={keys.token}")
    lines = [r.getMessage() for r in caplog.records]
    assert lines == ["GET / 200", "POST /case 200", "GET / 303"]


def test_a_bug_is_a_plain_message_without_a_trace(client: TestClient,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import diag.web.pages

    def broken(*args: object) -> None:
        raise KeyError("ana.perez@gmail.com")

    monkeypatch.setattr(diag.web.pages, "run_case", broken)
    csrf = csrf_of(client.get("/").text)
    answer = client.post("/case", data={"csrf": csrf, "addresses": "ana.perez@gmail.com"})
    assert answer.status_code == 500
    assert "Error interno inesperado (KeyError)" in answer.text
    assert "Traceback" not in answer.text


# --- the real server -------------------------------------------------------------------------

def test_the_real_server_follows_every_rule(served: Served) -> None:
    assert served.base.startswith("http://127.0.0.1:")
    port = served.base.rsplit(":", 1)[1]
    with httpx.Client(base_url=served.base, follow_redirects=False, timeout=30) as http:
        assert http.get("/").status_code == 403
        assert http.get("/", headers={"host": f"attacker.example:{port}"}).status_code == 421
        first = http.get(f"/?token={served.token}")
        assert first.status_code == 303 and first.headers["location"] == "/"
        page = http.get("/")
        assert page.status_code == 200 and "Revisar un caso" in page.text
        assert page.headers["cache-control"] == "no-store"
        assert http.post("/case", data={"addresses": "ana.perez@gmail.com"}).status_code == 403
        done = http.post("/case", data={"csrf": csrf_of(page.text),
                                        "addresses": "ana.perez@gmail.com"})
        assert done.status_code == 200 and "Veredicto" in done.text
    log = served.stop()
    assert served.token not in log and "ana.perez" not in log
    assert "127.0.0.1" not in log and "?" not in log
    assert "iess-diag serve: POST /case 200" in log


def test_the_start_up_says_who_can_open_the_page(served: Served) -> None:
    log = served.stop()
    assert log.splitlines()[0] == "Solo esta computadora puede abrir la página. Ctrl-C la detiene."


@pytest.mark.parametrize(("args", "says"), [
    (["--host", "0.0.0.0"], "hacen falta --allow-remote y un certificado TLS"),
    (["--host", "192.168.1.20", "--allow-remote"], "hacen falta --allow-remote"),
    (["--host", "localhost"], "--host debe ser una dirección IP"),
])
def test_another_address_needs_allow_remote_and_tls(args: list[str], says: str) -> None:
    from tests.fixtures.cli import invoke

    result = invoke(["serve", *args, "--lang", "es"])
    assert result.code == 2 and result.stdout == ""
    assert result.stderr.startswith("iess-diag: error: ") and says in result.stderr


def test_tls_with_a_certificate_and_a_secure_cookie(dovecot: PrivateDovecot) -> None:
    """--cert/--key give HTTPS (here on loopback, with the private Dovecot's certificate for
    127.0.0.2 and its CA); the cookie is then Secure."""
    key = dovecot.cert_file.with_suffix(".key")
    server = start_serve("--host", dovecot.host, "--cert", str(dovecot.cert_file),
                         "--key", str(key), "--nameserver", "127.0.0.1:9")
    try:
        assert server.base.startswith(f"https://{dovecot.host}:")
        trusted = ssl.create_default_context(cafile=str(dovecot.ca_file))
        with httpx.Client(base_url=server.base, verify=trusted,
                          follow_redirects=False, timeout=30) as http:
            assert http.get("/").status_code == 403
            first = http.get(f"/?token={server.token}")
            assert first.status_code == 303 and "; Secure" in first.headers["set-cookie"]
            assert http.get("/").status_code == 200
        with pytest.raises(httpx.ConnectError):  # the certificate is checked: no CA, no page
            httpx.get(server.base + "/", timeout=30)
    finally:
        server.stop()


def test_the_real_server_logs_no_password(served: Served) -> None:
    secret = "Clave-Muy-Secreta-2026"
    with httpx.Client(base_url=served.base, follow_redirects=True, timeout=60) as http:
        page = http.get(f"/?token={served.token}").text
        done = http.post("/case", data={"csrf": csrf_of(page), "addresses": "ana@hotmail.com",
                                        "password": secret, "imap_server": "127.0.0.1:9"})
        assert done.status_code == 200 and "imap.unreachable" in done.text
        assert secret not in done.text
    log = served.stop()
    assert secret not in log and "ana@hotmail.com" not in log


def test_a_bug_anywhere_is_logged_by_its_kind_only(client: TestClient,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    import diag.web.pages

    def broken(*args: object) -> None:
        raise KeyError("ana.perez@gmail.com")

    monkeypatch.setattr(diag.web.pages, "chosen_lang", broken)
    caplog.set_level(logging.DEBUG)
    answer = client.get("/")
    assert answer.status_code == 500 and "Traceback" not in answer.text
    assert answer.headers["cache-control"] == "no-store"
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "unexpected KeyError" in logged and "ana.perez" not in logged
