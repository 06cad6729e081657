"""Mailbox credentials: a password from the environment or a hidden prompt, or an OAuth2 token
(given, or from Microsoft's device-code sign-in). Secrets never appear in a repr or a message."""

from __future__ import annotations

import base64
import contextlib
import re
from collections.abc import Callable, Iterator, Mapping
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
    remember: bool = False  # keep this account in token_cache after the run (else removed)


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
    started = start_microsoft(signin, login_hint, app_factory=app_factory, notify=notify)
    if isinstance(started, str):
        return started
    notify(started.text())
    return started.token(notify)


def start_microsoft(signin: MicrosoftSignIn, login_hint: str | None, *,
                    app_factory: Callable[..., Any] | None = None,
                    notify: Callable[[Text], None] = lambda text: None) -> str | DeviceSignIn:
    """The token at once when the cache has one; else the device-code sign-in, started: its
    code and link to show, then `token()` to wait for the person (a web page shows the code
    and awaits it in a thread of its own)."""
    import msal

    cache = msal.SerializableTokenCache()
    if signin.token_cache is not None and signin.token_cache.exists():
        _load_cache(cache, signin.token_cache)
    factory = app_factory or msal.PublicClientApplication
    with _reaching_microsoft():
        app = factory(signin.client_id, authority=AUTHORITY + check_tenant(signin.tenant),
                      token_cache=cache)
        before = _account_ids(app)
        result, used = _silent(app, login_hint)
        flow = None if result is not None else app.initiate_device_flow(scopes=[IMAP_SCOPE])
    pending = DeviceSignIn(signin, app, cache, before, used)
    if flow is None:
        return pending.finish(result, notify)
    if "user_code" not in flow:
        raise _signin_failed(flow)
    pending.flow = flow
    return pending


@dataclass
class DeviceSignIn:
    """A device-code sign-in under way: the code and link the person needs, and the wait for
    them (which `cancel()`, from another thread, ends within a second)."""

    signin: MicrosoftSignIn
    app: Any
    cache: Any
    before: set[str]
    used: list[Any]
    flow: dict[str, Any] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return str(self.flow.get("user_code", ""))

    @property
    def uri(self) -> str:
        return str(self.flow.get("verification_uri", "https://microsoft.com/devicelogin"))

    @property
    def expires_at(self) -> float:
        """When the code stops working (time.time() seconds)."""
        return float(self.flow.get("expires_at", 0))

    def text(self) -> Text:
        return _device_code_text(self.flow)

    def cancel(self) -> None:
        self.flow["expires_at"] = 0  # MSAL's own way to end its polling early

    def token(self, notify: Callable[[Text], None] = lambda text: None) -> str:
        """Waits until the person has signed in (or refused, or the code expired)."""
        with _reaching_microsoft():
            result = self.app.acquire_token_by_device_flow(self.flow)
        return self.finish(result, notify)

    def finish(self, result: Mapping[str, Any] | None, notify: Callable[[Text], None]) -> str:
        if not result or "access_token" not in result:
            raise _signin_failed(result or {})
        if self.signin.token_cache is not None:
            _save_cache(self.signin, self.app, self.cache,
                        forget=[*self.used, *_new_accounts(self.app, self.before)],
                        notify=notify)
        return str(result["access_token"])


_UNREACHABLE = Text(
    "no se pudo conectar con Microsoft para iniciar la sesión (sin internet, o un proxy o un "
    "cortafuegos lo impide): revise la conexión de esta computadora y vuelva a intentarlo.",
    "could not reach Microsoft to sign in (no internet, or a proxy or firewall in the way): "
    "check this computer's connection and try again.")


@contextlib.contextmanager
def _reaching_microsoft() -> Iterator[None]:
    """MSAL's network errors (requests' are OSError) as a sentence: never a bug's message."""
    try:
        yield
    except OSError:
        raise CheckFailed(_UNREACHABLE) from None


def _load_cache(cache: Any, path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise UsageError(_CACHE_UNREADABLE.format(path=path, reason=error.strerror or "")) \
            from None
    except UnicodeDecodeError:
        raise UsageError(_CACHE_DAMAGED.format(path=path)) from None
    if not _cache_shaped(text):  # msal takes any JSON and fails later, deep inside
        raise UsageError(_CACHE_DAMAGED.format(path=path))
    cache.deserialize(text)


def _cache_shaped(text: str) -> bool:
    """MSAL's format: an object of credential kinds, each an object of objects."""
    import json

    try:
        data = json.loads(text) if text.strip() else {}
    except ValueError:
        return False
    return isinstance(data, dict) and all(
        isinstance(kind, dict) and all(isinstance(item, dict) for item in kind.values())
        for kind in data.values())


def _save_cache(signin: MicrosoftSignIn, app: Any, cache: Any, *, forget: list[Any],
                notify: Callable[[Text], None]) -> None:
    """Keep the cache for the next run; a stranger's refresh token only when asked to."""
    from diag.private_files import NotOurs, write_text

    path = signin.token_cache
    assert path is not None
    if not signin.remember:
        for account in forget:
            app.remove_account(account)
        notify(_FORGOTTEN.format(path=path))
        if not path.exists():
            return  # nothing to keep: no file at all
    if not cache.has_state_changed:
        return
    try:
        write_text(path, cache.serialize(), replace=True)
    except NotOurs:
        raise UsageError(_CACHE_UNREADABLE.format(path=path, reason="not a file")) from None


def _account_ids(app: Any) -> set[str]:
    return {str(a.get("home_account_id")) for a in app.get_accounts()}


def _new_accounts(app: Any, before: set[str]) -> list[Any]:
    return [a for a in app.get_accounts() if str(a.get("home_account_id")) not in before]


def _silent(app: Any, login_hint: str | None) -> tuple[dict[str, Any] | None, list[Any]]:
    """A token from the cache, and the account it came from."""
    accounts = app.get_accounts(username=login_hint) if login_hint else app.get_accounts()
    for account in accounts:
        result = app.acquire_token_silent([IMAP_SCOPE], account=account)
        if result and "access_token" in result:
            return dict(result), [account]
    return None, []


def _device_code_text(flow: Mapping[str, Any]) -> Text:
    uri, code = flow.get("verification_uri", "https://microsoft.com/devicelogin"), flow["user_code"]
    return Text(
        f"Inicio de sesión de Microsoft: abra {uri} en cualquier dispositivo, escriba el código "
        f"{code} y entre con la cuenta del correo. Esperando…",
        f"Microsoft sign-in: open {uri} on any device, enter the code {code} and sign in with "
        f"the mailbox's account. Waiting…",
    )


_CODE_EXPIRED = Text(
    "el código de inicio de sesión de Microsoft caducó antes de que la persona entrara: vuelva "
    "a empezar y pídale que escriba el código nuevo enseguida.",
    "the Microsoft sign-in code expired before the person signed in: start again and ask them "
    "to type the new code straight away.")
_DECLINED = Text(
    "la persona no aceptó el inicio de sesión de Microsoft (o no dio permiso para leer el "
    "correo): sin ese permiso no se puede revisar el buzón.",
    "the person did not accept the Microsoft sign-in (or did not allow reading the mail): "
    "without that permission the mailbox cannot be checked.")
# MSAL stops polling with the last answer: still "pending" means the code ran out of time.
_PLAIN_ERRORS = {"expired_token": _CODE_EXPIRED, "code_expired": _CODE_EXPIRED,
                 "authorization_pending": _CODE_EXPIRED, "authorization_declined": _DECLINED,
                 "access_denied": _DECLINED}


def _signin_failed(result: Mapping[str, Any]) -> CheckFailed:
    # The error code only: descriptions may echo request details.
    error = str(result.get("error") or "unknown_error")[:80]
    if error in _PLAIN_ERRORS:
        return CheckFailed(_PLAIN_ERRORS[error])
    return CheckFailed(Text(
        f"el inicio de sesión de Microsoft no se completó (Microsoft respondió «{error}»). "
        "Revise las opciones --ms-client-id y --ms-tenant, y que la aplicación permita flujos "
        "de cliente público.",
        f"the Microsoft sign-in did not complete ({error}). Check --ms-client-id and "
        "--ms-tenant, and that the app allows public client flows.",
    ))


# A server's echo is "the secret" from this many characters on: short enough to catch a cut
# echo, long enough that ordinary words of a reply do not match by chance.
_ECHO_PREFIX, _ECHO_PLAIN, _ECHO_BASE64 = 4, 6, 8
_RESPONSE_CODE = re.compile(r"\s*(\[[A-Za-z0-9.-]{1,40}\])")
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/_-]{8,}={0,2}")


def echoes_secret(text: str, secret: str, *, sent: str | None = None) -> bool:
    """The server's text repeats the secret: in any case, cut short, or in base64 (of the secret
    or of the SASL message `sent` that carried it)."""
    if not secret:
        return False
    folded, secret_folded = text.casefold(), secret.casefold()
    if secret_folded[:_ECHO_PREFIX] in folded or _has_window(folded, secret_folded, _ECHO_PLAIN):
        return True
    for carrier in (secret, sent or ""):
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            encoded = encode(carrier.encode("utf-8")).decode("ascii").rstrip("=")
            if carrier and _has_window(text, encoded, _ECHO_BASE64):
                return True
    return any(_has_window(_decoded(run).casefold(), secret.casefold(), _ECHO_PLAIN)
               for run in _BASE64_RUN.findall(text))


def response_code(text: str) -> str:
    """The bracketed response code a reply starts with (`[AUTHENTICATIONFAILED]`), or ""."""
    found = _RESPONSE_CODE.match(text)
    return found.group(1) if found else ""


def _has_window(text: str, secret: str, size: int) -> bool:
    """Some `size`-long piece of the secret (or all of a shorter one) is in the text."""
    size = min(size, len(secret))
    return any(secret[i:i + size] in text for i in range(len(secret) - size + 1))


def _decoded(run: str) -> str:
    padded = run.rstrip("=") + "=" * (-len(run.rstrip("=")) % 4)
    try:
        return base64.b64decode(padded.replace("-", "+").replace("_", "/")).decode(
            "utf-8", "replace")
    except ValueError:
        return ""


_CACHE_DAMAGED = Text(
    "la caché de tokens «{path}» está dañada o no es una caché de iess-diag: bórrela (solo "
    "guarda inicios de sesión) o indique otra con --token-cache.",
    "the token cache '{path}' is damaged or not an iess-diag token cache: delete it (it only "
    "holds sign-ins) or give another --token-cache.")


_CACHE_UNREADABLE = Text("no se puede usar la caché de tokens «{path}»: {reason}.",
                         "cannot use the token cache '{path}': {reason}.")


_FORGOTTEN = Text(
    "La cuenta se quitó de la caché de tokens {path} al terminar: la próxima vez se pedirá el "
    "código otra vez (use --remember-account para conservarla).",
    "The account was removed from the token cache {path} when done: next time the code will be "
    "asked for again (use --remember-account to keep it).")
