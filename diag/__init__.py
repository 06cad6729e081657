"""iess-diag: why the IESS password-recovery email did not arrive, and what to do next.

The library works without the CLI: `diag.check_email("ana@hotmail.com")` returns a Report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from diag.email_check import check_email, check_emails

__all__ = ["__version__", "check_email", "check_emails"]


def __getattr__(name: str) -> Any:
    # Lazy, so that `iess-diag --help` does not pay for dnspython and email-validator.
    if name in ("check_email", "check_emails"):
        from diag import email_check

        return getattr(email_check, name)
    raise AttributeError(name)
