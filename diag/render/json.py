"""JSON: one object per report; the field list is the stable contract in README.md."""

from __future__ import annotations

import json
from typing import Any

from diag.advice.agreement import agreed_advice
from diag.advice.catalog import CATALOG
from diag.advice.plan import PlanContext, Step, decision
from diag.findings import Finding, Report
from diag.i18n import Lang
from diag.render import labels

SCHEMA = "iess-diag/1"


def report_dict(report: Report, lang: Lang, context: PlanContext | None = None
                ) -> dict[str, Any]:
    context = context or PlanContext()
    steps, moot = decision(report, context)
    planned = [step.advice.id for step in steps]
    return {
        "schema": SCHEMA,
        "command": report.command,
        "input": report.input,
        "address": report.address,
        "verdict": report.verdict.value,
        "lang": lang.value,
        # Each finding's generic advice, less what this report's plan ruled out.
        "findings": [finding_dict(f, lang, agreed_advice(f, planned, moot))
                     for f in report.findings],
        "not_checked": labels.unchecked_parts(report),
        "audience": context.audience.value,
        "plan": _plan_list(steps, lang),
    } | (combined_dict(report, lang) if report.sections else {})


def combined_dict(report: Report, lang: Lang) -> dict[str, Any]:
    """What only a combined (diagnose) report has: its parts, each checked or not."""
    return {
        "sections": [
            {"command": s.command, "input": s.input, "address": s.address,
             "verdict": s.verdict.value, "checked": not labels.section_not_checked(s),
             "codes": s.codes()}
            for s in report.sections
        ],
    }


def _plan_list(steps: list[Step], lang: Lang) -> list[dict[str, Any]]:
    return [
        {"step": n, "id": step.advice.id, "text": step.get(lang),
         "source": step.advice.source.value, "source_url": step.advice.url or None,
         "verified": step.advice.verified, "because": list(step.because)}
        for n, step in enumerate(steps, 1)
    ]


def finding_dict(finding: Finding, lang: Lang, advice: tuple[str, ...] | None = None
                 ) -> dict[str, Any]:
    """One finding; `advice`: its advice ids as the report's plan left them (default: all)."""
    return {
        "code": finding.code,
        "status": finding.status.value,
        "message": finding.message.get(lang),
        "checked": not labels.not_checked(finding),
        "details": dict(finding.details),
        "advice": [
            {"id": i, "text": CATALOG[i].get(lang), "source": CATALOG[i].source.value}
            for i in (finding.advice if advice is None else advice)
        ],
    }


def render_json(report: Report, lang: Lang, context: PlanContext | None = None) -> str:
    # ensure_ascii keeps the output one safe line whatever the input held (bidi marks, NUL).
    return json.dumps(report_dict(report, lang, context), ensure_ascii=True, default=str)
