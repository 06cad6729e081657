"""RFC 5322 test messages: the real IESS password-recovery mail, look-alikes and noise."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

IESS_SENDER = "notificaciones@iess.gob.ec"
IESS_DISPLAY_NAME = "IESS Notificaciones"
IESS_SUBJECT = "Recuperación de Clave - IESS"
RESET_TOKEN = "SECRETTOKEN123"
IESS_RESET_URL = "https://www.iess.gob.ec/iess-gestion-web/pages/recuperarClave.jsf?token="

# (From header, link) of phishing mails that imitate the IESS.
LOOKALIKES: tuple[tuple[str, str], ...] = (
    ("IESS <soporte@iess-gob.ec>", "https://iess-gob.ec/recuperar-clave?token=ABC123"),
    (
        "IESS Notificaciones <iess@iess.gob.ec.verificar.com>",
        "https://iess.gob.ec.verificar.com/login?cedula=1712345678",
    ),
    ("IESS <alertas@iessecuador.com>", "http://iessecuador.com/clave/actualizar"),
)

FAILED_AUTH_HEADERS: Mapping[str, str] = {
    "Authentication-Results": (
        "spf=fail (sender IP is 203.0.113.45) smtp.mailfrom=iess.gob.ec; "
        "dkim=fail (body hash did not verify) header.d=iess.gob.ec; "
        "dmarc=fail action=quarantine header.from=iess.gob.ec;compauth=fail reason=000"
    ),
    "X-Forefront-Antispam-Report": (
        "CIP:203.0.113.45;CTRY:EC;LANG:es;SCL:9;SRV:;IPV:NLI;SFV:SPM;H:mta.iess.gob.ec;"
        "PTR:mta.iess.gob.ec;CAT:SPM;SFS:(13230040)(8096899003);DIR:INB;"
    ),
    "X-MS-Exchange-Organization-SCL": "9",
}


def _utc(moment: datetime | None) -> datetime:
    return (moment or datetime.now(UTC)).astimezone(UTC)


def received_header(by_host: str, from_host: str, at: datetime) -> str:
    """One Received: trace line as an MTA adds it."""
    return (
        f"from {from_host} ({from_host} [203.0.113.10]) by {by_host} with ESMTPS "
        f"id {int(_utc(at).timestamp()):x}; {format_datetime(_utc(at))}"
    )


def build_message(
    *,
    sender: str,
    to: str,
    subject: str,
    html: str,
    text: str,
    sent_at: datetime | None = None,
    received_at: datetime | None = None,
    extra_headers: Mapping[str, str] | None = None,
) -> bytes:
    """A multipart/alternative mail; the HTML part is quoted-printable like most bulk senders.

    `sent_at` becomes Date:, `received_at` the recipient MX's Received: line, so a gap
    between the two simulates slow delivery.
    """
    sent = _utc(sent_at)
    domain = sender.rsplit("@", 1)[-1].rstrip(">")
    msg = EmailMessage()
    if received_at is not None:
        msg["Received"] = received_header("mx.recipient.example", f"mta.{domain}", received_at)
    msg["Received"] = received_header(f"mta.{domain}", f"app.{domain}", sent)
    for name, value in (extra_headers or {}).items():
        msg[name] = value
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(sent)
    msg["Message-ID"] = make_msgid(domain=domain)
    msg["MIME-Version"] = "1.0"
    msg.set_content(text, cte="quoted-printable")
    msg.add_alternative(html, subtype="html", cte="quoted-printable")
    return msg.as_bytes()


def _reset_html(link: str, greeting: str = "Estimado/a afiliado/a") -> str:
    return (
        f"<html><body><p>{greeting}:</p><p>Hemos recibido una solicitud de recuperación de "
        f'clave para su cuenta del IESS.</p><p><a href="{link}">Haga clic aquí para crear '
        "una nueva clave</a></p><p>Si usted no realizó esta solicitud, ignore este mensaje."
        "</p><p>Instituto Ecuatoriano de Seguridad Social</p></body></html>"
    )


def _reset_text(link: str) -> str:
    return (
        "Hemos recibido una solicitud de recuperación de clave para su cuenta del IESS.\n"
        f"Para crear una nueva clave ingrese a: {link}\n"
    )


def iess_reset_mail(
    to: str,
    *,
    token: str = RESET_TOKEN,
    sent_at: datetime | None = None,
    received_at: datetime | None = None,
    extra_headers: Mapping[str, str] | None = None,
) -> bytes:
    """The genuine recovery mail from notificaciones@iess.gob.ec with the reset link."""
    link = IESS_RESET_URL + token
    return build_message(
        sender=f"{IESS_DISPLAY_NAME} <{IESS_SENDER}>",
        to=to,
        subject=IESS_SUBJECT,
        html=_reset_html(link),
        text=_reset_text(link),
        sent_at=sent_at,
        received_at=received_at,
        extra_headers=extra_headers,
    )


def junk_verdict_iess_mail(to: str, *, sent_at: datetime | None = None) -> bytes:
    """The genuine mail as Outlook.com files it to Junk: SPF/DKIM/DMARC fail, SFV:SPM."""
    return iess_reset_mail(to, sent_at=sent_at, extra_headers=FAILED_AUTH_HEADERS)


def slow_iess_mail(to: str, *, sent_at: datetime, delay: timedelta) -> bytes:
    """Recovery mail whose Received: time lags its Date: by `delay`."""
    return iess_reset_mail(to, sent_at=sent_at, received_at=sent_at + delay)


def lookalike_mail(
    to: str,
    sender: str,
    link: str,
    *,
    subject: str = IESS_SUBJECT,
    sent_at: datetime | None = None,
) -> bytes:
    """A phishing mail dressed as the IESS one, linking to another host."""
    return build_message(
        sender=sender,
        to=to,
        subject=subject,
        html=_reset_html(link, greeting="Estimado usuario"),
        text=_reset_text(link),
        sent_at=sent_at,
    )


def lookalike_mails(to: str, *, sent_at: datetime | None = None) -> list[bytes]:
    return [lookalike_mail(to, sender, link, sent_at=sent_at) for sender, link in LOOKALIKES]


NEWSLETTERS: Sequence[tuple[str, str]] = (
    ("Banco Pichincha <novedades@pichincha.com>", "Tus beneficios de este mes"),
    ("Supermaxi <ofertas@supermaxi.com>", "Ofertas de la semana"),
    ("LinkedIn <messages-noreply@linkedin.com>", "Tienes 3 invitaciones nuevas"),
    ("SRI <notificaciones@sri.gob.ec>", "Recordatorio: declaración de IVA"),
)


def newsletter(
    to: str, sender: str, subject: str, *, sent_at: datetime | None = None, n: int = 0
) -> bytes:
    """An unrelated bulk mail."""
    return build_message(
        sender=sender,
        to=to,
        subject=subject,
        html=f"<html><body><p>Boletín número {n}.</p>"
        f'<p><a href="https://example.com/b/{n}">Ver más</a></p></body></html>',
        text=f"Boletín número {n}.\nhttps://example.com/b/{n}\n",
        sent_at=sent_at,
    )


def newsletters(to: str, count: int, *, start: datetime | None = None) -> list[bytes]:
    """`count` unrelated mails an hour apart, cycling through a few senders."""
    first = _utc(start) - timedelta(hours=count)
    return [
        newsletter(to, *NEWSLETTERS[i % len(NEWSLETTERS)], sent_at=first + timedelta(hours=i), n=i)
        for i in range(count)
    ]


def filler_mails(to: str, count: int, *, start: datetime | None = None) -> list[bytes]:
    """Many distinct unrelated mails, cheaply: one template with a numbered subject and id."""
    first = _utc(start) - timedelta(minutes=count)
    template = newsletter(to, *NEWSLETTERS[0], sent_at=first, n=0).replace(
        b"Message-ID: <", b"Message-ID: <NUMBER."
    )
    template = template.replace(b"Subject: " + NEWSLETTERS[0][1].encode(), b"Subject: Aviso NUMBER")
    return [template.replace(b"NUMBER", b"%07d" % i) for i in range(count)]
