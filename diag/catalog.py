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
       ("El correo de {domain} lo gestiona {provider_label}. {imap} {folders}",
        "Mail for {domain} is run by {provider_label}. {imap} {folders}")),
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
       ("El correo del IESS «{title}» está en la bandeja de entrada ({place}): llegó {when}.",
        "The IESS mail '{title}' is in the inbox ({place}): it arrived {when}."),
       _MAIL_FOUND),
    _c("mail.found_spam", WARN,
       ("El correo del IESS llegó, pero a la carpeta de spam o correo no deseado.",
        "The IESS mail arrived, but in the spam or junk folder."),
       ("El correo del IESS «{title}» está en la carpeta de spam «{place}»: llegó {when}.",
        "The IESS mail '{title}' is in the spam folder '{place}': it arrived {when}."),
       (*_MAIL_FOUND, "mark_not_spam")),
    _c("mail.found_promotions", WARN,
       ("El correo del IESS llegó, pero a Promociones (una pestaña o carpeta aparte).",
        "The IESS mail arrived, but in Promotions (a separate tab or folder)."),
       ("El correo del IESS «{title}» está en Promociones («{place}»): llegó {when}.",
        "The IESS mail '{title}' is in Promotions ('{place}'): it arrived {when}."),
       (*_MAIL_FOUND, "mark_not_spam")),
    _c("mail.found_trash", WARN,
       ("El correo del IESS llegó, pero está en la papelera.",
        "The IESS mail arrived, but it is in the trash."),
       ("El correo del IESS «{title}» está en la papelera «{place}»: llegó {when}.",
        "The IESS mail '{title}' is in the trash folder '{place}': it arrived {when}."),
       (*_MAIL_FOUND, "restore_from_trash")),
    _c("mail.found_other", WARN,
       ("El correo del IESS llegó, pero una regla o filtro lo dejó en otra carpeta.",
        "The IESS mail arrived, but a rule or filter left it in another folder."),
       ("El correo del IESS «{title}» está en la carpeta «{place}»: llegó {when}.",
        "The IESS mail '{title}' is in the folder '{place}': it arrived {when}."),
       (*_MAIL_FOUND, "review_filters")),
    _c("mail.not_found", FAIL,
       ("No hay ningún correo de recuperación del IESS en el buzón en el periodo revisado.",
        "There is no IESS recovery mail in the mailbox in the period searched."),
       ("No se encontró ningún correo del IESS desde {since} en {folder_count} carpeta(s).",
        "No IESS mail was found since {since} in {folder_count} folder(s)."),
       ("wait_then_retry", "connection_not_the_cause", *_AFTER_ADDRESS)),
    _c("mail.expired", WARN,
       ("El correo llegó, pero hace más tiempo del que dura su enlace: ya no sirve.",
        "The mail arrived, but longer ago than its link lasts: it no longer works."),
       ("El correo del IESS llegó hace {age} y su enlace dura {validity}: ya caducó.",
        "The IESS mail arrived {age} ago and its link lasts {validity}: it has expired."),
       ("request_new_link",)),
    _c("mail.delayed", WARN,
       ("El correo tardó mucho entre el envío y la llegada al buzón; el enlace puede haber "
        "caducado en el camino.",
        "The mail took long between sending and arriving in the mailbox; the link may have "
        "expired on the way."),
       ("El correo del IESS tardó {transit} en llegar al buzón.",
        "The IESS mail took {transit} to reach the mailbox."),
       ("request_new_link", "wait_then_retry")),
    _c("mail.auth_failed", INFO,
       ("Las cabeceras muestran fallos de SPF/DKIM/DMARC, un veredicto de spam o un nivel alto "
        "de correo masivo (BCL) del proveedor: eso explica por qué el mensaje terminó en spam.",
        "The headers show SPF/DKIM/DMARC failures, a spam verdict or a high bulk level (BCL) "
        "from the provider: that explains why the message ended up in spam."),
       ("El proveedor de correo marcó el mensaje: {results}.",
        "The mail provider flagged the message: {results}."),
       ("mark_not_spam",)),
    _c("mail.lookalike_sender", WARN,
       ("Un mensaje se hace pasar por el IESS desde un dominio que no es iess.gob.ec, o con "
        "enlaces fuera de él: es phishing y no cuenta como el correo de recuperación.",
        "A message poses as IESS from a domain that is not iess.gob.ec, or links outside it: it "
        "is phishing and does not count as the recovery mail."),
       ("Mensaje sospechoso que imita al IESS{where}, de {who}: {reasons}. No es el correo de "
        "recuperación.",
        "Suspicious message posing as IESS{where}, from {who}: {reasons}. It is not the "
        "recovery mail."),
       ("do_not_click_phishing",)),
    _c("message.from_iess", OK,
       ("El mensaje viene de iess.gob.ec (o un subdominio), su asunto es de clave o "
        "recuperación y sus enlaces no salen del dominio del IESS: es el correo auténtico.",
        "The message comes from iess.gob.ec (or a subdomain), its subject is about the "
        "password or recovery, and its links stay on the IESS domain: it is the genuine mail."),
       ("Correo auténtico del IESS, de {who}: «{title}», llegó {when}. Sus enlaces llevan a: "
        "{links}.",
        "Genuine IESS mail from {who}: '{title}', arrived {when}. Its links go to: {links}."),
       _MAIL_FOUND,
       warn=("El mensaje dice venir de {who}, pero su verificación DMARC falló: puede ser "
             "falsificado. «{title}», llegó {when}; sus enlaces llevan a: {links}.",
             "The message claims to come from {who}, but its DMARC check failed: it may be "
             "forged. '{title}', arrived {when}; its links go to: {links}.")),
    _c("message.iess_other", INFO,
       ("El mensaje viene del IESS, pero su asunto no es de clave ni de recuperación.",
        "The message comes from IESS, but its subject is not about the password or recovery."),
       ("Mensaje del IESS ({who}), pero «{title}» no parece el correo de recuperación de "
        "clave.",
        "A message from IESS ({who}), but '{title}' does not look like the password-recovery "
        "mail.")),
    _c("message.unrelated", INFO,
       ("El mensaje no viene del IESS ni lo imita: no es el correo de recuperación.",
        "The message neither comes from IESS nor imitates it: it is not the recovery mail."),
       ("Este mensaje de {who} («{title}») no es del IESS ni lo imita: no es el correo de "
        "recuperación.",
        "This message from {who} ('{title}') is neither from IESS nor imitates it: it is not "
        "the recovery mail.")),
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
       ("{host} rechazó el inicio de sesión de {user}: {reason}.{hint}",
        "{host} refused the sign-in of {user}: {reason}.{hint}"),
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
    _c("imap.server_error", UNKNOWN,
       ("El servidor IMAP respondió con un error o algo incomprensible y la revisión no pudo "
        "terminar: no se sabe si el correo llegó.",
        "The IMAP server answered with an error or something meaningless and the search could "
        "not finish: whether the mail arrived is unknown."),
       ("El servidor {host} falló durante la revisión: {reason}.",
        "The server {host} failed during the search: {reason}."),
       ("check_imap_server",)),
    _c("imap.host_unknown", UNKNOWN,
       ("No se sabe qué servidor IMAP usa el dominio: el buzón no se pudo revisar.",
        "Which IMAP server the domain uses is unknown: the mailbox could not be checked."),
       ("No se sabe cuál es el servidor IMAP de {domain}; indíquelo con --imap-host.",
        "The IMAP server of {domain} is not known; give it with --imap-host."),
       ("check_imap_server",)),
    _c("imap.plaintext", WARN,
       ("La sesión IMAP no fue cifrada (se permitió con --allow-plaintext): la contraseña viajó "
        "legible por la red.",
        "The IMAP session was not encrypted (allowed with --allow-plaintext): the password "
        "crossed the network readable."),
       ("La conexión con {host}:{port} no fue cifrada.",
        "The connection to {host}:{port} was not encrypted."),
       ("check_imap_server",)),
    _c("mail.folders_searched", INFO,
       ("Qué carpetas del buzón se revisaron, desde cuándo, y con cuántos comandos IMAP (solo "
        "lectura: nada se marcó como leído ni se movió).",
        "Which mailbox folders were searched, since when, and with how many IMAP commands "
        "(read-only: nothing was marked read or moved)."),
       ("Se revisaron {folder_count} carpeta(s) desde {since}: {names}. Sin cambiar nada en el "
        "buzón.",
        "Searched {folder_count} folder(s) since {since}: {names}. Nothing in the mailbox was "
        "changed.")),
    _c("mail.waited", INFO,
       ("Resultado de la espera (--wait) de un correo nuevo del IESS tras pedir otro enlace.",
        "The outcome of waiting (--wait) for a new IESS mail after requesting another link."),
       ("{outcome}", "{outcome}"),
       ("open_link_quickly",)),
]

_IDENTITY = [
    _c("id.valid", OK,
       ("El número de cédula o RUC es válido: tiene la forma correcta (longitud, provincia, "
        "tercer dígito, establecimiento) y su dígito verificador cuadra.",
        "The cédula or RUC number is valid: right shape (length, province, third digit, "
        "establishment) and its check digit matches."),
       ("{number} es válido: {description}.", "{number} is valid: {description}.")),
    _c("id.invalid", FAIL,
       ("El número no puede ser una cédula ni un RUC: el portal del IESS lo rechazará. Suele "
        "ser un dígito mal escrito, cambiado de lugar, o que falta o sobra.",
        "The number cannot be a cédula or a RUC: the IESS portal will reject it. Usually a "
        "digit is mistyped, swapped, missing or extra."),
       ("«{number}» no es válido: {reason}", "'{number}' is not valid: {reason}"),
       ("check_id_digits",)),
    _c("id.check_digit_unconfirmed", WARN,
       ("RUC de sociedad o de entidad pública cuyo dígito verificador no sigue la regla clásica "
        "del módulo 11. El SRI no asigna todos esos RUC con esa regla, así que no prueba que el "
        "número esté mal: hay que confirmarlo en la consulta de RUC del SRI.",
        "A company or public-entity RUC whose check digit does not follow the classic modulo-11 "
        "rule. The SRI does not issue all such RUCs with that rule, so this does not prove the "
        "number wrong: confirm it in the SRI's RUC look-up."),
       ("{number}: {description}, pero su dígito verificador ({check_digit}) no cumple la "
        "regla clásica ({rule}). Puede ser correcto igualmente: confírmelo en el SRI.",
        "{number}: {description}, but its check digit ({check_digit}) breaks the classic rule "
        "({rule}). It may still be right: confirm it with the SRI."),
       ("verify_ruc_at_sri",)),
    _c("id.normalized", INFO,
       ("El número traía separadores (espacios, guiones, puntos) o dígitos de otro alfabeto; se "
        "revisó solo con los dígitos 0-9. En el portal hay que escribir solo los dígitos.",
        "The number came with separators (spaces, dashes, dots) or digits from another script; "
        "it was checked with the digits 0-9 only. The portal needs the bare digits."),
       ("Se revisó como {number} ({changes}).", "Checked as {number} ({changes})."),
       ("type_id_digits_only",)),
]

_DIAGNOSE = [
    _c("mailbox.not_checked", INFO,
       ("El diagnóstico no revisó el buzón: no se dieron credenciales, la dirección no puede "
        "recibir correo, o (estado «no se sabe») la revisión no se pudo hacer.",
        "The diagnosis did not check the mailbox: no credentials were given, the address cannot "
        "receive mail, or (status 'unknown') the check could not run."),
       ("No se revisó el buzón: {reason}", "The mailbox was not checked: {reason}"),
       unknown=("No se pudo revisar el buzón: {reason}",
                "The mailbox could not be checked: {reason}")),
]

_BATCH = [
    _c("batch.bad_row", INFO,
       ("La fila del archivo trae datos dañados o no se pudo leer completa: revise esa fila en la "
        "hoja de cálculo.",
        "The row of the file carries damaged data or could not be read whole: check that row in "
        "the spreadsheet."),
       ("Fila {row}: {problem}", "Row {row}: {problem}"),
       ("repair_export",),
       fail=("Fila {row}: {problem} No se pudo revisar la dirección.",
             "Row {row}: {problem} The address could not be checked.")),
]

CODES: dict[str, CodeInfo] = {
    info.code: info for info in (*_ADDRESS, *_DOMAIN, *_MAIL, *_IDENTITY, *_DIAGNOSE, *_BATCH)
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
