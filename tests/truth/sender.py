"""Truth table for check-sender: is it the sender's side? Rows: (sender slug, options, verdicts
that must come out, verdicts that must NEVER come out, why). A verdict is "code", "code:status"
or "verdict:<report verdict>"; slugs are tests.fixtures.sender_zones.SENDERS keys."""

from __future__ import annotations

from typing import Any

Row = tuple[str, dict[str, Any], set[str], set[str], str]

ROWS: list[Row] = [
    ("healthy", {"selectors": ["iess2024"]},
     {"spf.ok:ok", "dmarc.policy:ok", "dkim.key_found:ok", "blocklist.clean:ok",
      "sender.mta_sts", "sender.tls_rpt", "verdict:ok"},
     {"spf.permerror", "blocklist.listed", "dmarc.rejects_own_mail", "verdict:problem"},
     "a sound SPF chain, strict DMARC with a DKIM key, nothing listed: nothing to blame"),
    ("healthy", {},
     {"dkim.not_checked:info", "blocklist.not_covered:info"},
     {"dkim.key_missing", "dmarc.rejects_own_mail"},
     "without a selector DKIM is unknown, not missing; a /28 in SPF is said to be left out"),
    ("healthy", {"selectors": ["viejo"]}, {"dkim.key_missing:warn"}, {"dkim.key_found"},
     "an empty p= is a revoked key"),
    ("eleven_lookups", {}, {"spf.permerror:fail", "dmarc.rejects_own_mail:warn"},
     {"spf.ok", "dmarc.rejects_own_mail:fail"},
     "11 lookups is a permerror; with no selector given, DKIM might still save the mail"),
    ("eleven_lookups", {"selectors": ["s1"]}, {"dmarc.rejects_own_mail:fail", "verdict:problem"},
     set(), "p=reject + broken SPF + no key at the selector given: receivers reject"),
    ("void_lookups", {}, {"spf.permerror:fail"}, {"spf.ok", "spf.inconclusive"},
     "three a: terms naming nothing exceed the 2 void lookups"),
    ("include_loop", {}, {"spf.permerror:fail"}, {"spf.ok", "spf.inconclusive"},
     "an include loop is a permerror, caught, not followed forever"),
    ("plus_all", {}, {"spf.allows_all:warn"}, {"spf.permerror", "spf.missing"},
     "+all is valid syntax but authorises everyone"),
    ("neutral_all", {}, {"spf.weak_all:warn"}, {"spf.allows_all"}, "?all is neutral"),
    ("no_spf", {}, {"spf.missing:fail", "dmarc.rejects_own_mail:warn"}, {"spf.ok"},
     "no SPF and p=reject: only DKIM can carry the mail"),
    ("dmarc_reject", {}, {"dmarc.policy:ok"}, {"dmarc.rejects_own_mail", "dmarc.missing"},
     "a strict policy with a working SPF rejects nothing of its own"),
    ("dmarc_quarantine", {}, {"dmarc.policy:ok"}, {"dmarc.rejects_own_mail"},
     "quarantine for 50% is a policy, not a problem"),
    ("dmarc_none", {}, {"dmarc.policy:info"}, {"dmarc.policy:ok", "dmarc.missing"},
     "p=none only monitors"),
    ("dmarc_subdomain", {}, {"dmarc.policy:ok"}, {"dmarc.missing", "dmarc.policy:info"},
     "a subdomain without its own record gets the parent's sp=reject, not its p=none"),
    ("no_dmarc", {}, {"dmarc.missing:warn"}, {"dmarc.policy"}, "no record at all"),
    ("listed", {}, {"blocklist.listed:fail", "verdict:problem"}, {"blocklist.unknown"},
     "127.0.0.2 from Spamhaus ZEN is a listing"),
    ("refused", {}, {"blocklist.unknown:unknown", "verdict:inconclusive"},
     {"blocklist.listed", "verdict:problem"},
     "127.255.255.254 means 'you may not ask from a public resolver': never a listing"),
    ("silent_list", {}, {"blocklist.unknown:unknown"}, {"blocklist.listed"},
     "a list that never answers is unknown, never listed (the record behind the drop is bait)"),
    ("hijacked", {}, {"blocklist.unknown:unknown"}, {"blocklist.listed"},
     "an answer outside 127/8 is a resolver inventing answers, not a listing"),
    ("spf_timeout", {}, {"spf.inconclusive:unknown", "verdict:inconclusive"},
     {"spf.permerror", "spf.missing", "dmarc.rejects_own_mail", "verdict:problem"},
     "an include that times out is our DNS failing, not a broken SPF (checkdmarc says permerror)"),
    ("dmarc_timeout", {}, {"dmarc.inconclusive:unknown"}, {"dmarc.missing", "dmarc.policy"},
     "a DMARC query that times out says nothing about the policy"),
    ("listed", {"sending_ips": ["190.152.9.8"]}, {"blocklist.listed:fail",
                                                 "blocklist.unknown:unknown"}, set(),
     "an address given by hand is checked too; its refusal stays unknown beside the listing"),
]
