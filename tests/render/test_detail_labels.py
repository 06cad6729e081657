"""Every detail a check writes has a label in both languages: a Spanish report (or the page)
never shows a raw key such as "dns lookups" or "sender problem" beside a value."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from diag.case.diagnose import diagnose
from diag.render.details import BY_CODE, LABELS
from diag.sender.check import DEFAULT_SENDER, SenderCache
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer

DIAG = Path(__file__).resolve().parents[2] / "diag"
NOT_DETAILS = {"texts", "advice"}  # make()'s own parameters


def _labelled(key: str, code: str) -> bool:
    return key in LABELS or key in BY_CODE.get(code, {})


def _written_keys() -> Iterator[tuple[str, str, str]]:
    """(file, code, key) for every detail key written literally in a make(...) call."""
    for path in sorted(DIAG.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name != "make":
                continue
            first = node.args[0] if node.args else None
            code = first.value if isinstance(first, ast.Constant) else ""
            for keyword in node.keywords:
                if keyword.arg and keyword.arg not in NOT_DETAILS:
                    yield path.relative_to(DIAG).as_posix(), str(code), keyword.arg


def test_every_detail_key_in_the_code_has_a_label() -> None:
    missing = sorted({f"{file}: {code} {key}" for file, code, key in _written_keys()
                      if not _labelled(key, code)})
    assert missing == []


def _keys(details: Mapping[str, Any]) -> Iterator[str]:
    for key, value in details.items():
        yield key
        if isinstance(value, Mapping):
            yield from _keys(value)


def test_every_detail_of_real_cases_has_a_label(dns_server: FixtureDNSServer) -> None:
    """The sender's section included (its details come from helpers, not literal calls)."""
    senders = SenderCache()
    missing = set()
    for address in ("ana@gmail.com", "ana@hotmail.con", "ana@sinmail.com.ec",
                    "ana@tiendaquito.ec"):
        report = diagnose(address, cedula="1714307103", nameservers=[dns_server.nameserver],
                          dns_timeout=ANSWERS, sender_domain=DEFAULT_SENDER, senders=senders)
        for section in report.sections:
            for finding in section.findings:
                missing |= {f"{finding.code} {key}" for key in _keys(finding.details)
                            if not _labelled(key, finding.code)}
    assert sorted(missing) == []
