"""Codes of the mailbox search and of the messages found in it (diag.mailbox, diag.message)."""

from __future__ import annotations

from diag.codes.model import AFTER_ADDRESS, FAIL, INFO, OK, UNKNOWN, WARN, CodeInfo, entry

_MAIL_FOUND = ("open_link_quickly",)
CODES: list[CodeInfo] = [
    entry("mail.found_inbox", OK,
          ("El correo de recuperación del IESS está en la bandeja de entrada.",
           "The IESS recovery mail is in the inbox."),
          ("El correo del IESS «{title}» está en la bandeja de entrada ({place}): llegó {when}.",
           "The IESS mail '{title}' is in the inbox ({place}): it arrived {when}."),
          _MAIL_FOUND),
    entry("mail.found_spam", WARN,
          ("El correo del IESS llegó, pero a la carpeta de spam o correo no deseado.",
           "The IESS mail arrived, but in the spam or junk folder."),
          ("El correo del IESS «{title}» está en la carpeta de spam «{place}»: llegó {when}.",
           "The IESS mail '{title}' is in the spam folder '{place}': it arrived {when}."),
          (*_MAIL_FOUND, "mark_not_spam")),
    entry("mail.found_promotions", WARN,
          ("El correo del IESS llegó, pero a Promociones (una pestaña o carpeta aparte).",
           "The IESS mail arrived, but in Promotions (a separate tab or folder)."),
          ("El correo del IESS «{title}» está en Promociones («{place}»): llegó {when}.",
           "The IESS mail '{title}' is in Promotions ('{place}'): it arrived {when}."),
          (*_MAIL_FOUND, "mark_not_spam")),
    entry("mail.found_trash", WARN,
          ("El correo del IESS llegó, pero está en la papelera.",
           "The IESS mail arrived, but it is in the trash."),
          ("El correo del IESS «{title}» está en la papelera «{place}»: llegó {when}.",
           "The IESS mail '{title}' is in the trash folder '{place}': it arrived {when}."),
          (*_MAIL_FOUND, "restore_from_trash")),
    entry("mail.found_other", WARN,
          ("El correo del IESS llegó, pero una regla o filtro lo dejó en otra carpeta.",
           "The IESS mail arrived, but a rule or filter left it in another folder."),
          ("El correo del IESS «{title}» está en la carpeta «{place}»: llegó {when}.",
           "The IESS mail '{title}' is in the folder '{place}': it arrived {when}."),
          (*_MAIL_FOUND, "review_filters")),
    entry("mail.not_found", FAIL,
          ("No hay ningún correo de recuperación del IESS en el buzón en el periodo revisado.",
           "There is no IESS recovery mail in the mailbox in the period searched."),
          ("No se encontró ningún correo del IESS desde {since} en {folders}: se revisaron todas "
           "y se leyeron todos los mensajes parecidos.",
           "No IESS mail was found since {since} in {folders}: every one was searched and every "
           "similar message read."),
          ("wait_then_retry", "connection_not_the_cause", *AFTER_ADDRESS)),
    entry("mail.search_incomplete", UNKNOWN,
          ("La búsqueda no pudo cubrir todo el buzón: no se sabe si el correo llegó a lo que "
           "quedó sin revisar.",
           "The search could not cover the whole mailbox: whether the mail is in what was left "
           "out is unknown."),
          ("No se encontró el correo del IESS desde {since}, pero la búsqueda dejó sin revisar "
           "{gaps} ({why}){names}.",
           "No IESS mail was found since {since}, but the search left out {gaps} ({why}){names}."),
          ("narrow_since", "search_folders_by_hand")),
    entry("mail.expired", WARN,
          ("El correo llegó, pero hace más tiempo del que dura su enlace: ya no sirve.",
           "The mail arrived, but longer ago than its link lasts: it no longer works."),
          ("El correo del IESS llegó hace {age} y su enlace dura {validity}: ya caducó.",
           "The IESS mail arrived {age} ago and its link lasts {validity}: it has expired."),
          ("request_new_link",)),
    entry("mail.delayed", WARN,
          ("El correo tardó mucho entre el envío y la llegada al buzón; el enlace puede haber "
           "caducado en el camino.",
           "The mail took long between sending and arriving in the mailbox; the link may have "
           "expired on the way."),
          ("El correo del IESS tardó {transit} en llegar al buzón.",
           "The IESS mail took {transit} to reach the mailbox."),
          ("request_new_link", "wait_then_retry")),
    entry("mail.auth_failed", INFO,
          ("Las cabeceras muestran fallos de SPF/DKIM/DMARC, un veredicto de spam o un nivel alto "
           "de correo masivo (BCL) del proveedor: eso explica por qué el mensaje terminó en spam.",
           "The headers show SPF/DKIM/DMARC failures, a spam verdict or a high bulk level (BCL) "
           "from the provider: that explains why the message ended up in spam."),
          ("El proveedor de correo marcó el mensaje: {explained}.",
           "The mail provider flagged the message: {explained}."),
          ("mark_not_spam",)),
    entry("mail.lookalike_sender", WARN,
          ("Un mensaje se hace pasar por el IESS desde un dominio que no es iess.gob.ec, o con "
           "enlaces fuera de él: es phishing y no cuenta como el correo de recuperación.",
           "A message poses as IESS from a domain that is not iess.gob.ec, or links outside it: it "
           "is phishing and does not count as the recovery mail."),
          ("Mensaje sospechoso que imita al IESS{where}, de {who}: {reasons}. No es el correo de "
           "recuperación.",
           "Suspicious message posing as IESS{where}, from {who}: {reasons}. It is not the "
           "recovery mail."),
          ("do_not_click_phishing",)),
    entry("message.from_iess", OK,
          ("El mensaje viene de iess.gob.ec (o un subdominio), su asunto es de clave o "
           "recuperación y sus enlaces no salen del dominio del IESS: es el correo auténtico.",
           "The message comes from iess.gob.ec (or a subdomain), its subject is about the "
           "password or recovery, and its links stay on the IESS domain: it is the genuine mail."),
          ("Correo auténtico del IESS, de {who}: «{title}», llegó {when}. {links}",
           "Genuine IESS mail from {who}: '{title}', arrived {when}. {links}"),
          _MAIL_FOUND,
          warn=("El mensaje dice venir de {who}, pero su verificación DMARC falló: puede ser "
                "falsificado. «{title}», llegó {when}. {links}",
                "The message claims to come from {who}, but its DMARC check failed: it may be "
                "forged. '{title}', arrived {when}. {links}")),
    entry("mail.unverified", UNKNOWN,
          ("Un mensaje que dice venir del IESS y habla de la clave no se pudo leer entero: no se "
           "sabe a dónde llevan sus enlaces, así que no se puede decir si es el correo auténtico "
           "o un engaño.",
           "A message that claims to come from IESS about the password could not be read in "
           "full: where its links lead is unknown, so whether it is the genuine mail or a scam "
           "cannot be told."),
          ("Hay un mensaje de {who}{where}, «{title}», que llegó {when}, pero {why}: no se sabe "
           "a dónde llevan sus enlaces, así que no se puede asegurar que sea el correo auténtico "
           "del IESS.",
           "There is a message from {who}{where}, '{title}', that arrived {when}, but {why}: it "
           "is not known where its links lead, so it cannot be called the genuine IESS mail."),
          ("check_link_before_opening",)),
    entry("message.iess_other", INFO,
          ("El mensaje viene del IESS, pero su asunto no es de clave ni de recuperación.",
           "The message comes from IESS, but its subject is not about the password or recovery."),
          ("Mensaje del IESS ({who}), pero «{title}» no parece el correo de recuperación de "
           "clave.",
           "A message from IESS ({who}), but '{title}' does not look like the password-recovery "
           "mail.")),
    entry("message.unrelated", INFO,
          ("El mensaje no viene del IESS ni lo imita: no es el correo de recuperación.",
           "The message neither comes from IESS nor imitates it: it is not the recovery mail."),
          ("Este mensaje de {who} («{title}») no es del IESS ni lo imita: no es el correo de "
           "recuperación.",
           "This message from {who} ('{title}') is neither from IESS nor imitates it: it is not "
           "the recovery mail.")),
    entry("mailbox.full", FAIL,
          ("El buzón alcanzó su cuota: el correo nuevo se devuelve al remitente y nunca aparece.",
           "The mailbox has reached its quota: new mail bounces back and never shows up."),
          ("El buzón está lleno: ocupa {usage} y su límite es de {limit}.",
           "The mailbox is full: it holds {usage} and its limit is {limit}."),
          ("free_mailbox_space",)),
    entry("mailbox.nearly_full", WARN,
          ("El buzón está cerca de su cuota: pronto rechazará correo nuevo.",
           "The mailbox is close to its quota: it will soon refuse new mail."),
          ("El buzón está casi lleno: usa el {percent} % de su espacio.",
           "The mailbox is nearly full ({percent}% used)."),
          ("free_mailbox_space",)),
    entry("imap.login_failed", UNKNOWN,
          ("El servidor de correo rechazó el inicio de sesión: no se pudo revisar el buzón.",
           "The mail server refused the sign-in: the mailbox could not be checked."),
          ("{host} rechazó el inicio de sesión de {user}: {reason}.{hint}",
           "{host} refused the sign-in of {user}: {reason}.{hint}"),
          ("check_credentials",)),
    entry("imap.oauth_required", UNKNOWN,
          ("El proveedor no acepta contraseñas por IMAP; exige OAuth2 o una contraseña de "
           "aplicación.",
           "The provider does not accept passwords over IMAP; it requires OAuth2 or an app "
           "password."),
          ("{provider} no acepta esta contraseña por IMAP: {requirement}.",
           "{provider} does not accept this password over IMAP: {requirement}."),
          ("use_microsoft_signin", "check_credentials")),
    entry("imap.unreachable", UNKNOWN,
          ("No se pudo conectar con el servidor de correo: no se sabe si el correo llegó.",
           "Could not connect to the mail server: whether the mail arrived is unknown."),
          ("No se pudo conectar con {host}:{port} ({reason}).",
           "Could not connect to {host}:{port} ({reason})."),
          ("check_imap_server",)),
    entry("imap.tls_failed", UNKNOWN,
          ("La conexión segura (TLS) con el servidor falló: no se envió ninguna credencial.",
           "The secure (TLS) connection to the server failed: no credential was sent."),
          ("La conexión segura con {host} falló: {reason}.",
           "The secure connection to {host} failed: {reason}."),
          ("check_certificate",)),
    entry("imap.server_error", UNKNOWN,
          ("El servidor IMAP respondió con un error o algo incomprensible y la revisión no pudo "
           "terminar: no se sabe si el correo llegó.",
           "The IMAP server answered with an error or something meaningless and the search could "
           "not finish: whether the mail arrived is unknown."),
          ("El servidor {host} falló durante la revisión: {reason}.",
           "The server {host} failed during the search: {reason}."),
          ("check_imap_server",)),
    entry("imap.host_unknown", UNKNOWN,
          ("No se sabe qué servidor IMAP usa el dominio: el buzón no se pudo revisar.",
           "Which IMAP server the domain uses is unknown: the mailbox could not be checked."),
          ("No se sabe cuál es el servidor de correo entrante (IMAP) de {domain}: hay que "
           "indicarlo a mano (opción --imap-host).",
           "The incoming mail server (IMAP) of {domain} is not known: it must be given by hand "
           "(option --imap-host)."),
          ("check_imap_server",)),
    entry("imap.plaintext", WARN,
          ("La sesión IMAP no fue cifrada (porque así se pidió, opción --allow-plaintext): la "
           "contraseña viajó legible por la red.",
           "The IMAP session was not encrypted (allowed with --allow-plaintext): the password "
           "crossed the network readable."),
          ("La conexión con {host}:{port} no fue cifrada.",
           "The connection to {host}:{port} was not encrypted."),
          ("use_encrypted_imap",)),
    entry("mail.folders_searched", INFO,
          ("Qué carpetas del buzón se revisaron, desde cuándo, y con cuántos comandos IMAP (solo "
           "lectura: nada se marcó como leído ni se movió).",
           "Which mailbox folders were searched, since when, and with how many IMAP commands "
           "(read-only: nothing was marked read or moved)."),
          ("{searched} desde {since}{names}, sin cambiar nada en el buzón.",
           "{searched} since {since}{names}. Nothing in the mailbox was changed.")),
    entry("mail.waited", INFO,
          ("Resultado de la espera (opción --wait) de un correo nuevo del IESS tras pedir otro "
           "enlace.",
           "The outcome of waiting (--wait) for a new IESS mail after requesting another link."),
          ("{outcome}", "{outcome}"),
          ("open_link_quickly",)),
]

