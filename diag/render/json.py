"""JSON: one object per report; the field list is the stable contract in README.md."""

from __future__ import annotations

import json
from typing import Any

from diag.advice.catalog import CATALOG
from diag.advice.plan import steps
from diag.findings import Finding, Report
from diag.i18n import Lang

SCHEMA = "iess-diag/1"


def report_dict(report: Report, lang: Lang) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "command": report.command,
        "input": report.input,
        "address": report.address,
        "verdict": report.verdict.value,
        "lang": lang.value,
        "findings": [finding_dict(f, lang) for f in report.findings],
    } | (combined_dict(report, lang) if report.sections else {})


def combined_dict(report: Report, lang: Lang) -> dict[str, Any]:
    """What only a combined (diagnose) report has: its parts and the ordered action plan."""
    return {
        "sections": [
            {"command": s.command, "input": s.input, "address": s.address,
             "verdict": s.verdict.value, "codes": s.codes()}
            for s in report.sections
        ],
        "plan": [
            {"step": n, "id": step.advice.id, "text": step.advice.get(lang),
             "source": step.advice.source.value, "because": list(step.because)}
            for n, step in enumerate(steps(report.findings), 1)
        ],
    }


def finding_dict(finding: Finding, lang: Lang) -> dict[str, Any]:
    return {
        "code": finding.code,
        "status": finding.status.value,
        "message": finding.message.get(lang),
        "details": dict(finding.details),
        "advice": [
            {"id": i, "text": CATALOG[i].get(lang), "source": CATALOG[i].source.value}
            for i in finding.advice
        ],
    }


def render_json(report: Report, lang: Lang) -> str:
    # ensure_ascii keeps the output one safe line whatever the input held (bidi marks, NUL).
    return json.dumps(report_dict(report, lang), ensure_ascii=True, default=str)
