"""`iess-diag serve`: the help desk's local web page (the `web` extra), safe by default."""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from diag import defaults
from diag.cli import app
from diag.cli.environment import Environment, current
from diag.cli.mailbox_options import MsClientIdOption, MsTenantOption
from diag.cli.options import DnsTimeoutOption, LangOption, NameserverOption
from diag.errors import UsageError
from diag.i18n import Lang, Text

if TYPE_CHECKING:
    from diag.mailbox.credentials import MicrosoftSignIn

_EPILOG = "Example / Ejemplo: iess-diag serve --open"
_NOT_AN_IP = Text("--host debe ser una dirección IP (por ejemplo 127.0.0.1), no «{host}».",
                  "--host must be an IP address (for example 127.0.0.1), not '{host}'.")
_REMOTE = Text("«{host}» deja que otras máquinas abran la página: para eso hacen falta "
               "--allow-remote y un certificado TLS (--cert y --key).",
               "'{host}' lets other machines open the page: that needs --allow-remote and a TLS "
               "certificate (--cert and --key).")
_CERT_AND_KEY = Text("--cert y --key van juntos: dé los dos, o ninguno.",
                     "--cert and --key go together: give both, or neither.")
_NO_WEB = Text("faltan las bibliotecas de la página web: instálelas con "
               "pip install -e '.[web]'.",
               "the web page's libraries are missing: install them with pip install -e '.[web]'.")
_CANNOT_BIND = Text("no se pudo escuchar en {host}:{port}: {reason}.",
                    "could not listen on {host}:{port}: {reason}.")
_LOCAL = Text("Solo esta computadora puede abrir la página. Ctrl-C la detiene.",
              "Only this computer can open the page. Ctrl-C stops it.")
_OPEN_TO_NETWORK = Text(
    "ATENCIÓN: la página escucha en {host}, con TLS: cualquier máquina que llegue a esa "
    "dirección y tenga el enlace con el código puede usarla. Ctrl-C la detiene.",
    "WARNING: the page listens on {host}, over TLS: any machine that reaches that address and "
    "has the link with the token can use it. Ctrl-C stops it.")
_AT = Text("Página: {url}", "Page: {url}")


@app.command("serve", epilog=_EPILOG)
def serve_command(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(
        "--host", metavar="IP",
        help="The IP address to listen on. Anything but a loopback address (127.0.0.1, ::1) "
             "needs --allow-remote, --cert and --key.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(
        "--port", min=0, max=65535, metavar="PORT",
        help="The port; 0 picks a free one.")] = 0,
    open_browser: Annotated[bool, typer.Option(
        "--open", help="Also open the page in the default browser.")] = False,
    allow_remote: Annotated[bool, typer.Option(
        "--allow-remote", help="Allow an address other machines can reach (with TLS only).")
    ] = False,
    cert: Annotated[Path | None, typer.Option(
        "--cert", metavar="FILE", exists=True, dir_okay=False,
        help="TLS certificate (PEM): the page is then HTTPS (needed for --allow-remote).")
    ] = None,
    key: Annotated[Path | None, typer.Option(
        "--key", metavar="FILE", exists=True, dir_okay=False,
        help="TLS private key (PEM), with --cert.")] = None,
    nameserver: NameserverOption = None,
    dns_timeout: DnsTimeoutOption = defaults.DNS_TIMEOUT,
    no_sender_check: Annotated[bool, typer.Option(
        "--no-sender-check", help="Leave out the 'Sender (IESS)' section of every case.")
    ] = False,
    ca_file: Annotated[Path | None, typer.Option(
        "--ca-file", metavar="FILE", exists=True, dir_okay=False,
        help="Trust this CA (PEM) for the mailbox's TLS certificate, as diagnose --ca-file.")
    ] = None,
    ms_client_id: MsClientIdOption = None,
    ms_tenant: MsTenantOption = defaults.MS_TENANT,
    lang: LangOption = None,
) -> None:
    """Start the help desk's web page on this computer: check cases in a browser, in Spanish
    by default, with the same findings and plan as `diagnose`."""
    env = current(ctx)
    said = env.lang(lang)
    remote = _remote(host, allow_remote, cert, key)
    if (cert is None) != (key is None):
        raise UsageError(_CERT_AND_KEY)
    tls = cert is not None  # also on loopback, when given
    try:
        import uvicorn

        from diag.web.app import build_app
        from diag.web.cases import Settings, warm
    except ImportError:
        raise UsageError(_NO_WEB) from None
    listening = _bind(host, port)
    bound = int(listening.getsockname()[1])
    settings = Settings(tuple(nameserver or ()), dns_timeout, not no_sender_check,
                        lang or Lang.ES, str(ca_file) if ca_file else None,
                        _microsoft(ms_client_id, ms_tenant))
    guarded = build_app(host, bound, settings=settings, secure=tls)
    warm(settings)
    shown = f"[{host}]" if ":" in host else host
    url = f"{'https' if tls else 'http'}://{shown}:{bound}/?token={guarded.secrets.token}"
    # Who can open it first, on stderr: once the address is out, the page is in use.
    env.note((_OPEN_TO_NETWORK.format(host=host) if remote else _LOCAL).get(said))
    env.write(_AT.format(url=url).get(said) + "\n")
    env.stdout.flush()
    _log_to(env)
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    config = uvicorn.Config(guarded, log_level="warning", access_log=False, lifespan="off",
                            server_header=False, proxy_headers=False,
                            # An open live page (a wait of half an hour) must not hold Ctrl-C.
                            timeout_graceful_shutdown=2,
                            ssl_certfile=str(cert) if tls else None,
                            ssl_keyfile=str(key) if tls else None)
    uvicorn.Server(config).run(sockets=[listening])


def _microsoft(client_id: str | None, tenant: str) -> MicrosoftSignIn | None:
    """"Iniciar sesión con Microsoft" on the page; its tokens stay in memory (no cache file)."""
    from diag.mailbox.credentials import MicrosoftSignIn, check_tenant

    if not client_id or not client_id.strip():
        return None
    return MicrosoftSignIn(client_id.strip(), check_tenant(tenant))


def _remote(host: str, allow_remote: bool, cert: Path | None, key: Path | None) -> bool:
    """Whether this is a non-loopback address, refused without --allow-remote and TLS."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        raise UsageError(_NOT_AN_IP.format(host=host)) from None
    if address.is_loopback:
        return False
    if not (allow_remote and cert and key):
        raise UsageError(_REMOTE.format(host=host))
    return True


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host.strip("[]"), port), family=family)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise UsageError(_CANNOT_BIND.format(host=host, port=port, reason=reason)) from None


def _log_to(env: Environment) -> None:
    """The access log on stderr: method, path, status; never a query string or an address."""
    import logging

    handler = logging.StreamHandler(env.stderr)
    handler.setFormatter(logging.Formatter("iess-diag serve: %(message)s"))
    log = logging.getLogger("iess_diag.web")
    log.handlers[:] = [handler]
    log.setLevel(logging.INFO)
    log.propagate = False
