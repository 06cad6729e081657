"""The advice catalog: what to do next, in Spanish and English, each entry naming its source."""

from __future__ import annotations

from diag.advice import voices, webmail
from diag.advice.model import SOURCE_NAMES, Advice, Source
from diag.i18n import Text

__all__ = ["CATALOG", "SOURCE_NAMES", "Advice", "Source", "lookup"]


def _a(id_: str, priority: int, source: Source, es: str, en: str) -> Advice:
    return Advice(id_, Text(es, en), source, priority)


_ENTRIES = [
    _a("do_not_click_phishing", 5, Source.PRACTICE,
       "No abra enlaces ni adjuntos de ese mensaje: no viene de iess.gob.ec. El IESS envía la "
       "recuperación solo desde direcciones @iess.gob.ec. Elimínelo o denúncielo como phishing.",
       "Do not open links or attachments in that message: it does not come from iess.gob.ec. "
       "IESS sends recovery mail only from @iess.gob.ec addresses. Delete it or report it as "
       "phishing."),
    _a("check_link_before_opening", 6, Source.PRACTICE,
       "Antes de abrir su enlace, deje el puntero sobre él (o manténgalo presionado en el "
       "celular) y confirme que lleva a www.iess.gob.ec. Si lleva a otra parte, no lo abra: "
       "solicite un enlace nuevo en www.iess.gob.ec, «Generar / Recuperar Clave».",
       "Before opening its link, rest the pointer on it (or hold it down on a phone) and check "
       "that it leads to www.iess.gob.ec. If it leads anywhere else, do not open it: request a "
       "new link at www.iess.gob.ec, 'Generar / Recuperar Clave'."),
    _a("fix_typo", 10, Source.PRACTICE,
       "Corrija el error de escritura en la dirección y confirme con la persona cuál es su correo "
       "real antes de continuar.",
       "Correct the typing mistake in the address and confirm the person's real address before "
       "going on."),
    _a("remove_invisible_characters", 10, Source.PRACTICE,
       "Vuelva a escribir la dirección a mano en lugar de copiarla y pegarla: la copia trae "
       "caracteres invisibles.",
       "Type the address by hand instead of copying and pasting it: the copy carries invisible "
       "characters."),
    _a("type_address_clean", 11, Source.PRACTICE,
       "Escriba solo la dirección: sin nombre, sin «<» «>», sin comillas, sin «mailto:» y sin "
       "punto ni coma al final.",
       "Type only the address: no name, no '<' '>', no quotes, no 'mailto:' and no dot or comma "
       "at the end."),
    _a("confirm_quoted_address", 12, Source.PRACTICE,
       "Confirme con la persona cómo se escribe exactamente su correo: con comillas es válido, "
       "pero es probable que el formulario del IESS no lo acepte.",
       "Confirm with the person exactly how their address is written: with quotes it is valid, "
       "but the IESS form will probably refuse it."),
    _a("open_link_quickly", 15, Source.IESS,
       "Abra el enlace apenas llegue el correo: el IESS indica que su enlace de desbloqueo vale "
       "solo 3 minutos, y el de recuperación también caduca en pocos minutos.",
       "Open the link as soon as the mail arrives: IESS states that its unlock link is valid for "
       "only 3 minutes, and the recovery link also expires within minutes."),
    _a("request_new_link", 16, Source.IESS,
       "El enlace ya caducó: solicite uno nuevo en www.iess.gob.ec, «Generar / Recuperar Clave», "
       "y ábralo en cuanto llegue.",
       "The link has expired: request a new one at www.iess.gob.ec, 'Generar / Recuperar Clave', "
       "and open it as soon as it arrives."),
    _a("check_spam_folders", 20, Source.ARTICLE,
       "Revise las carpetas «Spam» o «Correo no deseado» y, en Gmail, la pestaña «Promociones»: "
       "los mensajes automáticos de seguridad suelen quedar filtrados allí.",
       "Check the 'Spam' or 'Junk' folders and, in Gmail, the 'Promotions' tab: automated "
       "security messages are often filtered there."),
    _a("mark_not_spam", 21, Source.PRACTICE,
       "Marque el mensaje como «No es spam» (o muévalo a la bandeja de entrada) y agregue "
       "iess.gob.ec a los remitentes seguros, para que los próximos lleguen a la bandeja.",
       "Mark the message 'Not spam' (or move it to the inbox) and add iess.gob.ec to the safe "
       "senders, so the next ones reach the inbox."),
    _a("restore_from_trash", 22, Source.PRACTICE,
       "El mensaje está en la Papelera: restáurelo a la bandeja de entrada; revise si una regla "
       "o filtro lo borra automáticamente.",
       "The message is in the Trash: restore it to the inbox, and check whether a rule or filter "
       "deletes such mail automatically."),
    _a("review_filters", 23, Source.PRACTICE,
       "Una regla o filtro del buzón movió el mensaje a otra carpeta: ábralo allí y revise las "
       "reglas del correo.",
       "A mailbox rule or filter moved the message to another folder: open it there and review "
       "the mail rules."),
    _a("free_mailbox_space", 25, Source.PRACTICE,
       "El buzón está lleno y el correo nuevo se rechaza: borre mensajes grandes y vacíe la "
       "papelera, y luego solicite un nuevo enlace.",
       "The mailbox is full and new mail is refused: delete large messages and empty the trash, "
       "then request a new link."),
    _a("wait_then_retry", 30, Source.ARTICLE,
       "Espere unos minutos: el correo suele llegar pronto, pero puede tardar. Si en 30 minutos "
       "no llega, siga los demás pasos antes de pedir otro enlace.",
       "Wait a few minutes: the mail usually arrives soon but can be late. If it has not arrived "
       "within 30 minutes, follow the other steps before requesting another link."),
    _a("connection_not_the_cause", 31, Source.PRACTICE,
       "La conexión a internet de la persona no impide que el correo llegue: el envío es de "
       "servidor a servidor y el mensaje espera en el buzón. (Algunos artículos afirman lo "
       "contrario; no es así.)",
       "The person's internet connection does not stop the mail from arriving: delivery is "
       "server to server and the message waits in the mailbox. (Some articles claim otherwise; "
       "they are wrong.)"),
    _a("narrow_since", 32, Source.PRACTICE,
       "Repita la búsqueda con un periodo más corto (--since, por ejemplo 1h desde que pidió el "
       "enlace): así hay menos mensajes que leer y la búsqueda puede cubrir todo.",
       "Repeat the search over a shorter period (--since, for example 1h since the link was "
       "requested): fewer messages to read lets the search cover everything."),
    _a("search_folders_by_hand", 33, Source.PRACTICE,
       "Abra a mano, en el correo de la persona, las carpetas que quedaron sin revisar y busque "
       "«IESS» en ellas.",
       "Open by hand, in the person's mail, the folders that were left out and search them for "
       "'IESS'."),
    _a("verify_address_active", 40, Source.ARTICLE,
       "Verifique que el correo registrado en el IESS esté activo y que la persona pueda entrar "
       "en él.",
       "Check that the address registered at IESS is active and that the person can sign in "
       "to it."),
    _a("use_another_address", 45, Source.PRACTICE,
       "Esta dirección no puede recibir correo. Registre en el IESS una dirección permanente de "
       "un proveedor conocido (Gmail, Outlook/Hotmail, Yahoo) que la persona use.",
       "This address cannot receive mail. Register at IESS a permanent address from a well-known "
       "provider (Gmail, Outlook/Hotmail, Yahoo) that the person uses."),
    _a("avoid_disposable", 46, Source.PRACTICE,
       "Es un correo temporal o desechable: dejará de funcionar. Registre una dirección "
       "permanente.",
       "It is a temporary, throwaway address: it will stop working. Register a permanent "
       "address."),
    _a("contact_domain_admin", 47, Source.PRACTICE,
       "El dominio del correo está mal configurado. Si es un correo de empresa o institución, "
       "avise a su área de sistemas; si no, use otra dirección.",
       "The address's domain is misconfigured. If it is a company or institution address, tell "
       "its IT department; otherwise use another address."),
    _a("update_address_at_cau", 50, Source.ARTICLE,
       "Si el problema continúa o el correo registrado ya no sirve, acuda con su cédula a un "
       "Centro de Atención Universal (CAU) del IESS para actualizar sus datos de contacto.",
       "If the problem persists or the registered address no longer works, go with your cédula "
       "to an IESS service centre (CAU) to update the contact details."),
    _a("use_own_email", 55, Source.ARTICLE,
       "El correo registrado debe ser de la propia persona afiliada, no de un familiar, tramitador "
       "o empresa: así se protege su cuenta.",
       "The registered address must belong to the affiliate, not to a relative, an agent or a "
       "company: this protects the account."),
    _a("unlock_first", 56, Source.IESS,
       "Si la clave está bloqueada, primero desbloquéela en «Desbloqueo de Clave» (requiere haber "
       "registrado la huella en un CAU); si no es posible, acuda a un CAU con la cédula.",
       "If the password is locked, first unlock it at 'Desbloqueo de Clave' (it requires a "
       "fingerprint registered at a CAU before); if that is not possible, go to a CAU with the "
       "cédula."),
    _a("security_image_forgotten", 57, Source.ARTICLE,
       "Si la persona olvidó su imagen de seguridad, deberá acudir a una oficina del IESS para "
       "restablecer su perfil de seguridad.",
       "If the person forgot the security image, they need to visit an IESS office to reset "
       "the security profile."),
    _a("employer_module", 58, Source.ARTICLE,
       "Si es empleador, use el módulo «Recuperar Clave Empleador»: pide el RUC, el número de "
       "sucursal y la cédula del representante legal.",
       "Employers use the 'Recuperar Clave Empleador' module: it asks for the RUC, the branch "
       "number and the legal representative's cédula."),
    _a("retry_dns_later", 60, Source.PRACTICE,
       "No se pudo consultar el DNS: esto no dice nada sobre la dirección. Repita la revisión en "
       "unos minutos o con otro servidor DNS (--nameserver).",
       "DNS could not be queried: this says nothing about the address. Repeat the check in a "
       "few minutes or with another DNS server (--nameserver)."),
    _a("check_credentials", 70, Source.PROVIDER,
       "Revise usuario y contraseña. Gmail, Yahoo e iCloud exigen una «contraseña de "
       "aplicación» (con verificación en dos pasos) en lugar de la contraseña normal.",
       "Check the user name and password. Gmail, Yahoo and iCloud require an 'app password' "
       "(with 2-step verification) instead of the normal password."),
    _a("use_microsoft_signin", 71, Source.PROVIDER,
       "Outlook/Hotmail ya no aceptan contraseñas por IMAP: use el inicio de sesión de "
       "Microsoft (--ms-client-id) o un token OAuth2 (IESS_DIAG_OAUTH2_TOKEN).",
       "Outlook/Hotmail no longer accept passwords over IMAP: use Microsoft sign-in "
       "(--ms-client-id) or an OAuth2 token (IESS_DIAG_OAUTH2_TOKEN)."),
    _a("check_imap_server", 72, Source.PRACTICE,
       "No se pudo conectar con el servidor de correo: revise --imap-host y --imap-port, la red, "
       "y repita en unos minutos. La revisión del buzón no se pudo hacer.",
       "Could not connect to the mail server: check --imap-host and --imap-port and the network, "
       "and try again in a few minutes. The mailbox could not be checked."),
    _a("use_encrypted_imap", 74, Source.PRACTICE,
       "La revisión se hizo sin cifrado: la contraseña pasó legible por la red. La próxima vez "
       "use el puerto cifrado (993, sin --allow-plaintext) o --starttls; si la red no es de "
       "confianza, pida a la persona que cambie su contraseña.",
       "The check ran unencrypted: the password crossed the network readable. Next time use the "
       "encrypted port (993, without --allow-plaintext) or --starttls; if the network is not "
       "trusted, ask the person to change their password."),
    _a("check_certificate", 73, Source.PRACTICE,
       "El certificado del servidor no es válido para ese nombre: no continúe. Revise el nombre "
       "del servidor; si la organización usa una CA propia, indíquela con --ca-file.",
       "The server's certificate is not valid for that name: do not go on. Check the server "
       "name; if the organisation uses its own CA, give it with --ca-file."),
    _a("type_id_digits_only", 79, Source.PRACTICE,
       "En el portal escriba solo los dígitos, a mano, sin espacios, guiones ni puntos: un campo "
       "de largo fijo puede cortar lo que se pega con separadores.",
       "In the portal type only the digits, by hand, with no spaces, dashes or dots: a "
       "fixed-length field may cut off what is pasted with separators."),
    _a("verify_ruc_at_sri", 81, Source.PRACTICE,
       "Confirme el RUC en la consulta pública del SRI (srienlinea.sri.gob.ec, «Consulta de "
       "RUC»): si aparece activo, el número es correcto aunque su dígito verificador sea "
       "inusual.",
       "Confirm the RUC in the SRI's public look-up (srienlinea.sri.gob.ec, 'Consulta de RUC'): "
       "if it shows as active, the number is right even though its check digit is unusual."),
    _a("check_id_digits", 80, Source.PRACTICE,
       "Compare el número con la cédula física (o el certificado del RUC), dígito por dígito: "
       "el portal del IESS lo rechazará si no es válido.",
       "Compare the number with the physical ID card (or the RUC certificate), digit by digit: "
       "the IESS portal will reject it if it is not valid."),
    _a("repair_export", 85, Source.PRACTICE,
       "Abra el archivo en la hoja de cálculo y revise esa fila. Si hay letras dañadas (�), "
       "vuelva a exportarlo como «CSV UTF-8» o repita con --encoding cp1252.",
       "Open the file in the spreadsheet and check that row. If letters look damaged (�), "
       "export it again as 'CSV UTF-8' or run again with --encoding cp1252."),
    _a("report_sender_weakness", 95, Source.PRACTICE,
       "Cuando pueda, comunique esta debilidad de la configuración de correo al área de "
       "tecnología del IESS. Por sí sola no explica que el correo no llegue: siga con los demás "
       "pasos.",
       "When you can, tell IESS's IT department about this weakness in its mail set-up. On its "
       "own it does not explain why the mail did not arrive: go on with the other steps."),
    _a("request_delisting", 6, Source.PRACTICE,
       "El administrador del servidor listado debe corregir la causa y pedir la exclusión en la "
       "página de la lista de bloqueo (Spamhaus, Barracuda, SpamCop y Mailspike tienen un "
       "formulario de consulta y exclusión).",
       "The listed server's administrator must fix the cause and request removal on the "
       "blocklist's own page (Spamhaus, Barracuda, SpamCop and Mailspike each have a look-up "
       "and removal form)."),
    _a("find_dkim_selector", 61, Source.PRACTICE,
       "Para saber si el correo del IESS se salva por su firma DKIM, abra las cabeceras de un "
       "correo del IESS guardado: la firma DKIM nombra su selector. Repita con --dkim-selector.",
       "To know whether IESS mail is saved by its DKIM signature, open the headers of a saved "
       "IESS mail: the DKIM signature names its selector. Run again with --dkim-selector."),
    _a("give_sending_ip", 63, Source.PRACTICE,
       "Para revisar las listas de bloqueo hace falta la dirección del servidor que envió el "
       "correo: tómela de las cabeceras de un correo del IESS guardado y repita con "
       "--sending-ip.",
       "Checking the blocklists needs the address of the server that sent the mail: take it "
       "from the headers of a saved IESS mail and run again with --sending-ip."),
    _a("blocklist_own_resolver", 62, Source.PRACTICE,
       "Repita con el DNS de su propia red (--nameserver IP de su servidor DNS interno): "
       "Spamhaus no responde a consultas que llegan desde DNS públicos como 8.8.8.8 o 1.1.1.1.",
       "Run again with your own network's DNS (--nameserver IP of your internal DNS server): "
       "Spamhaus does not answer queries that come from public resolvers such as 8.8.8.8 or "
       "1.1.1.1."),
]


CATALOG: dict[str, Advice] = {entry.id: entry for entry in _ENTRIES}
# The action plan's own steps, in both voices (diag.advice.voices, diag.advice.webmail).
CATALOG.update({entry.id: entry for entry in (*voices.ENTRIES, *webmail.ENTRIES)})


def lookup(advice_id: str) -> Advice:
    return CATALOG[advice_id]
