"""The standard fixture DNS world: zone text, per-name faults and a table of cases.

Serve it with `FixtureDNSServer(STANDARD_ZONE, **STANDARD_FAULTS)`; look domains up in CASES.
"""

from __future__ import annotations

from types import MappingProxyType

from tests.dnsserver import FaultSpec

# "correo.ñandú.ec" in the DNS; computed once with "correo.ñandú.ec".encode("idna").
IDN_DOMAIN = "correo.ñandú.ec"
IDN_DOMAIN_ASCII = "correo.xn--and-6ma2c.ec"

# slug -> domain. Unless noted, MX hosts have only public (is_global) addresses.
CASES: dict[str, str] = {
    # Healthy Microsoft consumer domains: MX -> *.olc.protection.outlook.com.
    "microsoft": "hotmail.com",
    "microsoft_es": "hotmail.es",
    "microsoft_outlook": "outlook.com",
    "microsoft_outlook_es": "outlook.es",
    "microsoft_live": "live.com",
    # Healthy Google: gmail.com has 5 MX (gmail-smtp-in.l.google.com + alt1..alt4).
    "google": "gmail.com",
    # Google Workspace custom domain: MX aspmx.l.google.com + alt1..alt4.aspmx.
    "google_workspace": "empresa-andina.com.ec",
    # Yahoo: 3 MX mta5/6/7.am0.yahoodns.net.
    "yahoo": "yahoo.com",
    "yahoo_es": "yahoo.es",
    # iCloud: MX mx01/mx02.mail.icloud.com.
    "icloud": "icloud.com",
    "icloud_me": "me.com",
    # Zoho custom domain: MX mx/mx2/mx3.zoho.com.
    "zoho_custom": "importadora-guayas.ec",
    # Ecuadorian ISP with its own MX host (mx1.andinanet.net).
    "isp_ec": "andinanet.net",
    # The IESS itself: MX mail.iess.gob.ec.
    "iess": "iess.gob.ec",
    # RFC 7505 null MX ("0 .") plus a website A record: does not accept mail.
    "null_mx": "sinmail.com.ec",
    # No MX, public A: implicit MX (RFC 5321 5.1) to the domain itself.
    "implicit_mx": "tiendaquito.ec",
    # No MX, only AAAA (public IPv6): implicit MX over IPv6.
    "implicit_mx_ipv6": "solo-ipv6.ec",
    # No MX, only a private A (10.20.30.40): no usable mail server.
    "implicit_mx_private": "intranet-quito.com.ec",
    # No MX, no A/AAAA, only a TXT: no mail server.
    "no_mail": "solotexto.com.ec",
    # No MX, no A/AAAA, TXT "v=spf1 -all": explicitly sends no mail.
    "spf_reject_all": "nocorreo-spf.com.ec",
    # MX host mail.mxinexistente.com.ec is NXDOMAIN.
    "mx_host_nxdomain": "mxinexistente.com.ec",
    # Two MX hosts: mx1 resolves (public A), mx2 is NXDOMAIN.
    "mx_one_host_nxdomain": "mxmedio.com.ec",
    # MX host resolves only to 127.0.0.1.
    "mx_host_loopback": "mxlocalhost.com.ec",
    # MX host resolves only to 10.0.0.5.
    "mx_host_private": "mxprivado.com.ec",
    # MX host is a CNAME to mx.zoho.com (the server chases it, like a resolver).
    "mx_host_cname": "aliasmx.com.ec",
    # IDN domain; the zone holds the punycode names, MX mx.xn--and-6ma2c.ec.
    "idn": IDN_DOMAIN,
    # Faults (see STANDARD_FAULTS); each has healthy-looking data behind the fault.
    "servfail": "dnsroto.com.ec",  # every query SERVFAILs
    "refused": "rechazado.com.ec",  # every query is REFUSED
    "timeout": "silencioso.com.ec",  # never answered (UDP or TCP)
    "slow": "lento.com.ec",  # answered after 1.5 s (the MX host itself is fast)
    "truncated": "truncado.com.ec",  # TC bit over UDP; full answer over TCP
    "mx_servfail_a_ok": "mxfalla.com.ec",  # MX SERVFAILs, A answers (public)
    "mx_host_timeout": "mxhostlento.com.ec",  # MX ok; mail.mxhostlento.com.ec never answered
    "wrong_name": "nombrecambiado.com.ec",  # answers carry owner gmail.com instead
    # Typo-squatted domain that really exists, with an MX.
    "typo_exists": "gmial.com",
    # Typos that do not exist at all: NXDOMAIN by absence.
    "typo_tld": "hotmail.con",
    "typo_absent": "hotmial.com",
    # Disposable-mail service, healthy MX.
    "disposable": "mailinator.com",
    # Hostile data.
    "cname_loop": "bucle.com.ec",  # bucle <-> bucle2 CNAME loop: SERVFAIL for other types
    "mx_ip_literal": "mxcomoip.com.ec",  # MX "200.107.10.25." (a name, NXDOMAIN)
    "huge_txt": "txtenorme.com.ec",  # 40 kB TXT rrset (TC over UDP, fine over TCP); MX ok
}

_MICROSOFT = """
; Microsoft consumer domains -> Exchange Online Protection
hotmail.com.  3600 IN MX 2 hotmail-com.olc.protection.outlook.com.
hotmail.es.   3600 IN MX 5 hotmail-es.olc.protection.outlook.com.
outlook.com.  3600 IN MX 5 outlook-com.olc.protection.outlook.com.
outlook.es.   3600 IN MX 5 outlook-es.olc.protection.outlook.com.
live.com.     3600 IN MX 2 live-com.olc.protection.outlook.com.
hotmail.com.  3600 IN TXT "v=spf1 include:spf.protection.outlook.com -all"
hotmail-com.olc.protection.outlook.com. 10 IN A 52.101.68.17
hotmail-com.olc.protection.outlook.com. 10 IN A 52.101.73.4
hotmail-es.olc.protection.outlook.com.  10 IN A 52.101.41.22
outlook-com.olc.protection.outlook.com. 10 IN A 52.101.42.6
outlook-es.olc.protection.outlook.com.  10 IN A 52.101.41.23
live-com.olc.protection.outlook.com.    10 IN A 52.101.40.18
"""

_GOOGLE = """
; Gmail and a Google Workspace custom domain
gmail.com. 3600 IN MX 5 gmail-smtp-in.l.google.com.
gmail.com. 3600 IN MX 10 alt1.gmail-smtp-in.l.google.com.
gmail.com. 3600 IN MX 20 alt2.gmail-smtp-in.l.google.com.
gmail.com. 3600 IN MX 30 alt3.gmail-smtp-in.l.google.com.
gmail.com. 3600 IN MX 40 alt4.gmail-smtp-in.l.google.com.
gmail.com. 300  IN A 142.251.16.17
gmail.com. 300  IN TXT "v=spf1 redirect=_spf.google.com"
gmail-smtp-in.l.google.com.      300 IN A    142.250.115.27
gmail-smtp-in.l.google.com.      300 IN AAAA 2607:f8b0:4023:1004::1b
alt1.gmail-smtp-in.l.google.com. 300 IN A    142.250.153.27
alt2.gmail-smtp-in.l.google.com. 300 IN A    74.125.200.27
alt3.gmail-smtp-in.l.google.com. 300 IN A    142.251.9.27
alt4.gmail-smtp-in.l.google.com. 300 IN A    108.177.104.27
empresa-andina.com.ec. 3600 IN MX 1 aspmx.l.google.com.
empresa-andina.com.ec. 3600 IN MX 5 alt1.aspmx.l.google.com.
empresa-andina.com.ec. 3600 IN MX 5 alt2.aspmx.l.google.com.
empresa-andina.com.ec. 3600 IN MX 10 alt3.aspmx.l.google.com.
empresa-andina.com.ec. 3600 IN MX 10 alt4.aspmx.l.google.com.
empresa-andina.com.ec. 3600 IN TXT "v=spf1 include:_spf.google.com ~all"
aspmx.l.google.com.      300 IN A    142.250.27.26
aspmx.l.google.com.      300 IN AAAA 2607:f8b0:4023:1004::1a
alt1.aspmx.l.google.com. 300 IN A    142.250.153.26
alt2.aspmx.l.google.com. 300 IN A    74.125.200.26
alt3.aspmx.l.google.com. 300 IN A    142.251.9.26
alt4.aspmx.l.google.com. 300 IN A    108.177.104.26
"""

_OTHER_PROVIDERS = """
; Yahoo, iCloud, Zoho (custom domain), an Ecuadorian ISP, the IESS
yahoo.com. 1800 IN MX 1 mta5.am0.yahoodns.net.
yahoo.com. 1800 IN MX 1 mta6.am0.yahoodns.net.
yahoo.com. 1800 IN MX 1 mta7.am0.yahoodns.net.
yahoo.es.  1800 IN MX 1 mta5.am0.yahoodns.net.
yahoo.es.  1800 IN MX 1 mta6.am0.yahoodns.net.
yahoo.es.  1800 IN MX 1 mta7.am0.yahoodns.net.
mta5.am0.yahoodns.net. 300 IN A 67.195.204.79
mta5.am0.yahoodns.net. 300 IN A 98.136.96.91
mta6.am0.yahoodns.net. 300 IN A 67.195.228.110
mta7.am0.yahoodns.net. 300 IN A 98.136.96.74
icloud.com. 3600 IN MX 10 mx01.mail.icloud.com.
icloud.com. 3600 IN MX 10 mx02.mail.icloud.com.
me.com.     3600 IN MX 10 mx01.mail.icloud.com.
me.com.     3600 IN MX 10 mx02.mail.icloud.com.
mx01.mail.icloud.com. 300 IN A 17.57.154.6
mx01.mail.icloud.com. 300 IN A 17.42.251.41
mx02.mail.icloud.com. 300 IN A 17.57.155.34
importadora-guayas.ec. 3600 IN MX 10 mx.zoho.com.
importadora-guayas.ec. 3600 IN MX 20 mx2.zoho.com.
importadora-guayas.ec. 3600 IN MX 50 mx3.zoho.com.
mx.zoho.com.  300 IN A 204.141.33.44
mx.zoho.com.  300 IN A 204.141.32.121
mx2.zoho.com. 300 IN A 136.143.191.44
mx3.zoho.com. 300 IN A 204.141.42.44
andinanet.net.      3600 IN MX 10 mx1.andinanet.net.
mx1.andinanet.net.  3600 IN A  200.107.10.25
iess.gob.ec.        3600 IN MX 10 mail.iess.gob.ec.
iess.gob.ec.        3600 IN A  186.46.193.10
mail.iess.gob.ec.   3600 IN A  186.46.193.25
mailinator.com.     3600 IN MX 10 mail.mailinator.com.
mailinator.com.     3600 IN MX 20 mail2.mailinator.com.
mail.mailinator.com.  300 IN A 23.239.11.30
mail2.mailinator.com. 300 IN A 45.33.18.2
gmial.com.          3600 IN MX 10 mx.gmial.com.
mx.gmial.com.       3600 IN A  45.33.83.75
"""

_NO_OR_ODD_MX = """
; Null MX, implicit MX, no mail at all
sinmail.com.ec.        3600 IN MX 0 .
sinmail.com.ec.        3600 IN A  190.152.44.10
tiendaquito.ec.        3600 IN A  190.152.44.20
solo-ipv6.ec.          3600 IN AAAA 2800:370:44::20
intranet-quito.com.ec. 3600 IN A  10.20.30.40
solotexto.com.ec.      3600 IN TXT "google-site-verification=Qm9vZGxlcyBhbmQgbm9vZGxlcw"
nocorreo-spf.com.ec.   3600 IN TXT "v=spf1 -all"
; MX hosts that are missing or point nowhere useful
mxinexistente.com.ec.     3600 IN MX 10 mail.mxinexistente.com.ec.
mxmedio.com.ec.           3600 IN MX 10 mx1.mxmedio.com.ec.
mxmedio.com.ec.           3600 IN MX 20 mx2.mxmedio.com.ec.
mx1.mxmedio.com.ec.       3600 IN A  190.152.44.30
mxlocalhost.com.ec.       3600 IN MX 10 mail.mxlocalhost.com.ec.
mail.mxlocalhost.com.ec.  3600 IN A  127.0.0.1
mxprivado.com.ec.         3600 IN MX 10 mail.mxprivado.com.ec.
mail.mxprivado.com.ec.    3600 IN A  10.0.0.5
aliasmx.com.ec.           3600 IN MX 10 correo.aliasmx.com.ec.
correo.aliasmx.com.ec.    3600 IN CNAME mx.zoho.com.
; correo.ñandú.ec
correo.xn--and-6ma2c.ec.  3600 IN MX 10 mx.xn--and-6ma2c.ec.
mx.xn--and-6ma2c.ec.      3600 IN A  190.152.44.40
"""

_FAULTY = """
; Data behind the names listed in STANDARD_FAULTS
dnsroto.com.ec.            3600 IN MX 10 mail.dnsroto.com.ec.
mail.dnsroto.com.ec.       3600 IN A  190.152.45.10
rechazado.com.ec.          3600 IN MX 10 mail.rechazado.com.ec.
mail.rechazado.com.ec.     3600 IN A  190.152.45.20
silencioso.com.ec.         3600 IN MX 10 mail.silencioso.com.ec.
mail.silencioso.com.ec.    3600 IN A  190.152.45.30
lento.com.ec.              3600 IN MX 10 mail.lento.com.ec.
mail.lento.com.ec.         3600 IN A  190.152.45.40
truncado.com.ec.           3600 IN MX 10 mail.truncado.com.ec.
mail.truncado.com.ec.      3600 IN A  190.152.45.50
mxfalla.com.ec.            3600 IN MX 10 mail.mxfalla.com.ec.
mxfalla.com.ec.            3600 IN A  190.152.45.60
mail.mxfalla.com.ec.       3600 IN A  190.152.45.61
mxhostlento.com.ec.        3600 IN MX 10 mail.mxhostlento.com.ec.
mail.mxhostlento.com.ec.   3600 IN A  190.152.45.70
nombrecambiado.com.ec.     3600 IN MX 10 mail.nombrecambiado.com.ec.
nombrecambiado.com.ec.     3600 IN A  190.152.45.80
mail.nombrecambiado.com.ec. 3600 IN A 190.152.45.81
; Hostile data
bucle.com.ec.              3600 IN CNAME bucle2.com.ec.
bucle2.com.ec.             3600 IN CNAME bucle.com.ec.
mxcomoip.com.ec.           3600 IN MX 10 200.107.10.25.
txtenorme.com.ec.          3600 IN MX 10 mail.txtenorme.com.ec.
mail.txtenorme.com.ec.     3600 IN A  190.152.45.90
"""

# 160 distinct 250-byte strings: 40 kB, too big for any UDP answer.
_HUGE_TXT = "\n".join(f'txtenorme.com.ec. 3600 IN TXT "{i:03d}-{"x" * 246}"' for i in range(160))

STANDARD_ZONE: str = "\n".join(
    [_MICROSOFT, _GOOGLE, _OTHER_PROVIDERS, _NO_OR_ODD_MX, _FAULTY, _HUGE_TXT]
)

STANDARD_FAULTS: FaultSpec = {
    "servfail": ("dnsroto.com.ec", "mxfalla.com.ec/MX"),
    "refused": ("rechazado.com.ec",),
    "drop": ("silencioso.com.ec", "mail.mxhostlento.com.ec"),
    "truncate": ("truncado.com.ec",),
    "delay": MappingProxyType({"lento.com.ec": 1.5}),
    "wrong_name": MappingProxyType({"nombrecambiado.com.ec": "gmail.com"}),
}
