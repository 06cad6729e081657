"""Codes of the sending domain's health (diag.sender): SPF, DMARC, DKIM, servers, blocklists."""

from __future__ import annotations

from diag.codes.model import FAIL, INFO, OK, UNKNOWN, WARN, CodeInfo, entry

# What to do when the cause is on the sender's side: tell the person, then escalate to IESS.
SENDER_SIDE = ("sender_side_not_your_address", "report_sender_to_iess")

CODES: list[CodeInfo] = [
    entry("spf.ok", OK,
          ("El dominio remitente publica un SPF válido, dentro de los límites del RFC 7208 (10 "
           "consultas DNS, 2 consultas vacías).",
           "The sending domain publishes a valid SPF record, within the RFC 7208 limits (10 DNS "
           "lookups, 2 void lookups)."),
          ("El SPF de {domain} es válido: usa {dns_lookups} de las 10 consultas DNS permitidas.",
           "The SPF record of {domain} is valid: it uses {dns_lookups} of the 10 DNS lookups "
           "allowed.")),
    entry("spf.missing", FAIL,
          ("El dominio remitente no publica SPF: Gmail, Outlook y Yahoo exigen SPF o DKIM, y "
           "ambos a quien envía correo masivo; sin él, el correo llega a spam o se rechaza.",
           "The sending domain publishes no SPF record: Gmail, Outlook and Yahoo require SPF or "
           "DKIM, and both from bulk senders; without it mail goes to spam or is rejected."),
          ("{domain} no publica SPF: los proveedores de correo pueden rechazar o mandar a spam "
           "sus mensajes.",
           "{domain} publishes no SPF record: mail providers may reject its mail or send it to "
           "spam."),
          SENDER_SIDE),
    entry("spf.permerror", FAIL,
          ("El SPF del dominio remitente tiene un error permanente (RFC 7208): cada receptor lo "
           "evalúa como fallido, y el correo depende solo de DKIM para pasar DMARC.",
           "The sending domain's SPF has a permanent error (RFC 7208): every receiver evaluates "
           "it as failed, and the mail depends on DKIM alone to pass DMARC."),
          ("El SPF de {domain} no sirve: {why}. Los receptores lo tratan como un fallo.",
           "The SPF record of {domain} is broken: {why}. Receivers treat it as a failure."),
          SENDER_SIDE),
    entry("spf.allows_all", WARN,
          ("El SPF termina en «+all»: autoriza a cualquier servidor del mundo a enviar en nombre "
           "del dominio, y los filtros lo ven como señal de correo falsificado.",
           "The SPF record ends in '+all': it authorises every server in the world to send for "
           "the domain, and filters see that as a sign of forged mail."),
          ("El SPF de {domain} autoriza a cualquier servidor a enviar en su nombre: no protege "
           "contra la suplantación y resta confianza a su correo.",
           "The SPF record of {domain} authorises any server to send in its name: it does not "
           "protect against spoofing and lowers trust in its mail."),
          ("report_sender_weakness",)),
    entry("spf.weak_all", WARN,
          ("El SPF termina en «?all» o no dice qué hacer con el resto de servidores: el resultado "
           "para un servidor no autorizado es neutro.",
           "The SPF record ends in '?all' or says nothing about other servers: the result for an "
           "unauthorised server is neutral."),
          ("El SPF de {domain} no indica que se rechace el correo de servidores no autorizados.",
           "The SPF record of {domain} does not say to refuse mail from unauthorised servers."),
          ("report_sender_weakness",)),
    entry("spf.inconclusive", UNKNOWN,
          ("El DNS falló mientras se evaluaba el SPF: no se sabe si el SPF es válido. No es un "
           "veredicto sobre el remitente.",
           "DNS failed while the SPF record was evaluated: whether it is valid is unknown. It is "
           "not a verdict on the sender."),
          ("No se pudo evaluar completo el SPF de {domain}: el DNS no respondió a todas las "
           "consultas.",
           "The SPF record of {domain} could not be evaluated in full: DNS did not answer every "
           "query."),
          ("retry_dns_later",)),
    entry("spf.senders", INFO,
          ("Las direcciones y rangos que el SPF autoriza a enviar correo del dominio; son las que "
           "se revisan en las listas de bloqueo.",
           "The addresses and ranges the SPF record authorises to send the domain's mail; they "
           "are the ones checked against blocklists."),
          ("El SPF de {domain} autoriza {senders_text} para enviar su correo.",
           "The SPF record of {domain} authorises {senders_text} to send its mail.")),
    entry("dmarc.policy", OK,
          ("La política DMARC del dominio remitente: qué hacen los receptores con el correo que "
           "no se autentica (nada, spam o rechazo), y para qué parte del correo.",
           "The sending domain's DMARC policy: what receivers do with mail that fails "
           "authentication (nothing, spam or rejection), and for how much of it."),
          ("La política DMARC de {domain}: {policy_text}.",
           "The DMARC policy of {domain}: {policy_text}."),
          info=("La política DMARC de {domain} solo observa: {policy_text}.",
                "The DMARC policy of {domain} only monitors: {policy_text}.")),
    entry("dmarc.missing", WARN,
          ("El dominio remitente no publica DMARC: Gmail, Yahoo y Outlook lo exigen a quien envía "
           "correo masivo, y sin él su correo puede ir a spam o ser rechazado.",
           "The sending domain publishes no DMARC record: Gmail, Yahoo and Outlook require one "
           "from bulk senders, and without it their mail may go to spam or be rejected."),
          ("{domain} no publica DMARC.", "{domain} publishes no DMARC record."),
          ("report_sender_weakness",)),
    entry("dmarc.invalid", WARN,
          ("El registro DMARC no es válido (falta la política o hay varios registros): los "
           "receptores lo ignoran como si no existiera.",
           "The DMARC record is not valid (no policy, or several records): receivers ignore it "
           "as if there were none."),
          ("El registro DMARC de {domain} no es válido y los receptores lo ignoran.",
           "The DMARC record of {domain} is not valid and receivers ignore it."),
          ("report_sender_weakness",)),
    entry("dmarc.inconclusive", UNKNOWN,
          ("El DNS no respondió la consulta DMARC: no se sabe qué política tiene el dominio.",
           "DNS did not answer the DMARC query: the domain's policy is unknown."),
          ("No se pudo consultar el DMARC de {domain}: el DNS no respondió.",
           "The DMARC record of {domain} could not be looked up: DNS did not answer."),
          ("retry_dns_later",)),
    entry("dmarc.rejects_own_mail", FAIL,
          ("La política DMARC es estricta, el SPF falla y no hay una firma DKIM comprobada: los "
           "receptores rechazan o mandan a spam el correo del propio dominio.",
           "The DMARC policy is strict, SPF fails and there is no verified DKIM signature: "
           "receivers reject the domain's own mail or send it to spam."),
          ("Con el SPF roto y sin clave DKIM en los selectores indicados, la política DMARC de "
           "{domain} hace que los receptores {consequence} su propio correo.",
           "With SPF broken and no DKIM key at the selectors given, the DMARC policy of {domain} "
           "makes receivers {consequence} its own mail."),
          SENDER_SIDE,
          warn=("Con el SPF roto, la política DMARC de {domain} hace que los receptores "
                "{consequence} todo correo que no lleve una firma DKIM válida (indique el "
                "selector con --dkim-selector para saberlo).",
                "With SPF broken, the DMARC policy of {domain} makes receivers {consequence} "
                "any mail without a valid DKIM signature (give the selector with "
                "--dkim-selector to find out).")),
    entry("dkim.key_found", OK,
          ("El selector DKIM indicado publica una clave pública: los receptores pueden comprobar "
           "la firma.",
           "The given DKIM selector publishes a public key: receivers can verify the signature."),
          ("El selector DKIM «{selector}» de {domain} publica su clave.",
           "The DKIM selector '{selector}' of {domain} publishes its key.")),
    entry("dkim.key_missing", WARN,
          ("El selector DKIM indicado no publica clave (o la clave está vacía, es decir, "
           "revocada): las firmas con ese selector no se pueden comprobar.",
           "The given DKIM selector publishes no key (or an empty, revoked one): signatures with "
           "that selector cannot be verified."),
          ("El selector DKIM «{selector}» de {domain} no publica una clave válida.",
           "The DKIM selector '{selector}' of {domain} publishes no valid key."),
          ("report_sender_weakness",)),
    entry("dkim.inconclusive", UNKNOWN,
          ("El DNS no respondió la consulta del selector DKIM: no se sabe si tiene clave.",
           "DNS did not answer the DKIM selector query: whether it has a key is unknown."),
          ("No se pudo consultar el selector DKIM «{selector}» de {domain}.",
           "The DKIM selector '{selector}' of {domain} could not be looked up."),
          ("retry_dns_later",)),
    entry("dkim.not_checked", INFO,
          ("Los selectores DKIM no se pueden descubrir por DNS: sin --dkim-selector no se revisa "
           "ninguna clave.",
           "DKIM selectors cannot be discovered through DNS: without --dkim-selector no key is "
           "checked."),
          ("No se revisó DKIM de {domain}: indique con --dkim-selector el selector que figura "
           "en la firma DKIM de un correo recibido.",
           "DKIM of {domain} was not checked: give with --dkim-selector the selector named in "
           "the DKIM signature of a received mail.")),
    entry("sender.mta_sts", INFO,
          ("Si el dominio publica MTA-STS (cifrado obligatorio hacia sus servidores de correo). "
           "Es informativo: no afecta al correo que el dominio envía.",
           "Whether the domain publishes MTA-STS (mandatory encryption towards its mail "
           "servers). Informational: it does not affect the mail the domain sends."),
          ("MTA-STS de {domain}: {presence_text}.", "MTA-STS of {domain}: {presence_text}.")),
    entry("sender.tls_rpt", INFO,
          ("Si el dominio publica TLS-RPT (recibe informes de fallos de cifrado). Es "
           "informativo.",
           "Whether the domain publishes TLS-RPT (receives reports of encryption failures). "
           "Informational."),
          ("TLS-RPT de {domain}: {presence_text}.", "TLS-RPT of {domain}: {presence_text}.")),
    entry("blocklist.listed", FAIL,
          ("Un servidor que envía el correo del dominio está en una lista de bloqueo: los "
           "receptores que la consultan rechazan o mandan a spam su correo.",
           "A server that sends the domain's mail is on a blocklist: receivers that consult it "
           "reject its mail or send it to spam."),
          ("El servidor de envío {address} de {domain} está en la lista de bloqueo {blocklist}: "
           "los servidores de correo que la consultan rechazan sus mensajes.",
           "The sending server {address} of {domain} is on the {blocklist} blocklist: mail "
           "servers that consult it refuse its messages."),
          (*SENDER_SIDE, "request_delisting")),
    entry("blocklist.unknown", UNKNOWN,
          ("La lista de bloqueo no respondió, o respondió que no atiende consultas desde este "
           "DNS (Spamhaus lo hace con los DNS públicos): no se sabe si el servidor está listado.",
           "The blocklist did not answer, or answered that it does not serve queries from this "
           "DNS (Spamhaus does so for public resolvers): whether the server is listed is "
           "unknown."),
          ("No se sabe si {address} está en {blocklist}: {why}.",
           "Whether {address} is on {blocklist} is unknown: {why}."),
          ("blocklist_own_resolver", "retry_dns_later")),
    entry("blocklist.clean", OK,
          ("Ninguno de los servidores de envío revisados aparece en las listas de bloqueo "
           "consultadas.",
           "None of the sending servers checked appears on the blocklists consulted."),
          ("{servers_text} {lists}.", "{servers_text} {lists}.")),
    entry("blocklist.not_covered", INFO,
          ("Rangos de red y direcciones IPv6 que el SPF autoriza no se revisan uno por uno en las "
           "listas de bloqueo: el resultado no los cubre.",
           "Network ranges and IPv6 addresses that SPF authorises are not checked one by one "
           "against blocklists: the result does not cover them."),
          ("No se revisaron en las listas de bloqueo: {left_out}.",
           "Not checked against blocklists: {left_out}.")),
    entry("blocklist.not_checked", UNKNOWN,
          ("No hubo ninguna dirección de envío que revisar en las listas de bloqueo (el SPF no se "
           "pudo leer o solo autoriza rangos).",
           "There was no sending address to check against blocklists (the SPF record could not "
           "be read or authorises only ranges)."),
          ("No se revisó ninguna lista de bloqueo para {domain}: no se conoce ninguna dirección "
           "de envío (indique una con --sending-ip).",
           "No blocklist was checked for {domain}: no sending address is known (give one with "
           "--sending-ip)."),
          ("give_sending_ip",)),
    entry("origin.server", INFO,
          ("El servidor que entregó el correo al proveedor del destinatario, según las "
           "cabeceras de recepción que escribió el propio proveedor; las de más abajo las puede "
           "escribir cualquiera y no se leen.",
           "The server that handed the mail to the recipient's provider, as told by the trace "
           "headers the provider itself wrote; those further down can be written by anyone and "
           "are not read."),
          ("{receiver_text} recibió este correo del servidor {address}{host_text}.",
           "{receiver_text} received this mail from the server {address}{host_text}.")),
    entry("origin.unknown", INFO,
          ("Las cabeceras de recepción no dicen con certeza qué servidor entregó el correo: no "
           "se adivina, y por eso no se revisa ningún servidor en las listas de bloqueo.",
           "The trace headers do not tell for sure which server delivered the mail: it is not "
           "guessed, so no server is checked against blocklists."),
          ("No se sabe qué servidor entregó este correo: {why}. No se revisó ninguna lista de "
           "bloqueo.",
           "Which server delivered this mail is unknown: {why}. No blocklist was checked.")),
    entry("origin.not_checked", INFO,
          ("El servidor que entregó el correo no se revisó en las listas de bloqueo; el motivo "
           "acompaña al mensaje.",
           "The server that delivered the mail was not checked against blocklists; the reason "
           "comes with the message."),
          ("El servidor {address} no se revisó en las listas de bloqueo: {why}.",
           "The server {address} was not checked against blocklists: {why}.")),
]
