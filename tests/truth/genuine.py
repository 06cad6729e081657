"""Truth table: is this message the genuine IESS recovery mail?

Each row: (id, raw message, kinds that must come out, kinds that must never come out, why).
A wrong verdict found by a review or a user becomes a row here before it is fixed.
"""

from __future__ import annotations

from collections.abc import Iterator

IESS_FROM = 'From: "IESS" <noreply@iess.gob.ec>'
SUBJECT = "Subject: Recuperación de Clave - IESS"
DATE = "Date: Tue, 01 Dec 2026 06:00:00 +0000"
GMAIL_HOP = "Received: from mail.sender.example by mx.google.com; Tue, 01 Dec 2026 06:00:05 +0000"
IESS_LINK = "https://www.iess.gob.ec/iess-gestion-web/pages/recuperarClave.jsf?token=T0K3N"
ALIGNED = ("Authentication-Results: mx.google.com; dkim=pass header.d=iess.gob.ec; "
           "spf=pass smtp.mailfrom=bounce@iess.gob.ec; dmarc=pass header.from=iess.gob.ec")

Row = tuple[str, bytes, frozenset[str], frozenset[str], str]
GENUINE = frozenset({"recovery"})
NEVER_GENUINE = frozenset({"recovery", "iess_other"})
LOOKALIKE = frozenset({"lookalike"})


def mail(*headers: str, links: tuple[str, ...] = (IESS_LINK,)) -> bytes:
    """A raw message exactly as written: the header lines, then an HTML body with `links`."""
    body = "".join(f'<p><a href="{link}">Clic para continuar</a></p>' for link in links)
    lines = [*headers, "Content-Type: text/html; charset=utf-8"]
    return ("\r\n".join(lines) + "\r\n\r\n" + body + "\r\n").encode("utf-8")


def _row(name: str, raw: bytes, must: frozenset[str], never: frozenset[str], why: str) -> Row:
    return (name, raw, must, never, why)


BASE: list[Row] = [
    _row("genuine, iess links only", mail(IESS_FROM, SUBJECT, DATE), GENUINE, LOOKALIKE,
         "From iess.gob.ec, links only to iess.gob.ec: nothing gives a forgery away"),
    _row("genuine, aligned pass, footer link", mail(
        GMAIL_HOP, ALIGNED, IESS_FROM, SUBJECT, DATE,
        links=(IESS_LINK, "https://www.facebook.com/IESSec")), GENUINE, LOOKALIKE,
         "Gmail's own DMARC pass aligned with iess.gob.ec vouches for a footer link"),
    _row("genuine at Outlook, footer link", mail(
        "Received: from mta.iess.gob.ec by BN8NAM11FT066.mail.protection.outlook.com; "
        "Tue, 01 Dec 2026 06:00:05 +0000",
        "Authentication-Results: spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=iess.gob.ec; "
        "dkim=pass header.d=iess.gob.ec;dmarc=pass action=none header.from=iess.gob.ec;",
        IESS_FROM, SUBJECT, DATE, links=(IESS_LINK, "https://www.facebook.com/IESSec")),
         GENUINE, LOOKALIKE, "Microsoft writes no authserv-id; its topmost header is its own"),
    _row("aligned SPF but DMARC fails", mail(
        GMAIL_HOP, "Authentication-Results: mx.google.com; spf=pass smtp.mailfrom=iess.gob.ec; "
        "dmarc=fail header.from=iess.gob.ec", IESS_FROM, SUBJECT, DATE,
        links=("https://evil.example/r",)), LOOKALIKE, NEVER_GENUINE,
         "a failing DMARC verdict outweighs an aligned SPF pass"),
    _row("aligned pass at an unknown receiver", mail(
        "Received: from x by mx.example.org; Tue, 01 Dec 2026 06:00:05 +0000",
        "Authentication-Results: mx.example.org; dmarc=pass header.from=iess.gob.ec",
        IESS_FROM, SUBJECT, DATE, links=("https://evil.example/r",)), LOOKALIKE, NEVER_GENUINE,
         "nothing shows that header is the receiver's and not the sender's"),
    _row("forged lower A-R", mail(
        GMAIL_HOP, "Authentication-Results: mx.google.com; spf=none smtp.mailfrom=evil.example",
        "Authentication-Results: mx.google.com; dmarc=pass header.from=iess.gob.ec",
        IESS_FROM, SUBJECT, DATE, links=("https://evil.example/r?token=1",)),
         LOOKALIKE, NEVER_GENUINE, "RFC 8601 §5: only the receiver's topmost header counts"),
    _row("forged A-R below an unknown receiver", mail(
        GMAIL_HOP, "Authentication-Results: evil.example; dmarc=pass header.from=iess.gob.ec",
        IESS_FROM, SUBJECT, DATE, links=("https://evil.example/r",)),
         LOOKALIKE, NEVER_GENUINE, "the mail reached Gmail: an A-R not by mx.google.com is forged"),
    _row("ARC fills the gap", mail(
        GMAIL_HOP, "Authentication-Results: mx.google.com; spf=neutral smtp.mailfrom=evil.example",
        "ARC-Authentication-Results: i=1; mx.google.com; dmarc=pass header.from=iess.gob.ec",
        IESS_FROM, SUBJECT, DATE, links=("https://evil.example/r",)),
         LOOKALIKE, NEVER_GENUINE, "an unvalidated ARC set counts for nothing (RFC 8617 §7.2)"),
    _row("ARC only", mail(
        GMAIL_HOP,
        "ARC-Authentication-Results: i=1; mx.google.com; dmarc=pass header.from=iess.gob.ec",
        IESS_FROM, SUBJECT, DATE, links=("https://evil.example/r",)),
         LOOKALIKE, NEVER_GENUINE, "ARC results are the sender's say-so here"),
    _row("dmarc pass for another domain", mail(
        GMAIL_HOP, "Authentication-Results: mx.google.com; dkim=pass header.d=evil.example; "
        "spf=pass smtp.mailfrom=b@evil.example; dmarc=pass header.from=evil.example",
        IESS_FROM, SUBJECT, DATE, links=("https://evil.example/r",)),
         LOOKALIKE, NEVER_GENUINE, "a pass counts only when aligned with the From domain"),
    _row("dmarc pass without header.from", mail(
        GMAIL_HOP, "Authentication-Results: mx.google.com; dmarc=pass",
        IESS_FROM, SUBJECT, DATE, links=("https://evil.example/r",)),
         LOOKALIKE, NEVER_GENUINE, "a pass that names no domain is aligned with nothing"),
    _row("aligned pass, link to an imitation", mail(
        GMAIL_HOP, ALIGNED, IESS_FROM, SUBJECT, DATE, links=(IESS_LINK, "https://iess-gob.ec/r")),
         LOOKALIKE, NEVER_GENUINE, "even a genuine pass does not excuse a host imitating IESS"),
    _row("two From headers, IESS first", mail(
        IESS_FROM, "From: x@evil.example", SUBJECT, DATE), LOOKALIKE, NEVER_GENUINE,
         "RFC 5322 §3.6 allows one From: more than one is a forgery"),
    _row("two From headers, IESS second", mail(
        "From: x@evil.example", IESS_FROM, SUBJECT, DATE), LOOKALIKE, NEVER_GENUINE,
         "whichever From: comes first"),
    _row("two addresses in From", mail(
        'From: "IESS" <noreply@iess.gob.ec>, x@evil.example', SUBJECT, DATE), LOOKALIKE,
         NEVER_GENUINE, "several authors: no single sender to vouch for"),
    _row("decimal IP link", mail(IESS_FROM, SUBJECT, DATE, links=("http://3232235777/r",)),
         LOOKALIKE, NEVER_GENUINE, "browsers open 192.168.1.1: never the IESS host"),
    _row("hex IP link", mail(IESS_FROM, SUBJECT, DATE, links=("http://0x7f.1/r",)),
         LOOKALIKE, NEVER_GENUINE, "browsers open 127.0.0.1"),
    _row("IPv6 link", mail(IESS_FROM, SUBJECT, DATE, links=("http://[::1]/r",)),
         LOOKALIKE, NEVER_GENUINE, "an IP literal is never the IESS host"),
    _row("dotted IP link, aligned pass", mail(
        GMAIL_HOP, ALIGNED, IESS_FROM, SUBJECT, DATE, links=("http://192.0.2.1/r",)),
         LOOKALIKE, NEVER_GENUINE, "an IP literal is never the IESS host, whatever the pass"),
    # Found by review: a forged Gmail trace below a small ISP's own Received: line.
    _row("forged gmail trace under the real receiver's line", mail(
        "Received: from mail.evil.example by mail.cnt.ec; Tue, 01 Dec 2026 06:00:09 +0000",
        ALIGNED, GMAIL_HOP, IESS_FROM, SUBJECT, DATE,
        links=(IESS_LINK, "https://evil.example/reset")), LOOKALIKE, NEVER_GENUINE,
         "only the receiver's own lines (the top of the trace) say who received it"),
    _row("second sender hidden past a long display name", mail(
        'From: "' + "I" * 990 + '" <notificaciones@iess.gob.ec>, Soporte <x@evil.example>',
        SUBJECT, DATE), LOOKALIKE, NEVER_GENUINE,
         "a From: too long to read whole cannot prove it has one sender"),
    _row("evil link after twenty iess links", mail(
        IESS_FROM, SUBJECT, DATE,
        links=(*(f"https://s{i}.iess.gob.ec/" for i in range(20)), "https://evil.example/r")),
         LOOKALIKE, NEVER_GENUINE, "links not all read: the unread one may be the phishing one"),
    _row("protocol-relative link", mail(IESS_FROM, SUBJECT, DATE,
                                        links=("//evil.example/reset",)),
         LOOKALIKE, NEVER_GENUINE, "a browser opens //host on the page's scheme: it is a host"),
]

# Common look-alikes of i, e and s (UTS #39 confusables and a few it leaves out).
HOMOGLYPHS = {
    "i": "ɩɪᎥ⍳іıιｉ",
    "e": "ҽ℮єеεｅ",
    "s": "ƽѕꜱꮪｓ",
}


def _homoglyph_rows() -> Iterator[Row]:
    for letter, glyphs in HOMOGLYPHS.items():
        for glyph in glyphs:
            domain = "iess.gob.ec".replace(letter, glyph, 1)
            yield _row(f"look-alike {glyph} for {letter}", mail(
                f"From: Notificaciones <noreply@{domain}>", "Subject: Aviso", DATE,
                links=("https://example.org/",)), LOOKALIKE, NEVER_GENUINE,
                f"{domain} renders like iess.gob.ec")


def _phishing_corpus() -> Iterator[Row]:
    """Phishing-shaped mails that carry a genuine `dmarc=pass` for their own domain (synthetic:
    10 senders x 12 link sets), dressed as the IESS recovery mail."""
    receivers = (("mx.google.com", "mx.google.com"),
                 ("BN8NAM11FT066.mail.protection.outlook.com", None),
                 ("atlas-1.mail.yahoo.com", "atlas-1.mail.yahoo.com"),
                 ("mx.zoho.com", "mx.zoho.com"), ("mx01.mail.icloud.com", "mx01.mail.icloud.com"))
    senders = ("mailer.evil.example", "news.shop.example", "ec-notify.example.net",
               "sendgrid.net", "amazonses.com", "mail.iess-gob.ec", "iessec.info",
               "gob-ec.example", "xn--ess-5ub.gob.ec", "mailchimpapp.net")
    links = (("https://evil.example/r",), ("http://3232235777/",), ("http://0x7f.1/",),
             ("https://iess-gob.ec/clave",), ("https://www.iess.gob.ec.verificar.com/",),
             (IESS_LINK, "https://bit.ly/3xYz"), ("https:\\\\evil.example\\r",),
             ("https:evil.example/r",), ("https://xn--ess-5ub.gob.ec/",),
             (IESS_LINK, "https://www.facebook.com/IESSec"),  # aligned with evil: not with IESS
             ("https://evil.example/r", IESS_LINK), ("https://[2001:db8::1]/r",))
    for n, sender in enumerate(senders):
        for m, hosts in enumerate(links):
            by, authserv = receivers[(n + m) % len(receivers)]
            ident = f"{authserv}; " if authserv else ""
            auth = (f"Authentication-Results: {ident}spf=pass smtp.mailfrom=b@{sender}; "
                    f"dkim=pass header.d={sender}; dmarc=pass action=none header.from={sender}")
            hop = f"Received: from out.{sender} by {by}; Tue, 01 Dec 2026 06:00:05 +0000"
            yield _row(f"corpus {sender} {m}", mail(hop, auth, IESS_FROM, SUBJECT, DATE,
                                                    links=hosts),
                       frozenset(), NEVER_GENUINE, "dmarc=pass for another domain")


ROWS: list[Row] = [*BASE, *_homoglyph_rows(), *_phishing_corpus()]
