"""The findings a mailbox search ends with: "not there" only from a complete coverage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from diag.codes import make
from diag.durations import human_text, moment_text
from diag.findings import Finding, Status
from diag.i18n import Text, size_text
from diag.mailbox.coverage import Coverage, Gap

if TYPE_CHECKING:
    from diag.mailbox.session import Session

_SHOWN = 12  # folder names written out in a sentence; all of them are in `details`


@dataclass
class WaitResult:
    waited: timedelta = timedelta()
    noticed: timedelta | None = None  # from the wait's start until the new mail was seen
    arrived: timedelta | None = None  # from the wait's start until its INTERNALDATE
    folder: str | None = None
    interrupted: bool = False
    skipped_full: bool = False  # not waited: the box is full, a new mail would bounce


def absence_finding(coverage: Coverage) -> Finding:
    """The one place `mail.not_found` is made, and only when the coverage says complete."""
    since = _since(coverage.since)
    if coverage.complete:
        return make("mail.not_found", texts={"since": since, "folders": _count(
            len(coverage.searched), "carpeta", "carpetas", "folder", "folders")},
            since=coverage.since.isoformat(), folder_count=len(coverage.searched),
            folders=list(coverage.searched), matches_read=coverage.matches_read)
    return incomplete_finding(coverage)


_NO_FOLDERS = (Text("todo el buzón", "the whole mailbox"),
               Text("el servidor no mostró ninguna carpeta", "the server listed no folder"))


def incomplete_finding(coverage: Coverage) -> Finding:
    names = coverage.folders_left_out
    shown = ", ".join(names[:_SHOWN]) + (" …" if len(names) > _SHOWN else "")
    whole = [g.folder for g in coverage.left_out if g.matches is None]
    parts = [_count(len(whole), "carpeta", "carpetas", "folder", "folders")] if whole else []
    if coverage.matches_left_out:
        parts.append(_count(coverage.matches_left_out, "mensaje parecido", "mensajes parecidos",
                            "similar message", "similar messages"))
    if not parts and names:
        parts.append(_count(len(names), "parte de una carpeta", "partes de carpetas",
                            "part of a folder", "parts of folders"))
    gaps = Text(" y ".join(p.es for p in parts), " and ".join(p.en for p in parts))
    why = _why(coverage)
    if not coverage.left_out:  # nothing planned: no folder to name, and none was searched
        gaps, why = _NO_FOLDERS
    listed = Text(f": {shown}", f": {shown}") if shown else Text("", "")
    return make("mail.search_incomplete", texts={
        "since": _since(coverage.since), "gaps": gaps, "why": why, "names": listed},
        since=coverage.since.isoformat(), folders_left_out=names,
        matches_left_out=coverage.matches_left_out, coverage=coverage.as_dict())


_WHY = {
    Gap.FOLDER_CAP: ("hay más carpetas de las que se revisan", "there are more folders than are "
                     "searched"),
    Gap.MATCH_CAP: ("hay más mensajes parecidos de los que se leen", "there are more similar "
                    "messages than are read"),
    Gap.TIME_BUDGET: ("se acabó el tiempo de la búsqueda", "the search ran out of time"),
    Gap.REFUSED: ("el servidor rechazó una orden", "the server refused a command"),
    Gap.SERVER_LIMIT: ("el servidor entregó menos mensajes de los pedidos", "the server "
                       "returned fewer messages than asked"),
    Gap.STOPPED: ("la sesión terminó antes", "the session ended first"),
}


def _why(coverage: Coverage) -> Text:
    reasons = list(dict.fromkeys(g.why for g in coverage.left_out))
    return Text("; ".join(_WHY[r][0] for r in reasons), "; ".join(_WHY[r][1] for r in reasons))


def searched_finding(coverage: Coverage, roles: dict[str, str], *, gmail: bool, commands: int,
                     refused: Sequence[dict[str, str]]) -> Finding:
    names = list(coverage.searched)
    shown = ", ".join(names[:_SHOWN]) + (" …" if len(names) > _SHOWN else "")
    if not names:
        searched = Text("No se revisó ninguna carpeta", "No folder was searched")
    else:
        counted = _count(len(names), "carpeta", "carpetas", "folder", "folders")
        searched = Text(("Se revisó " if len(names) == 1 else "Se revisaron ") + counted.es,
                        "Searched " + counted.en)
    listed = Text(f" ({shown})", f": {shown}") if shown else Text("", "")
    return make("mail.folders_searched", texts={
        "since": _since(coverage.since), "names": listed, "searched": searched},
        folder_count=len(names), since=coverage.since.isoformat(),
        folders=[{"name": n, "role": roles.get(n, "other")} for n in names], gmail=gmail,
        imap_commands=commands, refused=list(refused), coverage=coverage.as_dict())


def quota_findings(session: Session) -> list[Finding]:
    quota = session.quota()
    if quota is None:
        return []
    info: dict[str, Any] = {"usage_kib": quota.usage_kib, "limit_kib": quota.limit_kib,
                            "percent": quota.percent, "quota_root": quota.root}
    if quota.usage_kib >= quota.limit_kib:
        sizes = {"usage": size_text(quota.usage_kib), "limit": size_text(quota.limit_kib)}
        return [make("mailbox.full", texts=sizes, **info)]
    if quota.percent >= 90:
        return [make("mailbox.nearly_full", **info)]
    return []


_SKIPPED_FULL = Text(
    "No se esperó: con el buzón lleno, un correo nuevo del IESS se devolvería al remitente. Hay "
    "que liberar espacio primero y, solo después, pedir un enlace nuevo.",
    "Not waited: with the mailbox full, a new IESS mail would bounce back to the sender. Free "
    "some space first, and only then request a new link.")


def wait_finding(result: WaitResult) -> Finding:
    waited = human_text(result.waited)
    info: dict[str, Any] = {"waited_seconds": round(result.waited.total_seconds()),
                            "interrupted": result.interrupted}
    if result.skipped_full:
        return make("mail.waited", Status.INFO, texts={"outcome": _SKIPPED_FULL}, advice=(),
                    skipped="mailbox_full", **info)
    if result.noticed is not None:
        # The arrival (INTERNALDATE), not the moment of noticing: some servers only tell when
        # IDLE ends. Without an INTERNALDATE the moment of noticing is all there is.
        took = human_text(result.arrived if result.arrived is not None else result.noticed)
        where = result.folder or ""
        outcome = Text(f"Llegó un correo nuevo del IESS a «{where}» {took.es} después de empezar "
                       "a esperar.",
                       f"A new IESS mail arrived in '{where}' {took.en} after the wait began.")
        arrived = None if result.arrived is None else round(result.arrived.total_seconds())
        return make("mail.waited", Status.OK, texts={"outcome": outcome},
                    arrived_after_seconds=arrived,
                    noticed_after_seconds=round(result.noticed.total_seconds()), folder=where,
                    **info)
    if result.interrupted:
        outcome = Text(f"Espera interrumpida tras {waited.es}: no llegó ningún correo nuevo del "
                       "IESS.",
                       f"Wait interrupted after {waited.en}: no new IESS mail arrived.")
    else:
        outcome = Text(f"Se esperó {waited.es}: no llegó ningún correo nuevo del IESS.",
                       f"Waited {waited.en}: no new IESS mail arrived.")
    return make("mail.waited", texts={"outcome": outcome}, advice=(), **info)


def _count(n: int, es_one: str, es_many: str, en_one: str, en_many: str) -> Text:
    return Text(f"{n} {es_one if n == 1 else es_many}", f"{n} {en_one if n == 1 else en_many}")


def _since(moment: datetime) -> Text:
    return moment_text(moment)
