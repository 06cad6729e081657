"""Every finding code: its default status, what it means, its message and its advice ids."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from diag.findings import Finding, Status
from diag.i18n import Lang, Text, display


@dataclass(frozen=True)
class CodeInfo:
    code: str
    status: Status
    meaning: Text
    message: Text  # a template over the finding's details
    advice: tuple[str, ...] = ()
    by_status: Mapping[Status, Text] = field(default_factory=dict)  # wording per non-default status

    def template(self, status: Status) -> Text:
        return self.by_status.get(status, self.message)


def _c(code: str, status: Status, meaning: tuple[str, str], message: tuple[str, str],
       advice: tuple[str, ...] = (), **by_status: tuple[str, str]) -> CodeInfo:
    extra = {Status(key): Text(*pair) for key, pair in by_status.items()}
    return CodeInfo(code, status, Text(*meaning), Text(*message), advice, extra)


OK, INFO, WARN, FAIL, UNKNOWN = Status.OK, Status.INFO, Status.WARN, Status.FAIL, Status.UNKNOWN
_AFTER_ADDRESS = ("verify_address_active", "update_address_at_cau")

_ADDRESS = [
    _c("address.valid", OK,
       ("La dirección está bien escrita según las reglas del correo (RFC 5321/5322/6531).",
        "The address is well formed under the mail standards (RFC 5321/5322/6531)."),
       ("La dirección {address} está bien escrita.", "The address {address} is well formed.")),
    _c("address.invalid", FAIL,
       ("La dirección no cumple las reglas del correo: ningún mensaje puede llegar a ella.",
        "The address breaks the mail rules: no message can reach it."),
       ("La dirección «{input}» no es válida: {reason}",
        "The address '{input}' is not valid: {reason}"),
       ("fix_typo", *_AFTER_ADDRESS)),
    _c("address.invisible_characters", WARN,
       ("La dirección trae caracteres invisibles (espacios de ancho cero, marcas de dirección, "
        "caracteres de control), típicos de copiar desde chats o PDF.",
        "The address carries invisible characters (zero-width spaces, direction marks, control "
        "characters), typical of text copied from chats or PDFs."),
       ("La dirección tiene {count} carácter(es) invisible(s) ({names}) en la(s) posición(es) "
        "{positions}. Sin ellos: {cleaned}",
        "The address has {count} invisible character(s) ({names}) at position(s) {positions}. "
        "Without them: {cleaned}"),
       ("remove_invisible_characters",)),
    _c("address.normalized", INFO,
       ("La herramienta corrigió detalles que no cambian el buzón (espacios, mayúsculas del "
        "dominio, forma Unicode). Compare con lo que el IESS tiene registrado.",
        "The tool corrected details that do not change the mailbox (spaces, letter case of the "
        "domain, Unicode form). Compare with what IESS has on file."),
       ("Se revisó como {address} ({changes}).", "Checked as {address} ({changes})."),
       ("verify_address_active",)),
    _c("address.typo_suspected", WARN,
       ("El dominio se parece mucho al de un proveedor conocido: probablemente es un error de "
        "escritura. Un dominio parecido que sí existe puede ser de otra persona.",
        "The domain is very close to a well-known provider's: probably a typing mistake. A "
        "look-alike domain that exists may belong to someone else."),
       ("El dominio {domain} parece un error de escritura. ¿Quiso decir {suggestion}?",
        "The domain {domain} looks like a typing mistake. Did you mean {suggestion}?"),
       ("fix_typo", "update_address_at_cau")),
    _c("address.disposable", WARN,
       ("El dominio es de un servicio de correo temporal o desechable.",
        "The domain belongs to a temporary, throwaway mail service."),
       ("{domain} es un servicio de correo temporal (desechable).",
        "{domain} is a temporary (throwaway) mail service."),
       ("avoid_disposable", "update_address_at_cau")),
]

_DOMAIN = [
    _c("domain.not_found", FAIL,
       ("El dominio no existe en el DNS (NXDOMAIN): nadie puede recibir correo en él.",
        "The domain does not exist in DNS (NXDOMAIN): nobody can receive mail there."),
       ("El dominio {domain} no existe.", "The domain {domain} does not exist."),
       ("fix_typo", *_AFTER_ADDRESS)),
    _c("domain.null_mx", FAIL,
       ("El dominio publica un «MX nulo» (RFC 7505): declara que no acepta ningún correo.",
        "The domain publishes a null MX (RFC 7505): it declares that it accepts no mail."),
       ("El dominio {domain} declara que no acepta correo (MX nulo).",
        "The domain {domain} declares that it accepts no mail (null MX)."),
       ("use_another_address", "update_address_at_cau")),
    _c("domain.no_mail_server", FAIL,
       ("El dominio no tiene registros MX ni una dirección pública a la que entregar correo.",
        "The domain has no MX records and no public address to deliver mail to."),
       ("El dominio {domain} no tiene servidor de correo.",
        "The domain {domain} has no mail server."),
       ("fix_typo", "use_another_address", "update_address_at_cau")),
    _c("domain.implicit_mx", WARN,
       ("Sin registros MX, el correo se entrega a la dirección del propio dominio (MX implícito, "
        "RFC 5321). Funciona, pero es raro en dominios de correo reales.",
        "Without MX records, mail is delivered to the domain's own address (implicit MX, "
        "RFC 5321). It works but is rare for real mail domains."),
       ("El dominio {domain} no publica MX; el correo iría a su propia dirección ({addresses}).",
        "The domain {domain} publishes no MX; mail would go to its own address ({addresses})."),
       ("verify_address_active", "contact_domain_admin")),
    _c("domain.spf_reject_all", WARN,
       ("El dominio no tiene MX y su SPF es «v=spf1 -all»: declara que no envía correo, señal de "
        "que no es un dominio de correo.",
        "The domain has no MX and its SPF is 'v=spf1 -all': it declares it sends no mail, a sign "
        "that it is not a mail domain."),
       ("El dominio {domain} no tiene MX y su SPF dice que no maneja correo: probablemente no es "
        "un dominio de correo.",
        "The domain {domain} has no MX and its SPF says it handles no mail: probably not a mail "
        "domain."),
       ("verify_address_active", "use_another_address")),
    _c("mx.unresolvable", FAIL,
       ("Los servidores de correo (MX) del dominio no tienen dirección IP: el correo no se puede "
        "entregar a ellos.",
        "The domain's mail servers (MX) have no IP address: mail cannot be delivered to them."),
       ("Ninguno de los servidores de correo de {domain} tiene dirección ({hosts}): el correo no "
        "se puede entregar.",
        "None of the mail servers of {domain} has an address ({hosts}): mail cannot be "
        "delivered."),
       ("contact_domain_admin", "use_another_address"),
       warn=("Algunos servidores de correo de {domain} no tienen dirección ({hosts}); el correo "
             "usará los demás.",
             "Some mail servers of {domain} have no address ({hosts}); mail will use the "
             "others.")),
    _c("mx.non_public_address", FAIL,
       ("Los servidores de correo solo tienen direcciones privadas, locales o reservadas: desde "
        "internet no se les puede entregar correo.",
        "The mail servers have only private, loopback or reserved addresses: mail from the "
        "internet cannot reach them."),
       ("Los servidores de correo de {domain} solo tienen direcciones no públicas ({hosts}).",
        "The mail servers of {domain} have only non-public addresses ({hosts})."),
       ("contact_domain_admin", "use_another_address"),
       warn=("Algunos servidores de correo de {domain} solo tienen direcciones no públicas "
             "({hosts}).",
             "Some mail servers of {domain} have only non-public addresses ({hosts}).")),
    _c("dns.inconclusive", UNKNOWN,
       ("El DNS no respondió (tiempo agotado, SERVFAIL o rechazo): no se sabe si el dominio "
        "recibe correo. No es un veredicto sobre la dirección.",
        "DNS did not answer (timeout, SERVFAIL or refused): whether the domain receives mail is "
        "unknown. It is not a verdict on the address."),
       ("No se pudo completar la consulta DNS de {domain}: {failures}.",
        "The DNS lookup for {domain} could not be completed: {failures}."),
       ("retry_dns_later",)),
    _c("provider.detected", INFO,
       ("Qué proveedor gestiona el buzón, según los servidores MX del dominio, y dónde guarda "
        "el spam y las promociones.",
        "Which provider runs the mailbox, from the domain's MX servers, and where it keeps spam "
        "and promotions."),
       ("El correo de {domain} lo gestiona {provider} (IMAP: {imap_host}). {folders}",
        "Mail for {domain} is run by {provider} (IMAP: {imap_host}). {folders}")),
    _c("domain.accepts_mail", OK,
       ("El dominio acepta correo: tiene servidores de correo con dirección pública.",
        "The domain accepts mail: it has mail servers with public addresses."),
       ("El dominio {domain} acepta correo (servidores: {mx_hosts}).",
        "The domain {domain} accepts mail (servers: {mx_hosts})."),
       ("check_spam_folders",)),
]

_MAIL_FOUND = ("open_link_quickly",)
_MAIL = [
    _c("mail.found_inbox", OK,
       ("El correo de recuperación del IESS está en la bandeja de entrada.",
        "The IESS recovery mail is in the inbox."),
       ("El correo del IESS llegó a la bandeja de entrada ({folder}) el {arrived}.",
        "The IESS mail arrived in the inbox ({folder}) at {arrived}."),
       _MAIL_FOUND),
    _c("mail.found_spam", WARN,
       ("El correo del IESS llegó, pero a la carpeta de spam o correo no deseado.",
        "The IESS mail arrived, but in the spam or junk folder."),
       ("El correo del IESS está en la carpeta de spam «{folder}» (llegó el {arrived}).",
        "The IESS mail is in the spam folder '{folder}' (arrived {arrived})."),
       (*_MAIL_FOUND, "mark_not_spam")),
    _c("mail.found_promotions", WARN,
       ("El correo del IESS llegó, pero a Promociones (una pestaña o carpeta aparte).",
        "The IESS mail arrived, but in Promotions (a separate tab or folder)."),
       ("El correo del IESS está en Promociones «{folder}» (llegó el {arrived}).",
        "The IESS mail is in Promotions '{folder}' (arrived {arrived})."),
       (*_MAIL_FOUND, "mark_not_spam")),
    _c("mail.found_trash", WARN,
       ("El correo del IESS llegó, pero está en la papelera.",
        "The IESS mail arrived, but it is in the trash."),
       ("El correo del IESS está en la papelera «{folder}» (llegó el {arrived}).",
        "The IESS mail is in the trash folder '{folder}' (arrived {arrived})."),
       (*_MAIL_FOUND, "restore_from_trash")),
    _c("mail.found_other", WARN,
       ("El correo del IESS llegó, pero una regla o filtro lo dejó en otra carpeta.",
        "The IESS mail arrived, but a rule or filter left it in another folder."),
       ("El correo del IESS está en la carpeta «{folder}» (llegó el {arrived}).",
        "The IESS mail is in the folder '{folder}' (arrived {arrived})."),
       (*_MAIL_FOUND, "review_filters")),
    _c("mail.not_found", FAIL,
       ("No hay ningún correo de recuperación del IESS en el buzón en el periodo revisado.",
        "There is no IESS recovery mail in the mailbox in the period searched."),
       ("No se encontró ningún correo del IESS desde {since} en {folder_count} carpeta(s).",
        "No IESS mail was found since {since} in {folder_count} folder(s)."),
       ("wait_then_retry", "check_spam_folders", "connection_not_the_cause",
        *_AFTER_ADDRESS)),
    _c("mail.expired", WARN,
       ("El correo llegó, pero hace más tiempo del que dura su enlace: ya no sirve.",
        "The mail arrived, but longer ago than its link lasts: it no longer works."),
       ("El correo del IESS más reciente llegó hace {age}; su enlace dura {validity}: ya caducó.",
        "The latest IESS mail arrived {age} ago; its link lasts {validity}: it has expired."),
       ("request_new_link",)),
    _c("mail.delayed", WARN,
       ("El correo tardó mucho entre el envío y la llegada al buzón; el enlace puede haber "
        "caducado en el camino.",
        "The mail took long between sending and arriving in the mailbox; the link may have "
        "expired on the way."),
       ("El correo del IESS tardó {transit} en llegar.",
        "The IESS mail took {transit} to arrive."),
       ("request_new_link", "wait_then_retry")),
    _c("mail.auth_failed", INFO,
       ("Las cabeceras muestran fallos de SPF/DKIM/DMARC o un veredicto de spam del proveedor: "
        "eso explica por qué el mensaje terminó en spam.",
        "The headers show SPF/DKIM/DMARC failures or the provider's spam verdict: that explains "
        "why the message ended up in spam."),
       ("El proveedor marcó el mensaje: {results}.",
        "The provider flagged the message: {results}."),
       ("mark_not_spam",)),
    _c("mail.lookalike_sender", WARN,
       ("Un mensaje se hace pasar por el IESS desde un dominio que no es iess.gob.ec, o con "
        "enlaces fuera de él: es phishing y no cuenta como el correo de recuperación.",
        "A message poses as IESS from a domain that is not iess.gob.ec, or links outside it: it "
        "is phishing and does not count as the recovery mail."),
       ("Mensaje sospechoso que imita al IESS: de {sender} ({reason}).",
        "Suspicious message posing as IESS: from {sender} ({reason})."),
       ("do_not_click_phishing",)),
    _c("mailbox.full", FAIL,
       ("El buzón alcanzó su cuota: el correo nuevo se devuelve al remitente y nunca aparece.",
        "The mailbox has reached its quota: new mail bounces back and never shows up."),
       ("El buzón está lleno ({usage_kib} KiB de {limit_kib} KiB).",
        "The mailbox is full ({usage_kib} KiB of {limit_kib} KiB)."),
       ("free_mailbox_space",)),
    _c("mailbox.nearly_full", WARN,
       ("El buzón está cerca de su cuota: pronto rechazará correo nuevo.",
        "The mailbox is close to its quota: it will soon refuse new mail."),
       ("El buzón está casi lleno ({percent}% usado).",
        "The mailbox is nearly full ({percent}% used)."),
       ("free_mailbox_space",)),
    _c("imap.login_failed", UNKNOWN,
       ("El servidor de correo rechazó el inicio de sesión: no se pudo revisar el buzón.",
        "The mail server refused the sign-in: the mailbox could not be checked."),
       ("{host} rechazó el inicio de sesión de {user}.", "{host} refused the sign-in of {user}."),
       ("check_credentials",)),
    _c("imap.oauth_required", UNKNOWN,
       ("El proveedor no acepta contraseñas por IMAP; exige OAuth2 o una contraseña de "
        "aplicación.",
        "The provider does not accept passwords over IMAP; it requires OAuth2 or an app "
        "password."),
       ("{provider} no acepta esta contraseña por IMAP: {requirement}.",
        "{provider} does not accept this password over IMAP: {requirement}."),
       ("use_microsoft_signin", "check_credentials")),
    _c("imap.unreachable", UNKNOWN,
       ("No se pudo conectar con el servidor de correo: no se sabe si el correo llegó.",
        "Could not connect to the mail server: whether the mail arrived is unknown."),
       ("No se pudo conectar con {host}:{port} ({reason}).",
        "Could not connect to {host}:{port} ({reason})."),
       ("check_imap_server",)),
    _c("imap.tls_failed", UNKNOWN,
       ("La conexión segura (TLS) con el servidor falló: no se envió ninguna credencial.",
        "The secure (TLS) connection to the server failed: no credential was sent."),
       ("La conexión segura con {host} falló: {reason}.",
        "The secure connection to {host} failed: {reason}."),
       ("check_certificate",)),
]

_IDENTITY = [
    _c("id.valid", OK,
       ("El número de cédula o RUC es válido: tiene la forma correcta y su dígito verificador "
        "cuadra.",
        "The cédula or RUC number is valid: right shape, and its check digit matches."),
       ("{number} es válido: {kind}.", "{number} is valid: {kind}.")),
    _c("id.invalid", FAIL,
       ("El número no es una cédula ni un RUC válidos: el portal del IESS lo rechazará.",
        "The number is not a valid cédula or RUC: the IESS portal will reject it."),
       ("{number} no es válido: {reason}", "{number} is not valid: {reason}"),
       ("check_id_digits",)),
]

CODES: dict[str, CodeInfo] = {
    info.code: info for info in (*_ADDRESS, *_DOMAIN, *_MAIL, *_IDENTITY)
}


def make(code: str, status: Status | None = None, *, texts: Mapping[str, Text] | None = None,
         advice: tuple[str, ...] | None = None, **details: Any) -> Finding:
    """Build a finding from the catalog; `texts` are already-bilingual pieces of the message."""
    info = CODES[code]
    chosen = info.status if status is None else status
    template = info.template(chosen)
    pieces = dict(texts or {})
    message = Text(
        _fill(template.es, details, pieces, Lang.ES), _fill(template.en, details, pieces, Lang.EN)
    )
    return Finding(code, chosen, message, details, info.advice if advice is None else advice)


def _fill(template: str, details: Mapping[str, Any], texts: Mapping[str, Text],
          lang: Lang) -> str:
    values = {key: display(value) for key, value in details.items()}
    values.update({key: text.get(lang) for key, text in texts.items()})
    return template.format(**values)
