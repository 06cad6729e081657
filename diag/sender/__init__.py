"""Is it the sender's side? SPF, DMARC, DKIM, mail servers and blocklists of a sending domain.

`check_sender("iess.gob.ec")` returns a Report; `assess_sender` the typed SenderResult.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from diag.sender.check import SenderResult, assess_sender, check_sender

__all__ = ["SenderResult", "assess_sender", "check_sender"]


def __getattr__(name: str) -> Any:
    # Lazy: checkdmarc and dnspython load only when a sender is checked.
    if name in __all__:
        from diag.sender import check

        return getattr(check, name)
    raise AttributeError(name)
