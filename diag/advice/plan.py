"""The action plan: a decision over the whole case, made by the rule table in one voice."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from diag.advice.case import Audience, Case, case_of
from diag.advice.catalog import CATALOG, Advice
from diag.advice.rules import RULES, Rule
from diag.advice.wording import values
from diag.findings import Finding, Report
from diag.i18n import Lang, Text

_NEVER_A_REASON = {"address.valid", "domain.accepts_mail"}
LINK_VALIDITY = timedelta(minutes=15)  # SenderRules' default; the CLI passes --link-validity


@dataclass(frozen=True)
class PlanContext:
    """What the plan needs besides the report: whom it speaks to, how long a link lasts, and
    the clock (injectable: tests pass a fixed moment)."""

    audience: Audience = Audience.AGENT
    link_validity: timedelta = LINK_VALIDITY
    now: datetime | None = None

    def moment(self) -> datetime:
        return self.now or datetime.now().astimezone()


@dataclass(frozen=True)
class Step:
    """One step: its catalog entry, its words for this case and audience, and its reasons."""

    advice: Advice
    text: Text
    because: tuple[str, ...] = field(default=())

    def get(self, lang: Lang) -> str:
        return self.text.get(lang)


def decide(report: Report, context: PlanContext | None = None) -> list[Step]:
    """The steps that apply to the case, minus those another step makes moot, in table order."""
    return decision(report, context)[0]


def decision(report: Report, context: PlanContext | None = None
             ) -> tuple[list[Step], frozenset[str]]:
    """`decide`'s steps, and the steps that applied but another one made moot."""
    context = context or PlanContext()
    case = case_of(report, now=context.moment(), link_validity=context.link_validity)
    chosen = [rule for rule in RULES if rule.when(case)]
    moot = frozenset(step for rule in chosen for step in rule.moots)
    filled = values(report, case, context.link_validity)
    # "The address is fine" never calls for a step, whatever a prefix in the table matches.
    codes = [c for c in report.codes() if c not in _NEVER_A_REASON]
    return [_step(rule, codes, filled, context.audience) for rule in chosen
            if rule.step not in moot], moot


def _step(rule: Rule, codes: list[str], filled: dict[str, Text], audience: Audience) -> Step:
    advice = CATALOG[rule.step]
    text = advice.voice(audience)
    words = Text(text.es.format_map(_Pick(filled, Lang.ES)),
                 text.en.format_map(_Pick(filled, Lang.EN)))
    because = tuple(dict.fromkeys(c for c in codes if _matches(c, rule.because)))
    return Step(advice, words, because)


def _matches(code: str, patterns: tuple[str, ...]) -> bool:
    return any(code == p or (p.endswith(("_", ".")) and code.startswith(p)) for p in patterns)


class _Pick(dict[str, str]):
    """format_map over bilingual values: each placeholder takes its text in one language."""

    def __init__(self, filled: dict[str, Text], lang: Lang) -> None:
        super().__init__({key: text.get(lang) for key, text in filled.items()})

    def __missing__(self, key: str) -> str:
        raise KeyError(f"the plan has no value for {{{key}}}")


def steps(findings: Report | Iterable[Finding], context: PlanContext | None = None
          ) -> list[Step]:
    """`decide` for a report, or for bare findings (read as one report)."""
    report = findings if isinstance(findings, Report) else Report("", "", None, tuple(findings))
    return decide(report, context)


def plan(findings: Report | Iterable[Finding], context: PlanContext | None = None
         ) -> list[Step]:
    """Kept for scripts written against the first library: the same as `steps`."""
    return steps(findings, context)


__all__ = ["Audience", "Case", "PlanContext", "Step", "decide", "decision", "plan", "steps"]
