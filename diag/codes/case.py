"""Codes of a whole help-desk case (diag.case)."""

from __future__ import annotations

from diag.codes.model import INFO, CodeInfo, entry

CODES: list[CodeInfo] = [
    entry("mailbox.not_checked", INFO,
          ("El diagnóstico no revisó el buzón: no se dieron credenciales, la dirección no puede "
           "recibir correo, o (estado «no concluyente») la revisión no se pudo hacer.",
           "The diagnosis did not check the mailbox: no credentials were given, the address cannot "
           "receive mail, or (status 'inconclusive') the check could not run."),
          ("No se revisó el buzón: {reason}", "The mailbox was not checked: {reason}"),
          unknown=("No se pudo revisar el buzón: {reason}",
                   "The mailbox could not be checked: {reason}")),
]

