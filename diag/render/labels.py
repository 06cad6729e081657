"""The words renderers put around findings: status and verdict names, headings."""

from __future__ import annotations

from diag.findings import Status, Verdict
from diag.i18n import Text

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
}


def section_title(command: str) -> Text:
    return SECTION.get(command, Text(command, command))
