"""Why a session could not go on, in words a support agent can act on."""

from __future__ import annotations

import socket
import ssl
from typing import Any

from diag.i18n import Text, os_error_text
from diag.mailbox.options import Endpoint, Security, command_budget


class SessionFailed(Exception):
    """The session cannot go on; `code` is the finding to report (never carries a secret)."""

    def __init__(self, code: str, reason: Text, **details: Any) -> None:
        super().__init__(reason.en)
        self.code = code
        self.reason = reason
        self.details = details


class CommandRefused(Exception):
    """The server answered NO or BAD: the connection is fine, this one command was declined."""

    def __init__(self, command: str, said: str) -> None:
        super().__init__(f"{command}: {said}")
        self.command = command
        self.said = said


def translate(error: BaseException, endpoint: Endpoint) -> SessionFailed:
    """A low-level failure in the words a support agent can act on."""
    host, port = endpoint.host, endpoint.port
    where = {"host": host, "port": port}
    if isinstance(error, SessionFailed):
        return error
    if isinstance(error, ssl.SSLCertVerificationError):
        return SessionFailed("imap.tls_failed", _certificate_reason(error, host), **where,
                             cause="certificate", verify_message=str(error.verify_message))
    if isinstance(error, TimeoutError | socket.timeout):
        return SessionFailed("imap.unreachable", Text(
            f"no respondió en {endpoint.timeout:g} s", f"no answer within {endpoint.timeout:g} s"),
            **where, cause="timeout")
    if isinstance(error, ssl.SSLError):
        hint = _TLS_HINT if endpoint.security is Security.TLS else Text("", "")
        why = getattr(error, "reason", None) or error
        return SessionFailed("imap.tls_failed", Text(
            f"falló el inicio de la conexión segura (TLS), que dijo «{why}»{hint.es}",
            f"the secure (TLS) handshake failed, saying '{why}'{hint.en}"),
            **where, cause="handshake")
    if isinstance(error, ConnectionRefusedError):
        return SessionFailed("imap.unreachable", Text(
            "conexión rechazada: nada escucha en ese puerto",
            "connection refused: nothing listens on that port"), **where, cause="refused")
    if isinstance(error, socket.gaierror):
        return SessionFailed("imap.unreachable", Text(
            f"el nombre {host} no existe en el DNS", f"the name {host} does not resolve"),
            **where, cause="dns")
    if isinstance(error, OSError):
        why = os_error_text(error)
        return SessionFailed("imap.unreachable", Text(
            f"error de red: {why.es}", f"network error: {why.en}"),
            **where, cause="network")
    return SessionFailed("imap.unreachable", Text(
        "el servidor cerró la conexión o respondió algo que no es IMAP",
        "the server closed the connection or answered something that is not IMAP"),
        **where, cause="protocol")


_TLS_HINT = Text("; si ese puerto usa STARTTLS, repita con la opción --starttls",
                 "; is it a STARTTLS port? try --starttls")


def _certificate_reason(error: ssl.SSLCertVerificationError, host: str) -> Text:
    message = str(error.verify_message or error)
    if "mismatch" in message.lower() or "match" in message.lower():
        return Text(f"el certificado del servidor no es para {host} (es de otro servidor)",
                    f"the server's certificate is not for {host} (it belongs to another server)")
    if "self" in message.lower() or "issuer" in message.lower():
        return Text("el certificado no lo firmó una autoridad de confianza (si la organización "
                    "usa una autoridad propia, indique su archivo con la opción --ca-file)",
                    "the certificate is not signed by a trusted authority (if the organisation "
                    "uses its own CA, give it with --ca-file)")
    if "expired" in message.lower():
        return Text("el certificado del servidor caducó", "the server's certificate has expired")
    return Text(f"el certificado no es válido ({message})",
                f"the certificate is not valid ({message})")


def stalled(endpoint: Endpoint) -> SessionFailed:
    budget = command_budget(endpoint)
    return SessionFailed("imap.unreachable", Text(
        f"el servidor no terminó de responder en {budget:g} s",
        f"the server did not finish answering within {budget:g} s"),
        host=endpoint.host, port=endpoint.port, cause="stalled")


def login_failed(reason: Text, **details: Any) -> SessionFailed:
    return SessionFailed("imap.login_failed", reason, **details)


def is_protocol_refusal(error: BaseException) -> bool:
    """A NO or BAD answer: the connection is fine, the server just declined this command."""
    import imaplib

    from imapclient.exceptions import IMAPClientAbortError, IMAPClientError, ProtocolError

    if isinstance(error, IMAPClientAbortError | imaplib.IMAP4.abort | ProtocolError):
        return False  # a dropped connection, or an answer imapclient could not parse
    return isinstance(error, IMAPClientError | imaplib.IMAP4.error) and not isinstance(
        error, OSError)


def server_words(error: BaseException) -> str:
    text = str(error).strip()
    if text.startswith(("b'", 'b"')) and text[-1:] in "'\"":
        text = text[2:-1]
    return " ".join(text.split())[:200]
