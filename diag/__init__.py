"""iess-diag: why the IESS password-recovery email did not arrive, and what to do next.

The library works without the CLI: `diag.check_email("ana@hotmail.com")` returns a Report;
`diag.diagnose(address, credentials=diag.Credentials(password=...), mailbox=diag.MailboxOptions())`
is one whole case, mailbox search included.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from diag.case.diagnose import diagnose
    from diag.deliverability.check import check_email, check_emails
    from diag.identity.numbers import check_id
    from diag.mailbox.credentials import Credentials
    from diag.mailbox.find import find_reset_mail
    from diag.mailbox.options import MailboxOptions

__all__ = ["Credentials", "MailboxOptions", "__version__", "check_email", "check_emails",
           "check_id", "diagnose", "find_reset_mail"]
_LAZY = {"check_email": "diag.deliverability.check", "check_emails": "diag.deliverability.check",
         "check_id": "diag.identity.numbers", "diagnose": "diag.case.diagnose",
         "find_reset_mail": "diag.mailbox.find", "Credentials": "diag.mailbox.credentials",
         "MailboxOptions": "diag.mailbox.options"}


def __getattr__(name: str) -> Any:
    # Lazy, so that `iess-diag --help` does not pay for dnspython and email-validator.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)
