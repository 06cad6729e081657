"""Mailbox credentials: a password from the environment or a hidden prompt, or an OAuth2 token
(given, or from Microsoft's device-code sign-in). Secrets never appear in a repr or a message."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diag.errors import CheckFailed, UsageError
from diag.i18n import Text

PASSWORD_ENV = "IESS_DIAG_IMAP_PASSWORD"
TOKEN_ENV = "IESS_DIAG_OAUTH2_TOKEN"
CLIENT_ID_ENV = "IESS_DIAG_MS_CLIENT_ID"
IMAP_SCOPE = "https://outlook.office.com/IMAP.AccessAsUser.All"
TENANTS = ("common", "consumers", "organizations")
AUTHORITY = "https://login.microsoftonline.com/"

_NO_TERMINAL = Text(
    f"falta la contraseña del correo: defina {PASSWORD_ENV} o ejecute en una terminal para "
    "escribirla (nunca como opción de la línea de comandos).",
    f"the mailbox password is missing: set {PASSWORD_ENV} or run in a terminal to type it "
    "(never as a command-line option).",
)
_EMPTY_PASSWORD = Text("la contraseña está vacía.", "the password is empty.")
_PROMPT = Text("Contraseña de {user} (no se mostrará): ", "Password for {user} (not shown): ")


@dataclass(frozen=True, repr=False)
class Credentials:
    """Who signs in and with what; exactly one of password and oauth2_token is set."""

    user: str | None = None  # None: the address (or its local part for iCloud)
    password: str | None = field(default=None, compare=False)
    oauth2_token: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if (self.password is None) == (self.oauth2_token is None):
            raise ValueError("Credentials need exactly one of password and oauth2_token")

    @property
    def kind(self) -> str:
        return "password" if self.password is not None else "oauth2"

    def __repr__(self) -> str:
        return f"Credentials(user={self.user!r}, kind={self.kind!r}, secret=<hidden>)"

    __str__ = __repr__


@dataclass(frozen=True)
class MicrosoftSignIn:
    """A registered Entra ID application (public client) to sign in with the device code."""

    client_id: str
    tenant: str = "common"  # "common" lets both personal and work accounts in
    token_cache: Path | None = None  # tokens stay in memory unless a file is given


def gather(user: str | None, *, environ: Mapping[str, str], interactive: bool,
           prompt: Callable[[Text], str], notify: Callable[[Text], None],
           microsoft: MicrosoftSignIn | None = None, login_hint: str | None = None,
           app_factory: Callable[..., Any] | None = None) -> Credentials:
    """Token from the environment, else Microsoft sign-in, else password from the environment,
    else a hidden prompt; without a terminal to prompt on the check cannot run."""
    token = environ.get(TOKEN_ENV, "").strip()
    if token:
        return Credentials(user, oauth2_token=token)
    if microsoft is not None:
        hint = user or login_hint
        return Credentials(user, oauth2_token=microsoft_token(microsoft, hint, notify,
                                                              app_factory=app_factory))
    password = environ.get(PASSWORD_ENV)
    if password is None:
        if not interactive:
            raise CheckFailed(_NO_TERMINAL)
        password = prompt(_PROMPT.format(user=user or login_hint or ""))
    if not password:
        raise UsageError(_EMPTY_PASSWORD)
    return Credentials(user, password=password)


def check_tenant(tenant: str) -> str:
    value = tenant.strip().lower()
    if value in TENANTS or _looks_like_tenant_id(value):
        return value
    raise UsageError(Text(
        f"--ms-tenant debe ser common, consumers, organizations o el id/dominio del inquilino, "
        f"no «{tenant}».",
        f"--ms-tenant must be common, consumers, organizations or a tenant id/domain, "
        f"not '{tenant}'.",
    ))


def _looks_like_tenant_id(value: str) -> bool:
    return bool(value) and all(c.isalnum() or c in "-." for c in value) and (
        "." in value or value.count("-") == 4)


def microsoft_token(signin: MicrosoftSignIn, login_hint: str | None,
                    notify: Callable[[Text], None], *,
                    app_factory: Callable[..., Any] | None = None) -> str:
    """An IMAP access token: silently from the token cache, else by the device-code flow."""
    import msal

    cache = msal.SerializableTokenCache()
    if signin.token_cache is not None and signin.token_cache.exists():
        cache.deserialize(signin.token_cache.read_text(encoding="utf-8"))
    factory = app_factory or msal.PublicClientApplication
    app = factory(signin.client_id, authority=AUTHORITY + check_tenant(signin.tenant),
                  token_cache=cache)
    result = _silent(app, login_hint)
    if result is None:
        flow = app.initiate_device_flow(scopes=[IMAP_SCOPE])
        if "user_code" not in flow:
            raise _signin_failed(flow)
        notify(_device_code_text(flow))
        result = app.acquire_token_by_device_flow(flow)
    if not result or "access_token" not in result:
        raise _signin_failed(result or {})
    if signin.token_cache is not None and cache.has_state_changed:
        write_private(signin.token_cache, cache.serialize())
    return str(result["access_token"])


def _silent(app: Any, login_hint: str | None) -> dict[str, Any] | None:
    accounts = app.get_accounts(username=login_hint) if login_hint else app.get_accounts()
    for account in accounts:
        result = app.acquire_token_silent([IMAP_SCOPE], account=account)
        if result and "access_token" in result:
            return dict(result)
    return None


def _device_code_text(flow: Mapping[str, Any]) -> Text:
    uri, code = flow.get("verification_uri", "https://microsoft.com/devicelogin"), flow["user_code"]
    return Text(
        f"Inicio de sesión de Microsoft: abra {uri} en cualquier dispositivo, escriba el código "
        f"{code} y entre con la cuenta del correo. Esperando…",
        f"Microsoft sign-in: open {uri} on any device, enter the code {code} and sign in with "
        f"the mailbox's account. Waiting…",
    )


def _signin_failed(result: Mapping[str, Any]) -> CheckFailed:
    # The error code only: descriptions may echo request details.
    error = str(result.get("error") or "unknown_error")[:80]
    return CheckFailed(Text(
        f"el inicio de sesión de Microsoft no se completó (Microsoft respondió «{error}»). "
        "Revise las opciones --ms-client-id y --ms-tenant, y que la aplicación permita flujos "
        "de cliente público.",
        f"the Microsoft sign-in did not complete ({error}). Check --ms-client-id and "
        "--ms-tenant, and that the app allows public client flows.",
    ))


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read, created with mode 0600 (never briefly wider)."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, text.encode("utf-8"))
    finally:
        os.close(fd)
    os.replace(tmp, path)
