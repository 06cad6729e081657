"""One code's catalog entry: default status, meaning, message template, advice ids."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from diag.findings import Status
from diag.i18n import Text


@dataclass(frozen=True)
class CodeInfo:
    code: str
    status: Status
    meaning: Text
    message: Text  # a template over the finding's details
    advice: tuple[str, ...] = ()
    by_status: Mapping[Status, Text] = field(default_factory=dict)  # wording per non-default status

    def template(self, status: Status) -> Text:
        return self.by_status.get(status, self.message)


def entry(code: str, status: Status, meaning: tuple[str, str], message: tuple[str, str],
          advice: tuple[str, ...] = (), **by_status: tuple[str, str]) -> CodeInfo:
    extra = {Status(key): Text(*pair) for key, pair in by_status.items()}
    return CodeInfo(code, status, Text(*meaning), Text(*message), advice, extra)


OK, INFO, WARN, FAIL, UNKNOWN = Status.OK, Status.INFO, Status.WARN, Status.FAIL, Status.UNKNOWN
# What to do once the address itself is in doubt: confirm it works, then update it at a CAU.
AFTER_ADDRESS = ("verify_address_active", "update_address_at_cau")
