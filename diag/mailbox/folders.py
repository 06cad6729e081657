"""Folder roles: SPECIAL-USE attributes (RFC 6154) first, then well-known names in English and
Spanish, so the search knows where junk, promotions and trash are on any server."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Role(StrEnum):
    INBOX = "inbox"
    JUNK = "junk"
    PROMOTIONS = "promotions"
    TRASH = "trash"
    ARCHIVE = "archive"
    ALL = "all"
    OTHER = "other"
    SKIP = "skip"  # sent, drafts, virtual views, calendars: never where incoming mail lands


SEARCH_ORDER = (Role.INBOX, Role.JUNK, Role.PROMOTIONS, Role.TRASH, Role.ARCHIVE, Role.OTHER)


_SPECIAL_USE = {
    "\\junk": Role.JUNK, "\\spam": Role.JUNK, "\\trash": Role.TRASH, "\\archive": Role.ARCHIVE,
    "\\all": Role.ALL, "\\allmail": Role.ALL, "\\sent": Role.SKIP, "\\drafts": Role.SKIP,
    "\\flagged": Role.SKIP, "\\important": Role.SKIP, "\\starred": Role.SKIP,
}
_NAMES: dict[Role, tuple[str, ...]] = {
    Role.JUNK: ("junk", "junk email", "junk e-mail", "junk mail", "spam", "bulk", "bulk mail",
                "correo no deseado", "correo basura", "no deseado"),
    Role.PROMOTIONS: ("promociones", "promotions", "promocion", "ofertas"),
    Role.TRASH: ("trash", "deleted items", "deleted messages", "deleted", "bin", "papelera",
                 "elementos eliminados", "eliminados"),
    Role.ARCHIVE: ("archive", "archives", "archivo", "archivado", "archivados"),
    Role.SKIP: ("sent", "sent items", "sent mail", "sent messages", "enviados",
                "elementos enviados", "correo enviado", "drafts", "borradores", "outbox",
                "bandeja de salida", "notes", "notas", "calendar", "calendario", "contacts",
                "contactos", "tasks", "tareas", "journal", "diario", "conversation history",
                "historial de conversaciones", "sync issues", "problemas de sincronización",
                "rss feeds", "fuentes rss"),
}
# Gmail's views, known by name only under its [Gmail]/ prefix: elsewhere a folder called
# "Importantes" or "Todos" is the person's own, and mail may well be in it.
_GMAIL_NAMES: dict[Role, tuple[str, ...]] = {
    Role.ALL: ("all mail", "todos", "todo el correo"),
    Role.SKIP: ("important", "importantes", "starred", "destacados", "chats"),
}
_BY_NAME = {name: role for role, names in _NAMES.items() for name in names}
_BY_GMAIL_NAME = {name: role for role, names in _GMAIL_NAMES.items() for name in names}
_GMAIL_PREFIXES = ("[gmail]/", "[google mail]/")


def classify(name: str, attributes: Iterable[str], delimiter: str = "/") -> Role:
    """SPECIAL-USE attributes first (RFC 6154), then well-known names in any letter case."""
    attrs = {a.lower() for a in attributes}
    if "\\noselect" in attrs or "\\nonexistent" in attrs:
        return Role.SKIP
    if name.upper() == "INBOX":
        return Role.INBOX
    for attr in attrs:
        if attr in _SPECIAL_USE:
            return _SPECIAL_USE[attr]
    lowered = name.lower()
    for prefix in _GMAIL_PREFIXES:
        if lowered.startswith(prefix):
            lowered = lowered[len(prefix):]
            gmail_role = _BY_GMAIL_NAME.get(lowered.strip())
            if gmail_role is not None:
                return gmail_role
    candidates = [lowered, lowered.rsplit(delimiter, 1)[-1]] if delimiter else [lowered]
    if lowered.startswith("inbox" + delimiter):
        candidates.append(lowered[len("inbox" + delimiter):])
    for candidate in candidates:
        role = _BY_NAME.get(candidate.strip())
        if role is not None:
            return role
    top = lowered.split(delimiter, 1)[0] if delimiter else lowered
    return Role.SKIP if _BY_NAME.get(top) is Role.SKIP else Role.OTHER
