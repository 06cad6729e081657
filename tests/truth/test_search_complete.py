"""Reads tests/truth/search_complete.py: each row's mailbox is built on the private Dovecot or a
named fake, searched with find_reset_mail, and its verdicts checked both ways."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from diag.findings import Report, Verdict
from diag.mailbox.credentials import Credentials
from diag.mailbox.find import find_reset_mail
from diag.mailbox.options import BODY_CAP, MailboxOptions
from tests.fixtures import messages as mf
from tests.servers.dovecot import PrivateDovecot
from tests.servers.dovecot_setup import DEFAULT_FOLDERS, Delivery, require_dovecot
from tests.servers.fake_imap import FakeFolder, FakeGmailClient, FakeIMAPClient, FakeMessage
from tests.servers.fake_limits import FakeCourierClient, FakeLimitedClient
from tests.truth.search_complete import ROWS

pytestmark = pytest.mark.timeout(180)
NOW = datetime.now(UTC).replace(microsecond=0)
PASSWORD = "Clave-Prueba-2024"
CAPPED = [f"Carpeta {i:03d}" for i in range(101)]
LOOKALIKE_SENDER = "Tienda Ejemplo <novedades@tienda-ejemplo.com>"
LOOKALIKE_SUBJECT = "Cambie su password"
ARRIVAL_DELAY = timedelta(seconds=90)  # the new mail's INTERNALDATE after the wait began


def _at(scenario: str) -> str:
    return f"{scenario}@andinanet.net"


def _crowd(to: str, count: int = 249) -> list[bytes]:
    return [mf.newsletter(to, LOOKALIKE_SENDER, LOOKALIKE_SUBJECT, n=i) for i in range(count)]


def _too_large(to: str, last_link: str) -> bytes:
    """The IESS recovery mail grown past BODY_CAP (a signature image pasted inline), with one
    more link after the part a whole-message fetch reads."""
    html = (f'<p><a href="{mf.IESS_RESET_URL}T0K3N">Cambiar clave</a></p>'
            f'<!-- {"x" * (BODY_CAP + 40_000)} --><p><a href="{last_link}">Confirmar</a></p>')
    return mf.build_message(sender=f"{mf.IESS_DISPLAY_NAME} <{mf.IESS_SENDER}>", to=to,
                            subject=mf.IESS_SUBJECT, html=html, text="Ingrese al enlace.")


def _fill(server: PrivateDovecot) -> None:
    for scenario in ("folders101", "folders101none"):
        for name in CAPPED:
            server.deliver(_at(scenario), name, mf.newsletter(_at(scenario), *mf.NEWSLETTERS[0]))
    server.deliver(_at("folders101"), CAPPED[-1], mf.iess_reset_mail(_at("folders101")))
    genuine_at = NOW - timedelta(minutes=5)
    server.deliver(_at("crowded"), "INBOX", mf.iess_reset_mail(_at("crowded")),
                   internaldate=genuine_at)  # UID 1: below every look-alike
    server.deliver(_at("spoofed"), "INBOX", mf.iess_reset_mail(_at("spoofed")),
                   internaldate=genuine_at)
    forged = [mf.lookalike_mail(_at("spoofed"), f"IESS <{mf.IESS_SENDER}>",
                                f"https://iess-clave.example.net/r?t={i}") for i in range(11)]
    server.deliver_many(_at("spoofed"), "INBOX", [Delivery(m) for m in forged])
    server.deliver(_at("toolarge"), "INBOX", _too_large(_at("toolarge"), "https://evil.example/r"))
    server.deliver(_at("toolargeiess"), "INBOX",
                   _too_large(_at("toolargeiess"), "https://www.iess.gob.ec/ayuda"))
    for scenario in ("crowded", "crowdednone"):
        server.deliver_many(_at(scenario), "INBOX", [Delivery(m) for m in _crowd(_at(scenario))])
        server.warm_index(_at(scenario))


@pytest.fixture(scope="module")
def truth_dovecot() -> Iterator[PrivateDovecot]:
    require_dovecot()
    server = PrivateDovecot(folders={**DEFAULT_FOLDERS, **{n: None for n in CAPPED}})
    for scenario in ("folders101", "folders101none", "crowded", "crowdednone", "spoofed",
                     "toolarge", "toolargeiess"):
        server.add_user(_at(scenario), PASSWORD)
    with server:
        _fill(server)
        yield server


def _msg(raw: bytes, when: datetime, **kw: Any) -> FakeMessage:
    return FakeMessage(raw, when, **kw)


def _gmail(genuine: bool) -> FakeIMAPClient:
    to = "maria@gmail.com"
    crowd = [_msg(m, NOW - timedelta(minutes=1), labels=("\\Inbox",), gmail_id=i + 10)
             for i, m in enumerate(_crowd(to))]
    first = [_msg(mf.iess_reset_mail(to), NOW - timedelta(minutes=5), labels=("\\Inbox",),
                  gmail_id=1)] if genuine else []
    return FakeGmailClient(user=to, password=PASSWORD, messages=[*first, *crowd])


def _plain(folders: dict[str, list[FakeMessage]], **limits: Any) -> FakeIMAPClient:
    built = {n: FakeFolder((b"\\HasNoChildren",), list(m)) for n, m in folders.items()}
    return FakeLimitedClient(built, user=_at("fake"), password=PASSWORD, **limits)


def _courier(arrival: bytes | None, *, status_uidnext: bool = True) -> FakeIMAPClient:
    to = _at("fake")
    old = _msg(mf.iess_reset_mail(to), NOW - timedelta(minutes=5))
    arrivals = [_msg(arrival, NOW + ARRIVAL_DELAY)] if arrival is not None else []
    return FakeCourierClient({"INBOX": FakeFolder((b"\\HasNoChildren",), [old])}, user=to,
                             password=PASSWORD, arrivals=arrivals, status_uidnext=status_uidnext)


def _news(count: int) -> list[FakeMessage]:
    return [_msg(m, NOW - timedelta(minutes=1)) for m in _crowd(_at("fake"), count)]


FAKES: dict[str, Callable[[], FakeIMAPClient]] = {
    "gmail_crowded": lambda: _gmail(True),
    "gmail_crowdednone": lambda: _gmail(False),
    "examine_refused": lambda: _plain({"INBOX": _news(2), "Clientes": _news(1)},
                                      refuse_examine=["Clientes"]),
    "search_refused": lambda: _plain({"INBOX": _news(2)}, refuse_search=["INBOX"]),
    "fetch_short": lambda: _plain({"INBOX": _news(15)}, fetch_limit=5),
    "dropped": lambda: _plain({"INBOX": _news(2), "Clientes": _news(1)}, drop_at_fetch=True),
    "courier_old": lambda: _courier(mf.newsletter(_at("fake"), *mf.NEWSLETTERS[1])),
    "courier_old_nostatus": lambda: _courier(mf.newsletter(_at("fake"), *mf.NEWSLETTERS[1]),
                                             status_uidnext=False),
    "courier_new": lambda: _courier(mf.iess_reset_mail(_at("fake"), token="NUEVO")),
}


def _options(changes: dict[str, Any]) -> dict[str, Any]:
    out = dict(changes)
    if "wait" in out:
        out["wait"] = timedelta(seconds=out["wait"])
        out["poll_interval"] = 0.2
    return out


def search(mailbox: str, changes: dict[str, Any], request: pytest.FixtureRequest) -> Report:
    kind, _, name = mailbox.partition(":")
    options = _options(changes)
    if kind == "dovecot":
        server: PrivateDovecot = request.getfixturevalue("truth_dovecot")
        return find_reset_mail(_at(name), Credentials(password=PASSWORD), MailboxOptions(
            imap_host=server.host, imap_port=server.imaps_port, ca_file=str(server.ca_file),
            timeout=10.0, **options), clock=lambda: NOW)
    client = FAKES[name]()
    user = "maria@gmail.com" if name.startswith("gmail") else _at("fake")
    return find_reset_mail(user, Credentials(password=PASSWORD),
                           MailboxOptions(imap_host="imap.fake.test", **options),
                           connect=lambda e: client, clock=lambda: NOW)


def verdicts(report: Report) -> set[str]:
    """Each code, each `code:status`, and `code#n` for its n-th appearance from the second."""
    seen: Counter[str] = Counter()
    out: set[str] = set()
    for finding in report.findings:
        seen[finding.code] += 1
        out |= {finding.code, f"{finding.code}:{finding.status.value}"}
        if seen[finding.code] > 1:
            out.add(f"{finding.code}#{seen[finding.code]}")
    return out


@pytest.mark.parametrize(("input_", "must", "never"),
                         [pytest.param(i, m, n, id=id_) for id_, i, m, n, _why in ROWS])
def test_search_complete(input_: dict[str, Any], must: frozenset[str], never: frozenset[str],
                         request: pytest.FixtureRequest) -> None:
    report = search(input_["mailbox"], input_["options"], request)
    got = verdicts(report)
    assert must <= got, (sorted(must - got), report.codes())
    assert not never & got, (sorted(never & got), report.codes())
    if "mail.search_incomplete" in must:
        assert report.verdict is Verdict.INCONCLUSIVE  # exit 3, never "problem"


def test_counts_left_out_are_exact(request: pytest.FixtureRequest) -> None:
    report = search("dovecot:crowdednone", {"max_matches": 100}, request)
    finding = report.find("mail.search_incomplete")
    assert finding is not None and finding.details["matches_left_out"] == 149
    assert finding.details["folders_left_out"] == ["INBOX"]
    assert "narrow_since" in finding.advice


def test_arrival_is_the_internaldate_not_the_moment_of_noticing(
        request: pytest.FixtureRequest) -> None:
    report = search("fake:courier_new", {"wait": 5.0}, request)
    waited = report.find("mail.waited")
    assert waited is not None
    assert waited.details["arrived_after_seconds"] == ARRIVAL_DELAY.total_seconds()
    assert "noticed_after_seconds" in waited.details
