"""iess-diag: why the IESS password-recovery email did not arrive, and what to do next.

The library works without the CLI: `diag.check_email("ana@hotmail.com")` returns a Report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from diag.deliverability.check import check_email, check_emails
    from diag.identity.numbers import check_id

__all__ = ["__version__", "check_email", "check_emails", "check_id"]
_LAZY = {"check_email": "diag.deliverability.check", "check_emails": "diag.deliverability.check",
         "check_id": "diag.identity.numbers"}


def __getattr__(name: str) -> Any:
    # Lazy, so that `iess-diag --help` does not pay for dnspython and email-validator.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)
