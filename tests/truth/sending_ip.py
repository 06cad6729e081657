"""Truth table: which server delivered this mail, and is it on a blocklist?

Each row: (id, raw message, outcomes that must come out, outcomes that must NEVER come out, why).
Outcomes are the hop's state ("found", "relayed"…), "ip:ADDRESS" for the address taken as the
sender's, and, in LISTING_ROWS (asked of the loopback DNS world in tests/fixtures/sender_zones),
finding codes plus "listed:LIST", "unknown:LIST" and "clean:LIST" per blocklist.
A wrong answer found by a review or a user becomes a row here before it is fixed.
"""

from __future__ import annotations

from tests.fixtures.sender_zones import HEALTHY_IPS, LISTED_IP, REFUSED_IP, SILENT_IP

Row = tuple[str, bytes, frozenset[str], frozenset[str], str]

HEALTHY = HEALTHY_IPS[0]
FORGED = "190.152.9.9"  # listed on Spamhaus ZEN in the DNS world: a forger's favourite lie
STAMP = "; Tue, 01 Dec 2026 06:00:05 +0000"
GMAIL_TOP = "by 2002:a05:6358:5a0b:b0:d4:3c0a:fbf3 with SMTP id s11csp1234567rwb"
IESS_INSIDE = "from app.iess.gob.ec (app.iess.gob.ec [10.1.20.5]) by mail.iess.gob.ec (Postfix)"
GMAIL_AR = ("Authentication-Results: mx.google.com; dkim=pass header.d=iess.gob.ec; "
            "spf=pass smtp.mailfrom=bounce@iess.gob.ec; dmarc=pass header.from=iess.gob.ec")
GMAIL_AR_FAIL = ("Authentication-Results: mx.google.com; dkim=fail header.d=iess.gob.ec; "
                 "spf=fail smtp.mailfrom=iess.gob.ec; dmarc=fail header.from=iess.gob.ec")
MS_AR = ("Authentication-Results: spf=pass (sender IP is 186.46.193.25) "
         "smtp.mailfrom=iess.gob.ec; dkim=pass header.d=iess.gob.ec;dmarc=pass action=none "
         "header.from=iess.gob.ec;compauth=pass reason=100")
MS_TOP = ("from SA1PR12MB8000.namprd12.prod.outlook.com (2603:10b6:806:31::7) by "
          "SN6PR12MB2718.namprd12.prod.outlook.com with HTTPS")
MS_INSIDE = ("from BN8NAM11FT055.eop-nam11.prod.protection.outlook.com "
             "(2603:10b6:408:fe:cafe::1) by BN9PR03CA0123.outlook.office365.com "
             "(2603:10b6:408:fe::8) with Microsoft SMTP Server")
MS_EDGE = "by BN8NAM11FT055.mail.protection.outlook.com (10.13.177.118) with Microsoft SMTP Server"
ANY_IP = frozenset({"found"})


def received(*hops: str) -> list[str]:
    """Received lines, topmost first, as the receivers wrote them (folded like real ones)."""
    return [f"Received: {hop.replace(' by ', chr(13) + chr(10) + chr(9) + 'by ', 1)}{STAMP}"
            for hop in hops]


def gmail_edge(comment: str, helo: str = "mail.iess.gob.ec", by: str = "mx.google.com") -> str:
    return f"from {helo} {comment} by {by} with ESMTPS id a1si2"


def mail(hops: list[str], auth: str = GMAIL_AR) -> bytes:
    lines = [*hops, auth, 'From: "IESS" <noreply@iess.gob.ec>',
             "Subject: Recuperación de Clave - IESS", "Date: Tue, 01 Dec 2026 06:00:00 +0000",
             "Content-Type: text/plain; charset=utf-8"]
    return ("\r\n".join(lines) + "\r\n\r\nhttps://www.iess.gob.ec/\r\n").encode("utf-8")


def _row(name: str, raw: bytes, must: set[str], never: set[str], why: str) -> Row:
    return (name, raw, frozenset(must), frozenset(never), why)


def _gmail(*hops: str, auth: str = GMAIL_AR) -> bytes:
    return mail(received(GMAIL_TOP, *hops), auth)


_REAL = gmail_edge(f"(mail.iess.gob.ec. [{HEALTHY}])")
HOP_ROWS: list[Row] = [
    _row("gmail, postfix style", _gmail(_REAL, IESS_INSIDE), {"found", f"ip:{HEALTHY}"},
         {"ip:10.1.20.5"}, "Gmail's inbound hop names the IESS server in [brackets]"),
    _row("forged hop below gmail's", _gmail(
        _REAL, gmail_edge(f"(clean.example [{FORGED}])", "clean.example"), IESS_INSIDE),
         {f"ip:{HEALTHY}"}, {f"ip:{FORGED}"},
         "a sender can write any Received line below the receiver's: only the topmost counts"),
    _row("forged gmail hop under a stranger's", mail(received(
        f"from mail.iess.gob.ec (mail.iess.gob.ec [{HEALTHY}]) by mx.empresa.example (Postfix)",
        gmail_edge(f"(clean.example [{FORGED}])", "clean.example"))),
         {"receiver_unknown"}, ANY_IP | {f"ip:{FORGED}"},
         "the mail reached a stranger's server first: the Gmail line below it is the sender's"),
    _row("microsoft, address in parentheses", mail(received(
        MS_TOP, MS_INSIDE, f"from mta01.iess.gob.ec ({HEALTHY}) {MS_EDGE}", IESS_INSIDE), MS_AR),
         {"found", f"ip:{HEALTHY}"}, {"ip:2603:10b6:408:fe:cafe::1"},
         "Microsoft's own hops above its inbound server are not the sender"),
    _row("microsoft, forged hop below", mail(received(
        MS_TOP, f"from mta01.iess.gob.ec ({HEALTHY}) {MS_EDGE}",
        f"from clean.example ({FORGED}) {MS_EDGE}"), MS_AR),
         {f"ip:{HEALTHY}"}, {f"ip:{FORGED}"}, "the topmost inbound hop is Microsoft's own"),
    _row("microsoft, ipv6 in parentheses", mail(received(
        MS_TOP, f"from mta01.iess.gob.ec (2800:370:1::25) {MS_EDGE}"), MS_AR),
         {"ip:2800:370:1::25"}, set(), "an IPv6 literal in parentheses is an address"),
    _row("gmail, IPv6 literal in brackets", _gmail(
        gmail_edge("(mail.iess.gob.ec [IPv6:2800:370:1::25])")), {"ip:2800:370:1::25"}, set(),
         "Postfix writes [IPv6:…]"),
    _row("gmail, ipv4-mapped ipv6", _gmail(
        gmail_edge(f"(mail.iess.gob.ec [IPv6:::ffff:{HEALTHY}])")), {f"ip:{HEALTHY}"}, set(),
         "::ffff:a.b.c.d is the IPv4 address a.b.c.d"),
    _row("loopback content filter above the inbound hop", _gmail(
        gmail_edge("(localhost [127.0.0.1])", "localhost"), _REAL),
         {f"ip:{HEALTHY}"}, {"ip:127.0.0.1"},
         "a hop from the receiver's own machine: the one below is still the receiver's"),
    _row("private hop, then a stranger's line", _gmail(
        gmail_edge("(filter.internal [10.0.0.9])", "filter"),
        f"from clean.example ([{FORGED}]) by relay.evil.example"),
         {"inside_only"}, ANY_IP | {f"ip:{FORGED}"},
         "below a receiver's inside hop only the receiver's own lines count"),
    _row("helo claims an address", _gmail(
        gmail_edge(f"(mail.iess.gob.ec [{HEALTHY}])", f"[{FORGED}]")),
         {f"ip:{HEALTHY}"}, {f"ip:{FORGED}"},
         "the HELO name is the sender's claim; the address in the comment is what connected"),
    _row("exim helo= inside the comment", _gmail(
        gmail_edge(f"([{HEALTHY}] helo=[{FORGED}])", "mail.iess.gob.ec")),
         {f"ip:{HEALTHY}"}, {f"ip:{FORGED}"}, "helo= is what the sender said about itself"),
    _row("two addresses in the inbound hop", _gmail(
        gmail_edge(f"(mail.iess.gob.ec [{HEALTHY}]) ({FORGED})")), {"ambiguous"}, ANY_IP,
         "two addresses for one connection: nobody can tell which one connected"),
    _row("forwarded by gmail itself", _gmail(
        gmail_edge("(mail-sor-f41.google.com. [209.85.220.41])", "mail-sor-f41.google.com"),
        gmail_edge(f"(clean.example [{FORGED}])", "clean.example")),
         {"relayed"}, ANY_IP | {f"ip:{FORGED}"},
         "Google's own server handed it over: the IESS server is further down, unprovable"),
    _row("no address in the inbound hop", _gmail("from mta.iess.gob.ec by mx.google.com"),
         {"no_address"}, ANY_IP, "without an address there is nothing to look up"),
    _row("unknown receiver", mail(received(
        f"from mail.iess.gob.ec (mail.iess.gob.ec [{HEALTHY}]) by mx.netlife.example")),
         {"receiver_unknown"}, ANY_IP, "whose lines are the receiver's is unknown"),
    _row("yahoo", mail(received(
        f"from {HEALTHY} (EHLO mail.iess.gob.ec) by mta1001.mail.gq1.yahoo.com with SMTPS")),
         {"receiver_unsupported"}, ANY_IP, "Yahoo's inbound hop is not known here: no guess"),
    _row("documentation address", _gmail(
        gmail_edge("(mail.iess.gob.ec [192.0.2.25])")), {"ip:192.0.2.25"}, set(),
         "a documentation address is no receiver's inside network (the examples use them)"),
]

_LISTED = gmail_edge(f"(mail.iess.gob.ec. [{LISTED_IP}])")
LISTING_ROWS: list[Row] = [
    _row("healthy server", _gmail(_REAL), {"blocklist.clean", "clean:Spamhaus ZEN",
                                           "clean:Barracuda", "clean:SpamCop"},
         {"blocklist.listed", "blocklist.unknown"}, "NXDOMAIN on lists that pass their test"),
    _row("listed server", _gmail(_LISTED), {"blocklist.listed", "listed:Spamhaus ZEN"},
         {"clean:Spamhaus ZEN"}, "127.0.0.2 from a list that passes its test is a listing"),
    _row("refused by spamhaus", _gmail(gmail_edge(f"(m.iess.gob.ec [{REFUSED_IP}])")),
         {"unknown:Spamhaus ZEN"}, {"listed:Spamhaus ZEN", "clean:Spamhaus ZEN"},
         "127.255.255.254 means 'not from this resolver', never a listing nor a clean bill"),
    _row("silent barracuda", _gmail(gmail_edge(f"(m.iess.gob.ec [{SILENT_IP}])")),
         {"unknown:Barracuda"}, {"listed:Barracuda", "clean:Barracuda"},
         "a list that times out says nothing either way"),
    _row("listed but not proven the sender's", _gmail(_LISTED, auth=GMAIL_AR_FAIL),
         {"origin.not_checked"}, {"blocklist.listed", "blocklist.clean"},
         "a forger's listed server says nothing about IESS's"),
    _row("forged listed hop below the real one", _gmail(
        _REAL, gmail_edge(f"(x.example [{LISTED_IP}])", "x.example")),
         {"blocklist.clean"}, {"blocklist.listed", "listed:Spamhaus ZEN"},
         "a line the sender wrote must never put IESS on a blocklist"),
]
