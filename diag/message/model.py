"""What a message analysis works with: the sender rules and the facts read off one message."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from diag.message.hops import SendingHop

DEFAULT_SENDER_DOMAINS = ("iess.gob.ec",)


# Matched in the subject only, accent- and case-insensitively. The real subject is unknown, but
# it must be about the password: "IESS" alone would make every IESS newsletter the recovery mail.
DEFAULT_KEYWORDS = ("clave", "contraseña", "contrasena", "recuperación", "recuperacion",
                    "recuperar", "desbloqueo", "desbloquear", "generación", "generacion",
                    "generar", "restablecer", "password")


# Clocks of a sender, a receiver and a help-desk PC differ; past this, a date is not believed.
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True)
class SenderRules:
    """What the genuine recovery mail looks like; every part is configurable (iess-facts.md)."""

    sender_domains: tuple[str, ...] = DEFAULT_SENDER_DOMAINS
    keywords: tuple[str, ...] = DEFAULT_KEYWORDS
    link_validity: timedelta = timedelta(minutes=15)  # one secondary source; IESS: 3 min (unlock)
    delay_threshold: timedelta = timedelta(minutes=5)
    link_domains: tuple[str, ...] = ()  # hosts besides sender_domains a genuine mail may link to


class Kind(StrEnum):
    RECOVERY = "recovery"  # from the sender domains, subject matches a keyword
    # RECOVERY but for its links, not all of them read (too large, headers only, a link whose
    # destination cannot be read): found, yet neither genuine nor phishing as far as we know.
    UNVERIFIED = "unverified"
    IESS_OTHER = "iess_other"  # from the sender domains, about something else
    LOOKALIKE = "lookalike"  # poses as IESS: phishing
    UNRELATED = "unrelated"


@dataclass(frozen=True)
class MessageFacts:
    subject: str
    sender: str | None
    sender_name: str
    sender_domain: str | None
    sent_at: datetime | None
    arrived_at: datetime | None
    transit: timedelta | None
    auth: Mapping[str, str]
    link_hosts: tuple[str, ...]
    kind: Kind
    lookalike_reasons: tuple[str, ...]
    message_id: str | None = None
    header_count: int = 0
    body_scanned: bool = False  # False: only headers were read, so link_hosts is empty
    received: tuple[datetime, ...] = field(default=(), repr=False)
    sending: SendingHop = field(default=SendingHop.unknown(), repr=False)  # receiver's own hops
    reply_to: tuple[str, ...] = ()  # the domains of Reply-To:, where an answer would go

    def age(self, now: datetime) -> timedelta | None:
        """How long ago it arrived; a few minutes in the future is clock skew (0), more is a
        date nobody can trust (None: its link's life is unknown, never "still valid")."""
        if self.arrived_at is None:
            return None
        age = now - self.arrived_at
        if age < -CLOCK_SKEW:
            return None
        return max(age, timedelta())
