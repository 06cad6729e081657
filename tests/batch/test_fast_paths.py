"""The batch's per-row shortcuts (one action plan per domain and set of findings, a row whose
domain is known checked at once without a task) give byte for byte what the plain path gives,
over the whole benchmark workload: every provider, implicit and null MX, absent domains,
typos, throwaways, bad rows."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from typing import Any

import pytest

from benchmarks.workload import make_workload, write_addresses
from diag.advice.plan import PlanCache, PlanContext, decide, plan_key
from diag.batch.checker import Checker
from diag.batch.output import Writer
from diag.batch.rows import Row
from diag.batch.run import Batch
from diag.batch.settings import OutputFormat, Settings
from diag.batch.summary import Summary
from diag.codes import make
from diag.findings import Report
from diag.i18n import Lang
from diag.render.json import report_dict
from tests.servers.dnsserver import FixtureDNSServer

pytestmark = pytest.mark.timeout(120)


class PlainWriter(Writer):
    """The record as the plain JSON renderer writes it: no plan cache, no rendered findings."""

    def record(self, row: Row, report: Report) -> str:
        if self.fmt is not OutputFormat.JSONL:
            return super().record(row, report)
        data = {"row": row.number, **report_dict(report, self.lang, PlanContext()),
                "columns": self.carried(row)}
        return json.dumps(data, ensure_ascii=True, default=str) + "\n"


@pytest.fixture(scope="module")
def workload_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Any]:
    workload = make_workload(150, seed=5)
    path = tmp_path_factory.mktemp("workload") / "rows.csv"
    write_addresses(str(path), workload, 3000)
    return path.read_text(encoding="utf-8"), workload


def _run(text: str, dns: FixtureDNSServer, lang: Lang, fmt: OutputFormat,
         plain: bool, monkeypatch: pytest.MonkeyPatch) -> str:
    if plain:  # every row through the awaited check
        monkeypatch.setattr(Checker, "check_ready", lambda self, row: None)
    settings = Settings(nameservers=(dns.nameserver,), lang=lang, output_format=fmt,
                        concurrency=32, dns_timeout=2.0)
    batch = Batch.open(io.StringIO(text), settings)
    if plain:
        batch.writer = PlainWriter(batch.layout, fmt, lang)
    sink = io.StringIO()
    batch.run(sink, Summary())
    monkeypatch.undo()
    return sink.getvalue()


@pytest.mark.parametrize("lang", [Lang.ES, Lang.EN])
@pytest.mark.parametrize("fmt", [OutputFormat.JSONL, OutputFormat.CSV])
def test_the_fast_record_is_the_plain_record_for_every_row_of_the_workload(
        workload_file: tuple[str, Any], lang: Lang, fmt: OutputFormat,
        monkeypatch: pytest.MonkeyPatch) -> None:
    text, workload = workload_file
    with FixtureDNSServer(workload.zone) as dns:
        fast = _run(text, dns, lang, fmt, False, monkeypatch)
        plain = _run(text, dns, lang, fmt, True, monkeypatch)
    assert fast.count("\n") >= 3000
    assert fast == plain
    if fmt is OutputFormat.JSONL:  # the rows really differ in what the plan says
        plans = {json.dumps(json.loads(line)["plan"]) for line in fast.splitlines()}
        assert len(plans) >= 5


def _report(address: str, *extra: Any) -> Report:
    domain = address.rpartition("@")[2]
    return Report("batch", address, address, (
        make("address.valid", address=address),
        make("domain.accepts_mail", domain=domain, mx_hosts=[f"mx.{domain}"]), *extra))


def test_the_plan_key_ignores_the_local_part_and_nothing_else() -> None:
    context = PlanContext()
    assert plan_key(_report("ana@d.ec"), context) == plan_key(_report("luis.7@d.ec"), context)
    assert plan_key(_report("ana@d.ec"), context) != plan_key(_report("ana@e.ec"), context)
    assert plan_key(_report("ana@d.ec"), context) != plan_key(
        _report("ana@d.ec"), PlanContext(link_validity=timedelta(minutes=5)))
    typo = make("address.typo_suspected", domain="gmial.com", suggestion="gmail.com",
                suggested_address="ana@gmail.com")
    assert plan_key(_report("ana@gmial.com", typo), context) != plan_key(
        _report("ana@gmial.com"), context)


def test_a_report_with_a_found_mail_is_never_cached() -> None:
    found = make("mail.found_inbox", folder="INBOX", arrived="2026-12-01T10:00:00+00:00",
                 subject="IESS", title="IESS", place="INBOX", when="hace poco")
    report = _report("ana@d.ec", found)
    assert plan_key(report, PlanContext()) is None
    cache = PlanCache()
    context = PlanContext(cache=cache)
    assert decide(report, context) == decide(report, PlanContext())


def test_a_remembered_domain_check_is_email_validators_own() -> None:
    import email_validator.syntax
    from email_validator import EmailNotValidError, validate_email

    from diag.batch.checker import remember_domain_syntax

    remember_domain_syntax()
    original = email_validator.syntax.validate_email_domain_name
    domains = [*make_workload(80, seed=2).domains, "ÑANDÚ.ec", "xn--and-6ma2c.ec", "a..b.ec",
               "-x.ec", "localhost", "ejemplo.invalid", "x" * 64 + ".ec"]
    for domain in domains * 2:  # the second time from memory
        try:
            expected: object = original(domain)
        except EmailNotValidError as error:
            expected = str(error)
        try:
            got: object = validate_email(f"ana@{domain}", check_deliverability=False)
            got = {"domain": got.domain, "ascii_domain": got.ascii_domain}  # type: ignore[attr-defined]
        except EmailNotValidError as error:
            got = str(error)
        assert got == expected, domain
