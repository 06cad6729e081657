"""The words renderers put around findings: status and verdict names, headings."""

from __future__ import annotations

from diag.findings import Finding, Report, Status, Verdict
from diag.i18n import Text, listed

STATUS = {
    Status.OK: Text("BIEN", "OK"),
    Status.INFO: Text("DATO", "INFO"),
    Status.WARN: Text("AVISO", "WARNING"),
    Status.FAIL: Text("PROBLEMA", "PROBLEM"),
    # The same words as the verdict it leads to, «No concluyente».
    Status.UNKNOWN: Text("NO CONCLUYENTE", "INCONCLUSIVE"),
}
STATUS_MARK = {Status.OK: "✔", Status.INFO: "ℹ", Status.WARN: "⚠", Status.FAIL: "✖",
               Status.UNKNOWN: "?"}
STATUS_STYLE = {Status.OK: "green", Status.INFO: "cyan", Status.WARN: "yellow",
                Status.FAIL: "bold red", Status.UNKNOWN: "magenta"}

VERDICT = {
    Verdict.OK: Text("Todo en orden", "All good"),
    Verdict.WARNING: Text("Hay avisos que revisar", "There are warnings to review"),
    Verdict.PROBLEM: Text("Hay un problema", "There is a problem"),
    Verdict.INCONCLUSIVE: Text("No concluyente: una revisión no se pudo hacer",
                               "Inconclusive: a check could not be done"),
}
VERDICT_STYLE = {Verdict.OK: "bold green", Verdict.WARNING: "bold yellow",
                 Verdict.PROBLEM: "bold red", Verdict.INCONCLUSIVE: "bold magenta"}

ADDRESS = Text("Dirección", "Address")
INPUT = Text("Entrada", "Input")
VERDICT_HEADING = Text("Veredicto", "Verdict")
STATUS_HEADING = Text("Estado", "Status")
FINDING_HEADING = Text("Hallazgo", "Finding")
CODE_HEADING = Text("Código", "Code")
DETAILS = Text("Detalles", "Details")
WHAT_TO_DO = Text("Qué hacer", "What to do")
SOURCE = Text("Fuente", "Source")

# The parts of a combined (diagnose) report, by the command that produced each.
SECTION = {
    "check-email": Text("Dirección de correo", "Email address"),
    "find-reset-mail": Text("Buzón: el correo del IESS", "Mailbox: the IESS mail"),
    "check-id": Text("Cédula o RUC", "Cédula or RUC"),
    "check-sender": Text("Remitente (IESS)", "Sender (IESS)"),
}


def section_title(command: str) -> Text:
    return SECTION.get(command, Text(command, command))

# "Not checked" is its own state, never "OK": a part of a case that was not looked at.
NOT_CHECKED = Text("NO REVISADO", "NOT CHECKED")
NOT_CHECKED_MARK = "–"
NOT_CHECKED_PART = Text("No revisado", "Not checked")
_NOUN = {"check-email": Text("la dirección", "the address"),
         "find-reset-mail": Text("el buzón", "the mailbox"),
         "check-id": Text("la cédula", "the cédula"),
         "check-sender": Text("el remitente", "the sender")}
_PARTIAL = Text("{verdict}: se {did} {checked}, pero no {missing}",
                "{verdict}: {checked} {did} checked, but not {missing}")
AUDIENCE = {"agent": Text("para quien atiende el caso", "for the agent handling the case"),
            "person": Text("para la persona afiliada", "for the affiliate")}


def not_checked(finding: Finding) -> bool:
    return finding.code == "mailbox.not_checked"


def section_not_checked(section: Report) -> bool:
    return bool(section.findings) and all(not_checked(f) for f in section.findings)


def unchecked_parts(report: Report) -> list[str]:
    """The commands of the parts of a combined report that were not checked."""
    return [s.command for s in report.sections if section_not_checked(s)]


def verdict_text(report: Report) -> Text:
    """The verdict in words; a case with a part not checked says which parts were and were not."""
    word = VERDICT[report.verdict]
    if report.verdict is Verdict.INCONCLUSIVE:
        word = Text("No concluyente", "Inconclusive")  # the rest of the sentence says why
    missing = [s for s in report.sections if section_not_checked(s)]
    if not missing:
        return word
    done = [s for s in report.sections if not section_not_checked(s)]

    def nouns(parts: list[Report]) -> Text:
        return listed(_NOUN.get(p.command, section_title(p.command)) for p in parts)

    checked, lost, many = nouns(done), nouns(missing), len(done) > 1
    return Text(_PARTIAL.es.format(verdict=word.es, checked=checked.es, missing=lost.es,
                                   did="revisaron" if many else "revisó"),
                _PARTIAL.en.format(verdict=word.en, checked=checked.en, missing=lost.en,
                                   did="were" if many else "was"))


def part_verdict(section: Report) -> Text:
    return NOT_CHECKED_PART if section_not_checked(section) else VERDICT[section.verdict]


def status_label(finding: Finding) -> tuple[str, Text, str]:
    """Mark, word and style of a finding's state."""
    if not_checked(finding):
        return NOT_CHECKED_MARK, NOT_CHECKED, "dim"
    return STATUS_MARK[finding.status], STATUS[finding.status], STATUS_STYLE[finding.status]
