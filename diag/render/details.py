"""A finding's details as labelled lines in words (HTML, Markdown), never as raw JSON."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from diag.durations import human
from diag.i18n import Lang, Text

T = Text
# Every detail key a check writes, with what a help desk calls it. Protocol names (SPF, MX,
# IMAP) stay: they are proper nouns here, and the values beside them are the raw ones.
LABELS: dict[str, Text] = {
    "address": T("Dirección", "Address"), "addresses": T("Direcciones IP", "IP addresses"),
    "aligned": T("Pruebas alineadas con el remitente", "Checks aligned with the sender"),
    "answer": T("Respuesta", "Answer"), "arrived": T("Llegó", "Arrived"),
    "auth": T("Autenticación según el receptor", "Authentication by the receiver"),
    "bcl": T("Nivel de correo masivo (BCL)", "Bulk level (BCL)"),
    "cause": T("Causa", "Cause"), "changes": T("Cambios", "Changes"),
    "cleaned": T("Sin los caracteres invisibles", "Without the invisible characters"),
    "columns": T("Columnas", "Columns"), "command": T("Comando IMAP", "IMAP command"),
    "complete": T("Completa", "Complete"), "compauth": T("Autenticación compuesta (compauth)",
                                                         "Composite authentication (compauth)"),
    "converted_positions": T("Posiciones convertidas", "Converted positions"),
    "count": T("Cantidad", "Count"), "coverage": T("Alcance de la búsqueda", "Search coverage"),
    "dkim": T("DKIM", "DKIM"), "dmarc": T("DMARC", "DMARC"), "domain": T("Dominio", "Domain"),
    "expected": T("Esperado", "Expected"), "failures": T("Consultas fallidas", "Failed lookups"),
    "fields": T("Campos", "Fields"), "folder": T("Carpeta", "Folder"),
    "folder_count": T("Carpetas revisadas", "Folders searched"),
    "folders": T("Carpetas", "Folders"),
    "folders_left_out": T("Carpetas sin revisar", "Folders left out"),
    "folders_planned": T("Carpetas previstas", "Folders planned"),
    "folders_searched": T("Carpetas revisadas", "Folders searched"),
    "gmail": T("Buzón de Gmail", "Gmail mailbox"), "host": T("Servidor", "Server"),
    "hosts": T("Servidores", "Servers"), "imap_commands": T("Comandos IMAP", "IMAP commands"),
    "imap_host": T("Servidor IMAP", "IMAP server"), "input": T("Lo escrito", "As typed"),
    "interrupted": T("Interrumpida", "Interrupted"), "left_out": T("Sin revisar", "Left out"),
    "limit_kib": T("Límite (KB)", "Limit (KB)"), "link_hosts": T("Enlaces a", "Links go to"),
    "matches": T("Mensajes parecidos", "Similar messages"),
    "matches_left_out": T("Mensajes parecidos sin leer", "Similar messages not read"),
    "matches_read": T("Mensajes parecidos leídos", "Similar messages read"),
    "mx_hosts": T("Servidores de correo (MX)", "Mail servers (MX)"),
    "local_part": T("Parte antes de la @", "Part before the @"),
    "name": T("Nombre", "Name"), "names": T("Nombres Unicode", "Unicode names"),
    "number": T("Número", "Number"), "percent": T("Porcentaje usado", "Percent used"),
    "port": T("Puerto", "Port"), "positions": T("Posiciones", "Positions"),
    "provider": T("Proveedor (código)", "Provider (id)"),
    "provider_name": T("Proveedor", "Provider"), "quota_root": T("Cuota", "Quota"),
    "reason": T("Motivo", "Reason"), "reasons": T("Motivos", "Reasons"),
    "receiver": T("Receptor que lo verificó", "Receiver that checked it"),
    "refused": T("Carpetas que el servidor no dejó abrir", "Folders the server refused"),
    "removed": T("Caracteres quitados", "Characters removed"),
    "results": T("Resultados", "Results"), "role": T("Tipo de carpeta", "Folder kind"),
    "row": T("Fila", "Row"), "said": T("Respuesta del servidor", "The server's reply"),
    "sender": T("Remitente", "Sender"), "sender_domain": T("Dominio del remitente",
                                                           "Sender's domain"),
    "sender_name": T("Nombre del remitente", "Sender's name"), "sent": T("Enviado", "Sent"),
    "since": T("Desde", "Since"), "source": T("Fuente", "Source"),
    "spam": T("Veredicto de spam", "Spam verdict"), "spf": T("SPF", "SPF"),
    "subject": T("Asunto", "Subject"), "suggested_address": T("Dirección sugerida",
                                                              "Suggested address"),
    "suggestion": T("Sugerencia", "Suggestion"), "type": T("Tipo", "Type"),
    "typed": T("Lo escrito", "As typed"), "usage_kib": T("En uso (KB)", "In use (KB)"),
    "user": T("Usuario", "User"), "validator_message": T("Mensaje del validador",
                                                         "The validator's message"),
    "why": T("Por qué", "Why"), "state": T("Situación", "State"),
    # the sender's side (check-sender): SPF, DMARC, DKIM, blocklists
    "record": T("Registro publicado", "Published record"),
    "dns_lookups": T("Consultas DNS usadas", "DNS lookups used"),
    "void_lookups": T("Consultas DNS sin resultado", "Void DNS lookups"),
    "error": T("Error", "Error"), "all": T("Final del registro (all)", "The record's end (all)"),
    "address_count": T("Cantidad de direcciones IP", "Number of IP addresses"),
    "range_count": T("Cantidad de rangos de red", "Number of network ranges"),
    "ranges": T("Rangos de red", "Network ranges"),
    "truncated": T("Lista recortada", "List cut short"),
    "at": T("Publicada en", "Published at"), "policy": T("Política", "Policy"),
    "p": T("Política (p)", "Policy (p)"), "sp": T("Política de subdominios (sp)",
                                                  "Subdomain policy (sp)"),
    "applied": T("Política aplicada", "Policy applied"),
    "pct": T("Porcentaje al que se aplica (pct)", "Percentage it applies to (pct)"),
    "adkim": T("Alineación DKIM exigida (adkim)", "DKIM alignment required (adkim)"),
    "aspf": T("Alineación SPF exigida (aspf)", "SPF alignment required (aspf)"),
    "selector": T("Selector DKIM", "DKIM selector"),
    "selectors": T("Selectores DKIM", "DKIM selectors"),
    "presence": T("Situación", "State"), "blocklist": T("Lista de bloqueo", "Blocklist"),
    "lists": T("Listas consultadas", "Lists checked"), "zone": T("Zona de la lista",
                                                                 "The list's zone"),
    "codes": T("Códigos de respuesta de la lista", "The list's answer codes"),
    "sender_problem": T("Problema del remitente", "The sender's problem"),
    "receivers": T("Receptores afectados", "Receivers affected"),
    # a batch's rows, a wait
    "line": T("Línea", "Line"), "skipped": T("Omitido", "Skipped"),
    # cédula and RUC
    "check_digit": T("Dígito verificador", "Check digit"),
    "digit_count": T("Cantidad de dígitos", "Number of digits"),
    "establishment": T("Establecimiento", "Establishment"),
    "expected_digit": T("Dígito esperado", "Expected digit"), "kind": T("Tipo", "Kind"),
    "problems": T("Problemas", "Problems"), "province": T("Provincia", "Province"),
    "province_code": T("Código de provincia", "Province code"),
    # durations, shown as a person says them
    "age_seconds": T("Antigüedad", "Age"),
    "arrived_after_seconds": T("Llegó tras", "Arrived after"),
    "noticed_after_seconds": T("Se notó tras", "Noticed after"),
    "threshold_seconds": T("Umbral de demora", "Delay threshold"),
    "transit_seconds": T("Tiempo de entrega", "Delivery time"),
    "validity_seconds": T("Validez del enlace", "Link validity"),
    "waited_seconds": T("Tiempo de espera", "Time waited"),
}
# The same key means something else in some codes: provider.detected's `auth` is how one signs
# in to the mailbox, not a receiver's verdict on a message.
BY_CODE: dict[str, dict[str, Text]] = {
    "provider.detected": {"auth": T("Inicio de sesión IMAP", "IMAP sign-in"),
                          "source": T("Reconocido por", "Recognised from")},
}
_YES_NO = {True: T("sí", "yes"), False: T("no", "no")}
_UNKNOWN = T("no se conoce", "unknown")  # a detail the check could not find out ("?")


def label(key: str, lang: Lang, code: str = "") -> str:
    known = BY_CODE.get(code, {}).get(key) or LABELS.get(key)
    return known.get(lang) if known else key.replace("_", " ")


def detail_lines(details: Mapping[str, Any], lang: Lang,
                 code: str = "") -> list[tuple[str, str]]:
    """(label, value) for each detail worth showing; empty values are left out."""
    return [(label(key, lang, code), shown) for key, value in details.items()
            if (shown := value_text(key, value, lang))]


def value_text(key: str, value: Any, lang: Lang) -> str:
    if value is None or value == [] or value == {} or value == "":
        return ""
    if isinstance(value, bool):
        return _YES_NO[value].get(lang)
    if value == "?":
        return _UNKNOWN.get(lang)
    if key.endswith("_seconds") and isinstance(value, int | float):
        return human(timedelta(seconds=value), lang)
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {v}" for k, v in detail_lines(value, lang))
    if isinstance(value, list | tuple):
        return " · ".join(v for item in value if (v := value_text(key, item, lang)))
    return str(value)
