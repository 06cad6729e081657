"""The server that delivered an analysed IESS mail, as findings: its address and its listings."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any

from diag.codes import make
from diag.findings import Finding
from diag.i18n import Text
from diag.message.authresults import vouches
from diag.message.hops import HopState
from diag.message.model import Kind, MessageFacts

# (sending domain, address) -> blocklist findings; diag.sender.check.check_sending_ip, with the
# resolver bound. None: the analysis stays offline.
BlocklistCheck = Callable[[str, str], list[Finding]]

_RECEIVER = {"google": "Gmail", "microsoft": "Outlook/Hotmail", "yahoo": "Yahoo",
             "icloud": "iCloud", "zoho": "Zoho"}
_WHY = {
    HopState.RECEIVER_UNKNOWN: Text(
        "no llegó a un proveedor conocido (Gmail, Outlook), así que no se sabe qué cabeceras "
        "escribió quien lo recibió",
        "it did not reach a known provider (Gmail, Outlook), so which headers the receiver "
        "wrote is unknown"),
    HopState.RECEIVER_UNSUPPORTED: Text(
        "esta herramienta todavía no lee las cabeceras de recepción de {provider}",
        "this tool does not read the trace headers of {provider} yet"),
    HopState.NO_INBOUND_HOP: Text(
        "ningún servidor de entrada de {provider} dejó su cabecera",
        "no inbound server of {provider} left its header"),
    HopState.NO_ADDRESS: Text(
        "la cabecera de {provider} no indica la dirección del servidor",
        "the header of {provider} does not give the server's address"),
    HopState.AMBIGUOUS: Text(
        "la cabecera de {provider} indica más de una dirección",
        "the header of {provider} gives more than one address"),
    HopState.RELAYED: Text(
        "lo entregó un servidor del propio {provider} (un reenvío, o un envío desde una cuenta "
        "de {provider}), y lo que hay debajo lo pudo escribir cualquiera",
        "a server of {provider} itself handed it over (a forward, or mail sent from a "
        "{provider} account), and what lies below could have been written by anyone"),
    HopState.INSIDE_ONLY: Text(
        "las cabeceras de {provider} solo muestran direcciones de su red interna",
        "the headers of {provider} show only addresses of its internal network"),
}
_SKIP = {
    "unproven": Text("el proveedor no confirmó que el correo sea del remitente (no hay una "
                     "verificación aprobada y alineada con él)",
                     "the provider did not confirm the mail is the sender's (no passing check "
                     "aligned with it)"),
    "reserved": Text("es una dirección reservada, que no existe en internet",
                     "it is a reserved address, which does not exist on the internet"),
    "ipv6": Text("las listas de bloqueo no se consultan aquí para direcciones IPv6",
                 "blocklists are not asked about IPv6 addresses here"),
    "offline": Text("se analizó sin consultar el DNS (--no-blocklist)",
                    "it was analysed without asking DNS (--no-blocklist)"),
}


def sending_findings(facts: MessageFacts, check: BlocklistCheck | None,
                     **context: Any) -> list[Finding]:
    """For a mail from the sender domains: which server delivered it and, when the receiver
    vouches that the mail is the sender's, whether that server is on a blocklist."""
    if facts.kind not in (Kind.RECOVERY, Kind.IESS_OTHER) or facts.sender_domain is None:
        return []
    hop = facts.sending
    provider = _RECEIVER.get(hop.receiver or "", hop.receiver or "")
    info = {"receiver": hop.receiver, "by": hop.by or None, "position": hop.position or None,
            "state": hop.state.value, **context}
    if not hop.found or hop.address is None:
        why = _WHY.get(hop.state, _WHY[HopState.RECEIVER_UNKNOWN]).format(provider=provider)
        return [make("origin.unknown", texts={"why": why}, **info)]
    shown = Text(f" ({hop.host})", f" ({hop.host})") if hop.host else Text("", "")
    found = [make("origin.server", texts={"receiver_text": Text(provider, provider),
                                             "host_text": shown},
                  address=hop.address, host=hop.host or None, **info)]
    skipped = _skipped(facts, hop.address, check)
    if skipped is not None or check is None:
        reason = skipped or "offline"
        found.append(make("origin.not_checked", texts={"why": _SKIP[reason]},
                          address=hop.address, reason=reason, **context))
    else:
        found += check(facts.sender_domain, hop.address)
    return found


def _skipped(facts: MessageFacts, address: str, check: BlocklistCheck | None) -> str | None:
    if not vouches(facts.auth):
        return "unproven"  # a forger's server on a list says nothing about the sender
    ip = ipaddress.ip_address(address)
    if not ip.is_global:
        return "reserved"
    if ip.version == 6:
        return "ipv6"
    return None if check is not None else "offline"
