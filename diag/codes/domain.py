"""Codes of the domain and its mail servers (diag.deliverability)."""

from __future__ import annotations

from diag.codes.model import AFTER_ADDRESS, FAIL, INFO, OK, UNKNOWN, WARN, CodeInfo, entry

CODES: list[CodeInfo] = [
    entry("domain.not_found", FAIL,
          ("El dominio no existe en el DNS (NXDOMAIN): nadie puede recibir correo en él.",
           "The domain does not exist in DNS (NXDOMAIN): nobody can receive mail there."),
          ("El dominio {domain} no existe.", "The domain {domain} does not exist."),
          ("fix_typo", *AFTER_ADDRESS)),
    entry("domain.null_mx", FAIL,
          ("El dominio publica un «MX nulo» (RFC 7505): declara que no acepta ningún correo.",
           "The domain publishes a null MX (RFC 7505): it declares that it accepts no mail."),
          ("El dominio {domain} declara que no acepta correo (MX nulo).",
           "The domain {domain} declares that it accepts no mail (null MX)."),
          ("use_another_address", "update_address_at_cau")),
    entry("domain.no_mail_server", FAIL,
          ("El dominio no tiene registros MX ni una dirección IP pública a la que entregar correo.",
           "The domain has no MX records and no public IP address to deliver mail to."),
          ("El dominio {domain} no tiene servidor de correo.",
           "The domain {domain} has no mail server."),
          ("fix_typo", "use_another_address", "update_address_at_cau")),
    entry("domain.implicit_mx", WARN,
          ("Sin registros MX, el correo se entrega a la dirección IP del propio dominio (MX "
           "implícito, RFC 5321). Funciona, pero es raro en dominios de correo reales.",
           "Without MX records, mail is delivered to the domain's own IP address (implicit MX, "
           "RFC 5321). It works but is rare for real mail domains."),
          ("El dominio {domain} no publica servidores de correo (MX); el correo iría a su propia "
           "dirección IP ({addresses}).",
           "The domain {domain} publishes no mail servers (MX); mail would go to its own IP "
           "address ({addresses})."),
          ("verify_address_active", "contact_domain_admin")),
    entry("domain.spf_reject_all", WARN,
          ("El dominio no tiene MX y su SPF es «v=spf1 -all»: declara que no envía correo, señal "
           "de "
           "que no es un dominio de correo.",
           "The domain has no MX and its SPF is 'v=spf1 -all': it declares it sends no mail, a "
           "sign "
           "that it is not a mail domain."),
          ("El dominio {domain} no tiene MX y su SPF dice que no maneja correo: probablemente no "
           "es "
           "un dominio de correo.",
           "The domain {domain} has no MX and its SPF says it handles no mail: probably not a mail "
           "domain."),
          ("verify_address_active", "use_another_address")),
    entry("mx.unresolvable", FAIL,
          ("Los servidores de correo (MX) del dominio no tienen dirección IP: el correo no se "
           "puede "
           "entregar a ellos.",
           "The domain's mail servers (MX) have no IP address: mail cannot be delivered to them."),
          ("Ningún servidor de correo de {domain} tiene dirección IP ({hosts}): el correo no se "
           "les puede entregar.",
           "None of the mail servers of {domain} has an IP address ({hosts}): mail cannot be "
           "delivered."),
          ("contact_domain_admin", "use_another_address"),
          warn=("{hosts|Un servidor de correo|Algunos servidores de correo} de {domain} "
                "{hosts|no tiene|no tienen} dirección IP ({hosts}); el correo usará los demás.",
                "{hosts|One mail server|Some mail servers} of {domain} {hosts|has|have} no IP "
                "address ({hosts}); mail will use the others.")),
    entry("mx.non_public_address", FAIL,
          ("Los servidores de correo solo tienen direcciones IP privadas, locales o reservadas: "
           "desde internet no se les puede entregar correo.",
           "The mail servers have only private, loopback or reserved addresses: mail from the "
           "internet cannot reach them."),
          ("Los servidores de correo de {domain} solo tienen direcciones IP no públicas ({hosts}).",
           "The mail servers of {domain} have only non-public addresses ({hosts})."),
          ("contact_domain_admin", "use_another_address"),
          warn=("Algunos servidores de correo de {domain} solo tienen direcciones IP no públicas "
                "({hosts}).",
                "Some mail servers of {domain} have only non-public addresses ({hosts}).")),
    entry("dns.inconclusive", UNKNOWN,
          ("El DNS no respondió (se agotó el tiempo, dio un error o rechazó la consulta) o "
           "respondió como un filtro (Pi-hole, AdGuard, filtro de empresa): no se sabe si el "
           "dominio recibe correo. No es un veredicto sobre la dirección.",
           "DNS did not answer (timeout, SERVFAIL or refused) or answered as a filter does "
           "(Pi-hole, AdGuard, a company filter): whether the domain receives mail is unknown. "
           "It is not a verdict on the address."),
          ("No se pudo completar la consulta DNS de {domain} ({failures}).",
           "The DNS lookup for {domain} could not be completed ({failures})."),
          ("retry_dns_later",)),
    entry("provider.detected", INFO,
          ("Qué proveedor gestiona el buzón, según los servidores MX del dominio, y dónde guarda "
           "el spam y las promociones.",
           "Which provider runs the mailbox, from the domain's MX servers, and where it keeps spam "
           "and promotions."),
          ("El correo de {domain} lo gestiona {provider_label}. {imap} {folders}",
           "Mail for {domain} is run by {provider_label}. {imap} {folders}")),
    entry("domain.accepts_mail", OK,
          ("El dominio acepta correo: tiene servidores de correo con dirección IP pública.",
           "The domain accepts mail: it has mail servers with public addresses."),
          ("El dominio {domain} acepta correo (servidores: {mx_hosts}).",
           "The domain {domain} accepts mail (servers: {mx_hosts})."),
          ("check_spam_folders",)),
]

