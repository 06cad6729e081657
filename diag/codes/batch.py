"""Codes of a batch run (diag.batch)."""

from __future__ import annotations

from diag.codes.model import INFO, CodeInfo, entry

CODES: list[CodeInfo] = [
    entry("batch.bad_row", INFO,
          ("La fila del archivo trae datos dañados o no se pudo leer completa: revise esa fila en "
           "la "
           "hoja de cálculo.",
           "The row of the file carries damaged data or could not be read whole: check that row in "
           "the spreadsheet."),
          ("Fila {row}: {problem}", "Row {row}: {problem}"),
          ("repair_export",),
          # Unreadable: the address was not checked, so nothing is known about it (issue 9).
          unknown=("Fila {row}: {problem} No se pudo revisar la dirección.",
                   "Row {row}: {problem} The address could not be checked.")),
]
