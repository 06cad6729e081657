"""Where credentials come from, Microsoft's device-code sign-in (with a fake MSAL app: no
network), the 0600 token cache, and secrets kept out of every repr and message."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any, ClassVar

import pytest

from diag.errors import CheckFailed, UsageError
from diag.i18n import Text
from diag.mailbox.credentials import (
    IMAP_SCOPE,
    PASSWORD_ENV,
    TOKEN_ENV,
    Credentials,
    MicrosoftSignIn,
    check_tenant,
    gather,
    microsoft_token,
)


def _gather(environ: dict[str, str], *, interactive: bool = False, typed: str = "tecleada",
            **kw: Any) -> Credentials:
    return gather(kw.pop("user", None), environ=environ, interactive=interactive,
                  prompt=lambda text: typed, notify=lambda text: None, **kw)


@pytest.mark.parametrize(("environ", "interactive", "kind", "secret"), [
    ({TOKEN_ENV: "tok-1", PASSWORD_ENV: "pw"}, False, "oauth2", "tok-1"),
    ({PASSWORD_ENV: "contraseña"}, False, "password", "contraseña"),
    ({}, True, "password", "tecleada"),
])
def test_sources_in_order(environ: dict[str, str], interactive: bool, kind: str,
                          secret: str) -> None:
    found = _gather(environ, interactive=interactive)
    assert found.kind == kind
    assert secret in (found.password, found.oauth2_token)


def test_no_password_and_no_terminal_is_check_failed() -> None:
    with pytest.raises(CheckFailed) as failed:
        _gather({})
    assert PASSWORD_ENV in failed.value.message.es and PASSWORD_ENV in failed.value.message.en


def test_empty_password_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        _gather({PASSWORD_ENV: ""})


def test_secrets_hidden_from_repr_and_str() -> None:
    creds = Credentials("ana", password="Sup3r-secreta")
    assert "Sup3r" not in repr(creds) and "Sup3r" not in str(creds) and "ana" in repr(creds)
    assert "tok-9" not in repr(Credentials(oauth2_token="tok-9"))
    with pytest.raises(ValueError):
        Credentials("x")


@pytest.mark.parametrize(("tenant", "ok"), [
    ("common", True), ("Consumers", True), ("organizations", True),
    ("contoso.onmicrosoft.com", True), ("72f988bf-86f1-41af-91ab-2d7cd011db47", True),
    ("todo", False), ("", False),
])
def test_tenant(tenant: str, ok: bool) -> None:
    if ok:
        assert check_tenant(tenant) == tenant.lower()
    else:
        with pytest.raises(UsageError):
            check_tenant(tenant)


class FakeMsalApp:
    """A FAKE msal.PublicClientApplication: a device flow that succeeds at once."""

    instances: ClassVar[list[FakeMsalApp]] = []

    def __init__(self, client_id: str, *, authority: str, token_cache: Any,
                 fail: bool = False) -> None:
        self.client_id, self.authority, self.cache = client_id, authority, token_cache
        self.fail = fail
        self.flows = 0
        FakeMsalApp.instances.append(self)

    def _cached(self) -> bool:
        return bool(list(self.cache.search("AccessToken")))

    def get_accounts(self, username: str | None = None) -> list[dict[str, str]]:
        return [{"username": username or ""}] if self._cached() else []

    def acquire_token_silent(self, scopes: list[str], account: Any) -> dict[str, Any] | None:
        return {"access_token": "tok-silencioso"} if self._cached() else None

    def initiate_device_flow(self, scopes: list[str]) -> dict[str, Any]:
        assert scopes == [IMAP_SCOPE]
        if self.fail:
            return {"error": "invalid_client", "error_description": "secret detail"}
        return {"user_code": "ABCD-1234", "verification_uri": "https://microsoft.com/devicelogin",
                "message": "To sign in..."}

    def remove_account(self, account: Any) -> None:
        for token in list(self.cache.search("AccessToken")):
            self.cache.remove_at(token)

    def acquire_token_by_device_flow(self, flow: dict[str, Any]) -> dict[str, Any]:
        self.flows += 1
        self.cache.add({"client_id": self.client_id, "scope": [IMAP_SCOPE],
                        "token_endpoint": "https://login.microsoftonline.com/common/token",
                        "response": {"access_token": "tok-nuevo", "expires_in": 3600,
                                     "token_type": "Bearer"}})
        return {"access_token": "tok-nuevo"}


def test_device_code_flow_and_private_token_cache(tmp_path: Path) -> None:
    notes: list[Text] = []
    cache = tmp_path / "tokens.json"
    signin = MicrosoftSignIn("app-123", "consumers", cache, remember=True)
    assert microsoft_token(signin, "ana@hotmail.com", notes.append,
                           app_factory=FakeMsalApp) == "tok-nuevo"
    app = FakeMsalApp.instances[-1]
    assert app.authority == "https://login.microsoftonline.com/consumers"
    assert "ABCD-1234" in notes[0].es and "ABCD-1234" in notes[0].en
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert "tok-nuevo" in cache.read_text()
    # Next time the cache answers without a device code.
    notes.clear()
    assert microsoft_token(signin, "ana@hotmail.com", notes.append,
                           app_factory=FakeMsalApp) == "tok-silencioso"
    assert notes == [] and FakeMsalApp.instances[-1].flows == 0


def test_tokens_stay_in_memory_without_a_cache_file(tmp_path: Path) -> None:
    signin = MicrosoftSignIn("app-123")
    assert microsoft_token(signin, None, lambda t: None, app_factory=FakeMsalApp) == "tok-nuevo"
    assert list(tmp_path.iterdir()) == []


def test_failed_sign_in_names_the_error_code_only() -> None:
    def failing(*args: Any, **kw: Any) -> FakeMsalApp:
        return FakeMsalApp(*args, fail=True, **kw)

    with pytest.raises(CheckFailed) as failed:
        microsoft_token(MicrosoftSignIn("app-123"), None, lambda t: None, app_factory=failing)
    assert "invalid_client" in failed.value.message.en
    assert "secret detail" not in failed.value.message.en


def test_gather_uses_microsoft_when_configured() -> None:
    creds = _gather({}, microsoft=MicrosoftSignIn("app-1"), app_factory=FakeMsalApp,
                    login_hint="ana@hotmail.com")
    assert creds.oauth2_token == "tok-nuevo"


# -- the token cache file (issue 11) ----------------------------------------------------------


def test_the_account_is_removed_from_the_cache_unless_remembered(tmp_path: Path) -> None:
    """A shared cache must not pile up strangers' refresh tokens."""
    cache = tmp_path / "tokens.json"
    remembered = MicrosoftSignIn("app-123", "consumers", cache, remember=True)
    microsoft_token(remembered, "otra@hotmail.com", lambda t: None, app_factory=FakeMsalApp)
    assert "tok-nuevo" in cache.read_text()
    notes: list[Text] = []
    cache.write_text('{"AccessToken": {}}')
    microsoft_token(MicrosoftSignIn("app-123", "consumers", cache), "ana@hotmail.com",
                    notes.append, app_factory=FakeMsalApp)
    assert "tok-nuevo" not in cache.read_text()
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert any("--remember-account" in n.es and "--remember-account" in n.en for n in notes)


def test_a_cache_file_is_not_created_when_nothing_is_to_be_remembered(tmp_path: Path) -> None:
    cache = tmp_path / "tokens.json"
    microsoft_token(MicrosoftSignIn("app-123", "consumers", cache), None, lambda t: None,
                    app_factory=FakeMsalApp)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("planted", ["tokens.json.tmp", ".tokens.json.tmp"])
def test_a_planted_link_at_a_temporary_name_is_not_followed(tmp_path: Path,
                                                           planted: str) -> None:
    victim = tmp_path / "victim"
    victim.write_text("victim\n")
    (tmp_path / planted).symlink_to(victim)
    cache = tmp_path / "tokens.json"
    microsoft_token(MicrosoftSignIn("app-123", "consumers", cache, remember=True), None,
                    lambda t: None, app_factory=FakeMsalApp)
    assert victim.read_text() == "victim\n"
    assert "tok-nuevo" in cache.read_text() and not cache.is_symlink()


@pytest.mark.parametrize("content", ["not json", "[1, 2]", '{"AccessToken": 5}', "\x00\xff"])
def test_a_damaged_cache_is_a_usage_error_in_one_line(tmp_path: Path, content: str) -> None:
    cache = tmp_path / "tokens.json"
    cache.write_text(content, encoding="utf-8", errors="surrogateescape")
    with pytest.raises(UsageError) as damaged:
        microsoft_token(MicrosoftSignIn("app-123", "consumers", cache), None, lambda t: None,
                        app_factory=FakeMsalApp)
    assert "tokens.json" in damaged.value.message.es and "\n" not in damaged.value.message.en
    assert cache.read_text(encoding="utf-8", errors="surrogateescape") == content


def test_a_damaged_cache_on_the_command_line_exits_2(tmp_path: Path) -> None:
    from tests.fixtures.cli import invoke

    cache = tmp_path / "tokens.json"
    cache.write_text("not json")
    out = invoke(["find-reset-mail", "ana@hotmail.com", "--imap-host", "127.0.0.1",
                  "--imap-port", "9", "--ms-client-id", "app-123", "--token-cache", str(cache)])
    assert out.code == 2, out.stderr
    assert len(out.stderr.splitlines()) == 1 and "token cache" in out.stderr


# -- a server that echoes the credential back -------------------------------------------------

SECRET = "Sup3r-secreta"
BLOB = f"\0ana@acme.ec\0{SECRET}"


@pytest.mark.parametrize(("said", "echoes"), [
    (f"[AUTHENTICATIONFAILED] wrong password {SECRET}", True),
    (f"[AUTHENTICATIONFAILED] wrong password {SECRET.upper()}", True),
    ("[AUTHENTICATIONFAILED] wrong password sup3r-se", True),  # cut short
    ("[AUTHENTICATIONFAILED] bad AGFuYUBhY21lLmVjAFN1cDNy", True),  # the SASL PLAIN blob, cut
    ("[AUTHENTICATIONFAILED] bad U3VwM3Itc2VjcmV0YQ==", True),  # base64 of the password
    ("[AUTHENTICATIONFAILED] Authentication failed.", False),
    ("[UNAVAILABLE] Try again later", False),
])
def test_echoes_of_the_secret_are_recognised(said: str, echoes: bool) -> None:
    from diag.mailbox.credentials import echoes_secret

    assert echoes_secret(said, SECRET, sent=BLOB) is echoes


@pytest.mark.parametrize(("error", "says"), [
    ("expired_token", "caducó antes de que la persona entrara"),
    ("authorization_pending", "caducó antes de que la persona entrara"),  # MSAL's last poll
    ("authorization_declined", "la persona no aceptó el inicio de sesión"),
    ("invalid_grant", "Microsoft respondió «invalid_grant»"),
])
def test_an_expired_code_or_a_refusal_gets_its_own_sentence(error: str, says: str) -> None:
    """The CLI and the web page say the same: started, then awaited apart."""
    from diag.mailbox.credentials import DeviceSignIn, start_microsoft

    class Refusing(FakeMsalApp):
        def acquire_token_by_device_flow(self, flow: dict[str, Any]) -> dict[str, Any]:
            return {"error": error, "error_description": "detail with secrets"}

    started = start_microsoft(MicrosoftSignIn("app-123"), None, app_factory=Refusing)
    assert isinstance(started, DeviceSignIn) and started.code == "ABCD-1234"
    with pytest.raises(CheckFailed) as failed:
        started.token()
    assert says in failed.value.message.es and "detail" not in failed.value.message.en


def test_microsoft_out_of_reach_is_a_sentence_not_a_bug(tmp_path: Path) -> None:
    """The real MSAL against a FAKE identity platform that has stopped (its loopback port now
    refuses): once an "unexpected ConnectionError" — a bug's message — in the CLI and the page."""
    from diag.mailbox.credentials import start_microsoft
    from tests.servers.fake_microsoft import FakeMicrosoft

    fake = FakeMicrosoft(tmp_path / "fake-microsoft", lambda *args: None)
    with fake:
        pass
    with pytest.raises(CheckFailed) as failed:
        start_microsoft(MicrosoftSignIn("app-fake", "consumers"), "ana@hotmail.com",
                        app_factory=fake.msal_app)
    assert "no se pudo conectar con Microsoft" in failed.value.message.es
    assert "could not reach Microsoft" in failed.value.message.en
