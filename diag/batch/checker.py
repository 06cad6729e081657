"""Checking one row: unreadable and undecodable rows become findings, the rest check-email."""

from __future__ import annotations

import functools
from typing import Any

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
        remember_domain_syntax()

    def check_ready(self, row: Row) -> Report | None:
        """The report at once when nothing need be awaited (a bad row, or a row whose domain
        was already assessed: most rows); None otherwise."""
        if row.unreadable or row.undecodable:
            return self._bad_row(row)
        return self._emails.check_ready(row.address[:MAX_INPUT + 1], row.notes)

    async def check(self, row: Row) -> Report:
        if row.unreadable or row.undecodable:
            return self._bad_row(row)
        typed = row.address[:MAX_INPUT + 1]  # longer is "too long" anyway; never hold more
        return await self._emails.check(typed, row.notes)

    def _bad_row(self, row: Row) -> Report:
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
        return Report(COMMAND, "", None, row.notes)


def remember_domain_syntax(size: int = 20_000) -> None:
    """email-validator checks the domain part of every address afresh (IDNA, every character
    against UTS 46): two thirds of its time, for the few hundred domains of a whole export.
    The check is a pure function of its arguments; a valid domain's result is remembered (an
    invalid one raises, and is checked again each time). Installed once, for this process."""
    import importlib

    module: Any = importlib.import_module("email_validator.validate_email")
    check = getattr(module, "validate_email_domain_name", None)
    if check is None or hasattr(check, "cache_info"):
        return
    remembered = functools.lru_cache(maxsize=size)(check)

    @functools.wraps(check)
    def validate_email_domain_name(*args: Any, **kwargs: Any) -> Any:
        return dict(remembered(*args, **kwargs))  # a copy: the caller may change it

    validate_email_domain_name.cache_info = remembered.cache_info  # type: ignore[attr-defined]
    module.validate_email_domain_name = validate_email_domain_name
