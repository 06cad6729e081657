"""The action plan: a decision over the whole case, made by the rule table in one voice."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from diag.advice.case import FOUND_ROLE, Audience, Case, case_of
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
    # A batch passes one: its rows on a domain share one decision (see PlanCache).
    cache: PlanCache | None = field(default=None, compare=False, repr=False)

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
    if context.cache is not None:
        return context.cache.decide(report, context)
    return _decide(report, context)


Decision = tuple[list[Step], frozenset[str]]  # the steps, and those another step made moot


def _decide(report: Report, context: PlanContext) -> Decision:
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


class PlanCache:
    """One decision for reports alike but for the local part of their address: a batch's rows
    on one domain. The key is the whole report (every finding's code, status, message, details
    and advice, the input and the address) with `local@` erased, and the context; reports with
    a found mail are never cached (the plan reads the clock for them, and only for them)."""

    def __init__(self, size: int = 4096) -> None:
        self._plans: OrderedDict[Hashable, tuple[tuple[Step, ...], frozenset[str]]] = (
            OrderedDict())
        self._findings: FindingKeys = {}
        self._size = size

    def decide(self, report: Report, context: PlanContext) -> Decision:
        key = plan_key(report, context, self._findings)
        if key is None:
            return _decide(report, context)
        known = self._plans.get(key)
        if known is not None:
            self._plans.move_to_end(key)
            return list(known[0]), known[1]
        decided, moot = _decide(report, context)
        mark = _local_mark(report)
        # A plan that quotes the local part is this row's alone (none does today).
        if not any(mark in s.text.es or mark in s.text.en for s in decided):
            self._plans[key] = (tuple(decided), moot)
            if len(self._plans) > self._size:
                self._plans.popitem(last=False)
        return decided, moot


class _Unkeyable(Exception):
    pass


def _local_mark(report: Report) -> str:
    return (report.address or "").rpartition("@")[0] + "@"


FindingKeys = dict[int, tuple[Finding, Hashable]]


def plan_key(report: Report, context: PlanContext,
             memo: FindingKeys | None = None) -> Hashable | None:
    """What `decide` depends on, minus the address's local part; None when not cacheable.
    `memo` keeps the key of each finding that holds no "@" (a domain's findings, shared by
    all of its rows), so that it is read once."""
    if report.address is None or report.sections or "@" not in report.address or any(
            f.code in FOUND_ROLE or f.code.startswith("message.") for f in report.findings):
        return None
    mark = _local_mark(report)
    try:
        return (context.audience, context.link_validity, context.now, report.command,
                _erase(report.input, mark), _erase(report.address, mark),
                tuple(_finding_key(f, mark, memo) for f in report.findings))
    except _Unkeyable:
        return None


def _finding_key(finding: Finding, mark: str, memo: FindingKeys | None) -> Hashable:
    if memo is not None:
        known = memo.get(id(finding))
        if known is not None and known[0] is finding:
            return known[1]
    key = (finding.code, finding.status, _erase(finding.message.es, mark),
           _erase(finding.message.en, mark), _erase(finding.details, mark), finding.advice)
    if memo is not None and "@" not in repr(key):  # the same whatever the local part
        if len(memo) >= 8192:
            memo.clear()
        memo[id(finding)] = (finding, key)  # the finding kept: its id is not reused
    return key


def _erase(value: Any, mark: str) -> Hashable:
    if isinstance(value, str):
        return value.replace(mark, "\0@")
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, Mapping):
        return tuple((_erase(k, mark), _erase(v, mark)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, *(_erase(v, mark) for v in value))
    raise _Unkeyable


def steps(findings: Report | Iterable[Finding], context: PlanContext | None = None
          ) -> list[Step]:
    """`decide` for a report, or for bare findings (read as one report)."""
    report = findings if isinstance(findings, Report) else Report("", "", None, tuple(findings))
    return decide(report, context)


def plan(findings: Report | Iterable[Finding], context: PlanContext | None = None
         ) -> list[Step]:
    """Kept for scripts written against the first library: the same as `steps`."""
    return steps(findings, context)


__all__ = ["Audience", "Case", "PlanCache", "PlanContext", "Step", "decide", "decision", "plan",
           "plan_key", "steps"]
