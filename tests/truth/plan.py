"""Truth table: what is the plan? Realistic help-desk cases and the steps they must (not) get.

Each row: (id, how to build the case, steps that must come first in this order, steps that must
never appear, words the plan must say and must not say, why). A case is built from real
findings: the address checked by the library against the loopback DNS world, messages analysed
from raw bytes, mailbox failures from the library's own error translation.
A wrong plan found by a review or a user becomes a row here before it is fixed.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from diag.codes import make
from diag.errors import CheckFailed
from diag.findings import Finding
from diag.i18n import Text, size_text
from diag.mailbox.coverage import Coverage, Gap, LeftOut
from diag.mailbox.verdicts import absence_finding, incomplete_finding
from diag.message.analysis import analyze_message, message_findings
from diag.message.model import SenderRules
from tests.truth.genuine import IESS_FROM, IESS_LINK, SUBJECT, mail

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # 10:00 in Ecuador
SCRIPT_LINK = "javascript:void(location='https://www.iess.gob.ec/')"  # where it goes: unread
RULES = SenderRules()  # the link lasts 15 minutes
GMAIL_RX = "mx.google.com"
OUTLOOK_RX = "BN8NAM11FT066.mail.protection.outlook.com"
_AUTH = {
    "pass": "dkim=pass header.d=iess.gob.ec; spf=pass smtp.mailfrom=bounce@iess.gob.ec; "
            "dmarc=pass header.from=iess.gob.ec",
    "fail": "dkim=fail header.d=iess.gob.ec; spf=fail smtp.mailfrom=bounce@iess.gob.ec; "
            "dmarc=fail header.from=iess.gob.ec",
}


def raw_iess(sent_ago: int, arrived_ago: int | None = None, *, auth: str | None = "pass",
             receiver: str = GMAIL_RX, links: tuple[str, ...] = (IESS_LINK,)) -> bytes:
    """The recovery mail as the receiver stored it, `sent_ago`/`arrived_ago` minutes ago."""
    sent = NOW - timedelta(minutes=sent_ago)
    arrived = NOW - timedelta(minutes=sent_ago if arrived_ago is None else arrived_ago)
    headers = [f"Received: from mta.iess.gob.ec by {receiver}; {format_datetime(arrived)}"]
    if auth is not None:
        prefix = f"{receiver}; " if receiver == GMAIL_RX else ""
        headers.append(f"Authentication-Results: {prefix}{_AUTH[auth]}")
    return mail(*headers, IESS_FROM, SUBJECT, f"Date: {format_datetime(sent)}", links=links)


def found(role: str, folder: str, sent_ago: int, arrived_ago: int | None = None,
          **options: str | None) -> list[Finding]:
    """What a mailbox search reports for the recovery mail in `folder`."""
    raw = raw_iess(sent_ago, arrived_ago, **options)  # type: ignore[arg-type]
    arrived = NOW - timedelta(minutes=sent_ago if arrived_ago is None else arrived_ago)
    facts = analyze_message(raw, RULES, arrived_at=arrived)
    return message_findings(facts, now=NOW, rules=RULES, folder=folder, role=role)


def phishing(folder: str = "INBOX", count: int = 1) -> list[Finding]:
    fakes = [("IESS <soporte@iess-gob.ec>", "https://iess-gob.ec/recuperar-clave?token=A"),
             ("IESS <alertas@iessecuador.com>", "http://iessecuador.com/clave/actualizar"),
             ("IESS Notificaciones <iess@iess.gob.ec.verificar.com>",
              "https://iess.gob.ec.verificar.com/login")]
    out = []
    for sender, link in fakes[:count]:
        raw = mail(f"From: {sender}", SUBJECT, f"Date: {format_datetime(NOW)}", links=(link,))
        facts = analyze_message(raw, RULES, arrived_at=NOW - timedelta(minutes=5))
        out += message_findings(facts, now=NOW, rules=RULES, folder=folder, role="inbox")
    return out


_FOLDERS = ("INBOX", "[Gmail]/Spam", "[Gmail]/Papelera")


def searched_nothing() -> list[Finding]:
    coverage = Coverage(NOW - timedelta(days=1), _FOLDERS, _FOLDERS, 0, ())
    return [absence_finding(coverage)]


def searched_part() -> list[Finding]:
    gap = LeftOut("[Gmail]/Todos", Gap.TIME_BUDGET)
    coverage = Coverage(NOW - timedelta(days=1), (*_FOLDERS, "[Gmail]/Todos"), _FOLDERS, 40,
                        (gap,))
    return [incomplete_finding(coverage)]


def quota(percent: int) -> list[Finding]:
    limit = 15 * 1024 * 1024
    usage = limit * percent // 100
    info = {"usage_kib": usage, "limit_kib": limit, "percent": percent, "quota_root": ""}
    if percent >= 100:  # as diag.mailbox.verdicts.quota_findings builds them
        sizes = {"usage": size_text(usage), "limit": size_text(limit)}
        return [make("mailbox.full", texts=sizes, **info)]
    return [make("mailbox.nearly_full", **info)]


def waited_in_vain() -> list[Finding]:
    outcome = Text("Se esperó 10 minutos: no llegó ningún correo nuevo del IESS.",
                   "Waited 10 minutes: no new IESS mail arrived.")
    return [make("mail.waited", texts={"outcome": outcome}, advice=(), waited_seconds=600,
                 interrupted=False)]


def oauth_required(address: str) -> list[Finding]:
    need = Text("desde 2024 solo acepta el inicio de sesión de Microsoft (OAuth2)",
                "since 2024 it only accepts Microsoft sign-in (OAuth2)")
    return [make("imap.oauth_required", texts={"requirement": need},
                 provider="Microsoft Outlook / Hotmail / 365", user=address,
                 host="outlook.office365.com", port=993)]


def login_refused(address: str) -> list[Finding]:
    hint = Text(" Gmail no acepta la contraseña normal por IMAP.",
                " Gmail does not accept the normal password over IMAP.")
    return [make("imap.login_failed", texts={"reason": Text("[AUTHENTICATIONFAILED]",
                                                            "[AUTHENTICATIONFAILED]"),
                                              "hint": hint},
                 user=address, auth="password", provider="gmail", host="imap.gmail.com",
                 port=993)]


def sender_listed() -> list[Finding]:
    """check-sender's finding when IESS's sending server is on a blocklist receivers use."""
    return [make("blocklist.listed", domain="iess.gob.ec", address="186.46.193.25",
                 blocklist="Spamhaus ZEN", zone="zen.spamhaus.org", codes=["127.0.0.2"],
                 sender_problem="listed", receivers=["microsoft", "gmail"])]


def certificate(message: str) -> BaseException:
    error = ssl.SSLCertVerificationError(1, f"[SSL: CERTIFICATE_VERIFY_FAILED] {message}")
    error.verify_message = message
    error.verify_code = 20
    return error


# How the mailbox part of a case is built: findings, a connection error the library translates,
# "no credentials" (None), or "the mailbox check could not run" (a CheckFailed).
Mailbox = Callable[[str], list[Finding]] | BaseException | None


@dataclass(frozen=True)
class Scenario:
    name: str
    address: str  # for analyze-headers: unused
    mailbox: Mailbox = None
    first: tuple[str, ...] = ()
    never: tuple[str, ...] = ()
    says: tuple[str, ...] = ()  # in the Spanish plan
    never_says: tuple[str, ...] = ()
    why: str = ""
    audience: str = "agent"
    message: bytes | None = None  # analyze-headers on this raw message instead of diagnose
    cedula: str | None = None
    extra: tuple[str, ...] = field(default=())  # steps that must appear somewhere


WEBMAIL = ("step_webmail_gmail", "step_webmail_outlook", "step_webmail_yahoo",
           "step_webmail_icloud", "step_webmail_other")
OPENING = ("step_open_now", "step_open_maybe_expired")


def _s(name: str, address: str, mailbox: Mailbox, first: tuple[str, ...],
       never: tuple[str, ...], why: str, **more: object) -> Scenario:
    return Scenario(name, address, mailbox, first, never, why=why, **more)  # type: ignore[arg-type]


GMAIL, HOTMAIL = "ana.perez@gmail.com", "luis.mora@hotmail.com"
ROWS: list[Scenario] = [
    # --- the seven cases of issue 10 -------------------------------------------------------
    _s("1 delayed but still valid", GMAIL, lambda a: found("inbox", "INBOX", 12, 3),
       ("step_open_now",), ("step_request_new_link", "step_open_maybe_expired"),
       "took 9 min, came 3 min ago: 3 of its 15 minutes are left, so it has not expired",
       says=("quedan unos 3 minutos",), never_says=("caducó",)),
    _s("2 spam failing spf dkim dmarc", GMAIL,
       lambda a: found("junk", "[Gmail]/Spam", 2, auth="fail"),
       ("step_forged",), (*OPENING, "step_not_spam", "step_request_new_link"),
       "its own receiver could not verify the sender: never 'open it' nor 'mark it safe'",
       never_says=("remitentes seguros", "No es spam")),
    _s("2 the same message through analyze-headers", "", None,
       ("step_forged",), (*OPENING, "step_not_spam"),
       "analyze-headers says it may be forged: the plan must not then say open it",
       message=raw_iess(2, auth="fail")),
    _s("unverified links in the inbox", GMAIL,
       lambda a: found("inbox", "INBOX", 2, links=(SCRIPT_LINK,)),  # type: ignore[arg-type]
       ("step_check_unverified",), (*OPENING, "step_not_spam", "step_not_found",
                                    "step_update_at_cau"),
       "its links are not all known: neither 'open it' nor 'not found'; check the link first",
       says=("https://www.iess.gob.ec/", "pida allí un enlace nuevo")),
    _s("unverified links through analyze-headers", "", None,
       ("step_check_unverified",), (*OPENING, "step_not_spam"),
       "analyze-headers says its links are not all known: the plan must say what to do",
       message=raw_iess(2, links=(SCRIPT_LINK,))),
    _s("3 full mailbox, nothing arrived", GMAIL,
       lambda a: [*quota(100), *searched_nothing()],
       ("step_free_space",), ("step_not_found", "step_connection_not_the_cause",
                              "step_request_new_link", "step_update_at_cau", *WEBMAIL),
       "new mail bounces: free space first; waiting or a new link now would bounce too",
       says=("se devuelve", "solo después, que pida un enlace nuevo")),
    _s("3 full mailbox after waiting", GMAIL,
       lambda a: [*quota(100), *searched_nothing(), *waited_in_vain()],
       ("step_free_space",), ("step_not_found", "step_request_new_link"),
       "--wait on a full box: the new link bounced, the cause is the quota"),
    _s("4 diagnose without credentials", GMAIL, None,
       ("step_webmail_gmail",), (*OPENING, "step_not_found"),
       "the mailbox was never opened: say how to look, never that all is well",
       says=("in:anywhere from:iess.gob.ec newer_than:1d", "«Promociones»")),
    _s("5 imap server unknown", "rosa@andinanet.net",
       lambda a: [make("imap.host_unknown", domain="andinanet.net")],
       ("step_imap_host_unknown", "step_webmail_other"),
       ("step_retry_server", "step_check_credentials"),
       "no connection was tried: 'could not connect, try later' is false",
       never_says=("no respondió",)),
    _s("5 untrusted certificate authority", GMAIL,
       certificate("unable to get local issuer certificate"),
       ("step_certificate_untrusted",), ("step_certificate_name", "step_retry_server"),
       "an unknown CA is not a wrong name", says=("autoridad",)),
    _s("5 hotmail refuses passwords", HOTMAIL, oauth_required,
       ("step_microsoft_signin", "step_webmail_outlook"),
       ("step_app_password", "step_check_credentials", "step_webmail_gmail"),
       "Outlook needs Microsoft sign-in; app passwords are Gmail/Yahoo/iCloud advice",
       never_says=("contraseña de aplicación",)),
    _s("6 domain does not exist", "ana@hotmial.com", None,
       ("step_fix_typo",), (*WEBMAIL, *OPENING),
       "no mailbox exists there: looking in its spam folder cannot help",
       says=("hotmail.com",)),
    _s("6 typo in the top-level domain", "luis@hotmail.con", None,
       ("step_fix_typo",), WEBMAIL, "a typo: fix it; there is no spam folder to check"),
    _s("6 typo to an existing domain", "ana@gmial.com", None,
       ("step_fix_typo",), WEBMAIL,
       "the look-alike domain exists and receives mail: someone else may read it",
       says=("puede ser de otra persona",)),
    _s("6 throwaway address", "x@mailinator.com", None,
       ("step_avoid_disposable",), WEBMAIL, "a throwaway box is not worth searching"),
    _s("6 found in promotions", GMAIL,
       lambda a: found("promotions", "INBOX", 4),
       ("step_open_now", "step_promotions_to_primary"), ("step_not_spam", "step_forged"),
       "Promociones is not spam: 'mark as not spam' does not apply",
       says=("pestaña «Promociones»",)),
    _s("6 already arrived", GMAIL, lambda a: found("inbox", "INBOX", 5),
       ("step_open_now",), ("step_request_new_link", *WEBMAIL),
       "it arrived: 'open it as soon as it arrives' is past; say how long is left",
       never_says=("apenas llegue",)),
    _s("6 hotmail junk", HOTMAIL,
       lambda a: found("junk", "Junk", 4, receiver=OUTLOOK_RX),
       ("step_open_now", "step_not_spam"), ("step_promotions_to_primary",),
       "hotmail.com has no Promotions tab; its junk is 'Correo no deseado'",
       says=("«Correo no deseado»", "«No es correo no deseado»"), never_says=("Promociones",)),
    _s("6 three phishing messages", GMAIL,
       lambda a: [*phishing(count=3), *searched_nothing()],
       ("step_phishing",), OPENING, "three messages are 'esos 3 mensajes', not 'ese mensaje'",
       says=("esos 3 mensajes", "elimine")),
    _s("7 one voice: the agent", GMAIL, lambda a: found("inbox", "INBOX", 12, 3),
       ("step_open_now",), (), "the agent hears what to do and what to tell the person",
       says=("pida a la persona",), never_says=("A su enlace",)),
    _s("7 one voice: the person", GMAIL, lambda a: found("inbox", "INBOX", 12, 3),
       ("step_open_now",), (), "the affiliate is spoken to directly, as usted",
       says=("A su enlace le quedan",), never_says=("la persona",), audience="person"),
    _s("7 the person, without credentials", HOTMAIL, None,
       ("step_webmail_outlook",), (), "the person searches their own Outlook.com",
       says=("Busque el correo usted mismo en Outlook.com",), never_says=("la persona",),
       audience="person"),
    # --- what else a help desk meets -------------------------------------------------------
    _s("typo and existing typo domain, mailbox given", "ana@gmial.com",
       lambda a: searched_nothing(), ("step_fix_typo",),
       ("step_confirm_address", "step_not_found", "step_connection_not_the_cause"),
       "the typo comes first, whatever the mailbox of the wrong domain shows"),
    _s("full box and a found mail", GMAIL,
       lambda a: [*quota(100), *found("inbox", "INBOX", 4)],
       ("step_open_now", "step_free_space"), ("step_request_new_link",),
       "the mail that did arrive is still valid: open it; free space for the next",
       never_says=("solo después",)),
    _s("found in trash and expired", GMAIL,
       lambda a: found("trash", "[Gmail]/Papelera", 40),
       ("step_check_delete_rules", "step_request_new_link"), OPENING,
       "restoring an expired link is pointless; stop the rule, then request a new one",
       says=("caducó hace unos 25 minutos",)),
    _s("found in trash, still valid", GMAIL,
       lambda a: found("trash", "[Gmail]/Papelera", 3),
       ("step_open_now", "step_check_delete_rules"), ("step_request_new_link",),
       "open it where it is, then find the rule", says=("«Papelera»",)),
    _s("phishing only", HOTMAIL, lambda a: [*phishing(), *searched_nothing()],
       ("step_phishing", "step_not_found"), OPENING,
       "the only IESS-looking mail is fake; the genuine one never came",
       says=("ese mensaje",)),
    _s("dns failing", "ana@dnsroto.com.ec", None,
       ("step_retry_dns",), ("step_confirm_address", "step_fix_typo", "step_update_at_cau"),
       "DNS failure says nothing about the address: never 'it cannot receive mail'"),
    _s("outlook without an app id", HOTMAIL, None,
       ("step_webmail_outlook",), ("step_webmail_gmail", "step_promotions_to_primary"),
       "the common Hotmail case: Outlook.com's own search and folders",
       says=("«Correo no deseado»", "«Elementos eliminados»")),
    _s("spam with aligned dmarc pass", GMAIL,
       lambda a: found("junk", "[Gmail]/Spam", 3),
       ("step_open_now", "step_not_spam"), ("step_forged",),
       "the receiver verified the sender: open it, then mark it not spam",
       says=("«No es spam»", "carpeta «Spam»")),
    _s("search incomplete", GMAIL, lambda a: searched_part(),
       ("step_narrow_search",), ("step_not_found", "step_connection_not_the_cause"),
       "part of the mailbox was not read: never 'it is not there'",
       says=("[Gmail]/Todos",)),
    _s("expired in the inbox", GMAIL, lambda a: found("inbox", "INBOX", 30),
       ("step_request_new_link",), (*OPENING, *WEBMAIL),
       "the link expired: say how long ago, and ask for a new one",
       says=("caducó hace unos 15 minutos", "dura 15 minutos")),
    _s("two genuine mails", GMAIL,
       lambda a: [*found("inbox", "INBOX", 40), *found("inbox", "INBOX", 2)],
       ("step_open_now", "step_use_newest"), ("step_request_new_link",),
       "the newest link is alive; the older one expired and does not matter",
       says=("2 correos",)),
    _s("invalid address", "ana.gmail.com", None,
       ("step_confirm_address",), (*WEBMAIL, *OPENING), "no @: nothing can be delivered"),
    _s("null MX", "ana@sinmail.com.ec", None,
       ("step_confirm_address",), WEBMAIL, "the domain declares it accepts no mail",
       says=("declara que no acepta correo",)),
    _s("no mail server", "ana@solotexto.com.ec", None,
       ("step_confirm_address",), WEBMAIL, "no MX and no address: no mailbox to search"),
    _s("gmail refuses the normal password", GMAIL, login_refused,
       ("step_app_password", "step_webmail_gmail"),
       ("step_microsoft_signin", "step_check_credentials"),
       "Gmail needs an app password", says=("contraseña de aplicación",)),
    _s("mail server unreachable", GMAIL, ConnectionRefusedError(111, "Connection refused"),
       ("step_retry_server", "step_webmail_gmail"), ("step_certificate_untrusted",),
       "a connection was tried and refused: try again later, search by hand meanwhile"),
    _s("certificate for another name", GMAIL,
       certificate("Hostname mismatch, certificate is not valid for 'imap.gmail.com'."),
       ("step_certificate_name",), ("step_certificate_untrusted",),
       "a wrong name is the name's problem"),
    _s("yahoo without credentials", "maria@yahoo.com", None,
       ("step_webmail_yahoo",), ("step_webmail_gmail",), "Yahoo's own search",
       says=("from:iess.gob.ec",)),
    _s("icloud without credentials", "jose@icloud.com", None,
       ("step_webmail_icloud",), ("step_webmail_gmail",), "iCloud's folders, one by one"),
    _s("invisible characters", "ana\u200b@gmail.com", None,
       ("step_retype_address", "step_webmail_gmail"), (), "pasted from a chat"),
    _s("nearly full, mail found", GMAIL,
       lambda a: [*quota(95), *found("inbox", "INBOX", 2)],
       ("step_open_now",), ("step_free_space",), "not full yet: a warning after the link",
       extra=("step_free_space_soon",)),
    _s("found in another folder", GMAIL, lambda a: found("other", "Facturas", 4),
       ("step_open_now", "step_review_filters"), ("step_not_spam",),
       "a filter moved it", says=("«Facturas»",)),
    _s("not found, invalid cédula", GMAIL, lambda a: searched_nothing(),
       ("step_not_found",), OPENING, "the ID comes after the mail",
       cedula="1712345612", extra=("step_check_id",)),
    _s("the mailbox check could not run", GMAIL,
       CheckFailed(Text("no se pudo leer la contraseña", "the password could not be read")),
       ("step_webmail_gmail",), (*OPENING, "step_not_found", "step_retry_server"),
       "no search happened: search by hand, and never say it is not there"),
    _s("analyze-headers, genuine and valid", "", None,
       ("step_open_now",), ("step_forged", "step_request_new_link", *WEBMAIL),
       "a genuine message with minutes left", message=raw_iess(5),
       says=("quedan unos 10 minutos",)),
    _s("analyze-headers, genuine and expired", "", None,
       ("step_request_new_link",), (*OPENING, *WEBMAIL), "a genuine message, too old",
       message=raw_iess(50)),
    # --- the sender's side (issue 14) ---------------------------------------------------------
    _s("IESS listed, nothing in the mailbox", HOTMAIL,
       lambda a: [*searched_nothing(), *sender_listed()],
       ("sender_side_not_your_address", "report_sender_to_iess"),
       ("step_update_at_cau", "step_connection_not_the_cause", "step_not_found"),
       "the mail is refused on IESS's side: never send the person to a CAU to change an "
       "address that works", says=("del lado del IESS",), never_says=("CAU",)),
    _s("IESS listed, yet this person's mail arrived", GMAIL,
       lambda a: [*found("inbox", "INBOX", 2), *sender_listed()],
       ("step_open_now",), ("sender_side_not_your_address", "report_sender_to_iess"),
       "the mail reached this mailbox: the listing did not stop it, so it is not the cause here"),
    # --- what a paste wraps around the address (found by review) ------------------------------
    *(_s(f"pasted {typed}", typed, None, ("step_type_address_clean", "step_webmail_gmail"),
         ("step_update_at_cau", "step_confirm_address"),
         "the person's address is the one inside: say what to take off, search the mailbox; "
         "never a visit to a CAU", says=(words, "«ana.perez@gmail.com»"), never_says=("CAU",))
      for typed, words in (("ana.perez@gmail.com.", "sobra el punto final"),
                           ("mailto:ana.perez@gmail.com", "sobra el «mailto:» del principio"),
                           ("Ana Pérez <ana.perez@gmail.com>", "sobran el nombre"),
                           ('"ana.perez"@gmail.com', "sobran las comillas"),
                           ("ana.perez＠gmail.com", "debe ser «@»"))),
    # review1: `mailto:` around a typo made step 1 say "type it like this: «ana@gmial.com»"
    # and step 2 say gmial.com is a typo: the plan told the person to type the mistake.
    *(_s(f"pasted around a doubtful address {typed}", typed, None, (first,),
         ("step_type_address_clean",),
         "the address inside is itself in doubt: never 'type it like this' with it",
         never_says=("lo escriba así", "escríbalo así"))
      for typed, first in (("mailto:ana.perez@gmial.com", "step_fix_typo"),
                           ("Ana <ana.perez@hotmailcom>", "step_fix_typo"),
                           ("mailto:ana..perez@gmail.com", "step_confirm_address"))),
    _s("pasted from a chat with a no-break space", "ana.perez@gmail.com\u00a0", None,
       ("step_retype_address", "step_webmail_gmail"), ("step_update_at_cau",),
       "WhatsApp's no-break space: retype it, never a CAU", never_says=("CAU",)),
    _s("two addresses in one input", "ana.perez@gmail.com, luis.mora@hotmail.com", None,
       ("step_type_one_address",), ("step_update_at_cau", "step_confirm_address", *WEBMAIL),
       "which address is the person's is not known: ask for one, never a CAU",
       never_says=("CAU",)),
    _s("quoted local part", '"ana perez"@gmail.com', None,
       ("step_quoted_local", "step_webmail_gmail"), ("step_update_at_cau",
                                                     "step_confirm_address"),
       "valid under RFC 5321, but the IESS form may refuse it: confirm, never a CAU",
       never_says=("CAU",)),
]
