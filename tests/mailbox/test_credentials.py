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
    signin = MicrosoftSignIn("app-123", "consumers", cache)
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
