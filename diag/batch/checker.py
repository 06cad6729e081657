"""Checking one row: unreadable and undecodable rows become findings, the rest check-email."""

from __future__ import annotations

from diag.address.syntax import MAX_INPUT
from diag.batch.rows import UNDECODABLE_ADDRESS, Row
from diag.batch.settings import COMMAND
from diag.codes import make
from diag.deliverability.check import EmailChecker
from diag.findings import Report, Status


class Checker:
    """Checks rows: unreadable and undecodable rows become findings, the rest go to check-email."""

    def __init__(self, emails: EmailChecker) -> None:
        self._emails = emails

    async def check(self, row: Row) -> Report:
        if row.unreadable:
            return Report(COMMAND, "", None, row.notes)
        if row.undecodable:
            # The bytes are not text in this encoding: the address was not read, so it is not
            # known to be wrong (cp1252's ñ read as UTF-8, say): unknown, never a problem.
            invalid = make("address.invalid", Status.UNKNOWN,
                           texts={"reason": UNDECODABLE_ADDRESS}, input=row.address[:80],
                           reason="undecodable", validator_message=None,
                           advice=("repair_export",))
            return Report(COMMAND, row.address[:MAX_INPUT], None, (invalid, *row.notes))
        typed = row.address[:MAX_INPUT + 1]  # longer is "too long" anyway; never hold more
        return await self._emails.check(typed, row.notes)
