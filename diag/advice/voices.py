"""The action plan's steps, each written twice: to the agent, and to the affiliate (usted).

Placeholders ({left}, {where}, ...) are filled from the case by diag.advice.plan.
"""

from __future__ import annotations

from diag.advice.model import Advice, Source
from diag.i18n import Text

A, IESS, P, R = Source.ARTICLE, Source.IESS, Source.PROVIDER, Source.PRACTICE


def _v(id_: str, priority: int, source: Source, agent: tuple[str, str],
       person: tuple[str, str], url: str = "", verified: bool = True) -> Advice:
    return Advice(id_, Text(*agent), source, priority, person=Text(*person), url=url,
                  verified=verified)


# Microsoft's page confirms "not junk" moves the mail to the inbox and trusts the sender; the
# Gmail, Yahoo and iCloud button names are as their Spanish interfaces show them, unconfirmed.
_NOT_JUNK_HELP = ("http://office.microsoft.com/en-us/office-online-help/"
                  "learn-about-junk-email-and-phishing-HA102917781.aspx")


ENTRIES = [
    _v("sender_side_not_your_address", 3, R,
       ("Explique a la persona que el problema está del lado del IESS, no en su dirección: los "
        "proveedores de correo están rechazando o desviando el correo del IESS. No le pida "
        "cambiar ni actualizar su correo por esto; que vuelva a intentar más tarde.",
        "Tell the person the problem is on IESS's side, not their address: mail providers are "
        "refusing or diverting IESS mail. Do not ask them to change or update their address for "
        "this; they should try again later."),
       ("El problema está del lado del IESS, no en su dirección: los proveedores de correo están "
        "rechazando o desviando el correo del IESS. No necesita cambiar ni actualizar su correo "
        "por esto; vuelva a intentarlo más tarde.",
        "The problem is on IESS's side, not your address: mail providers are refusing or "
        "diverting IESS mail. You do not need to change or update your address for this; try "
        "again later.")),
    _v("report_sender_to_iess", 4, R,
       ("Informe al área de tecnología del IESS con este reporte adjunto (los datos técnicos "
        "están en el formato JSON): hay que corregir la configuración de correo del dominio "
        "remitente o la reputación de sus servidores de envío.",
        "Report it to IESS's IT department with this report attached (the technical data is in "
        "the JSON format): the sending domain's mail set-up, or its sending servers' "
        "reputation, needs fixing."),
       ("Si puede, comunique este reporte a la mesa de ayuda del IESS: el problema se resuelve "
        "en sus servidores de correo, no en su buzón.",
        "If you can, pass this report on to the IESS help desk: the problem is fixed on its mail "
        "servers, not in your mailbox.")),
    _v("step_phishing", 1, R,
       ("Dígale a la persona que no abra enlaces ni adjuntos de {those}: no {come} de "
        "iess.gob.ec. El IESS envía la recuperación solo desde direcciones @iess.gob.ec; que "
        "{it_del} o {it_rep} como fraude.",
        "Tell the person not to open links or attachments in {those}: {it_is} not from "
        "iess.gob.ec. IESS sends recovery mail only from @iess.gob.ec addresses; they should "
        "delete or report {them} as fraud."),
       ("No abra enlaces ni adjuntos de {those}: no {come} de iess.gob.ec. El IESS envía la "
        "recuperación solo desde direcciones @iess.gob.ec; {it_del_you} o {it_rep_you} como "
        "fraude.",
        "Do not open links or attachments in {those}: {it_is} not from iess.gob.ec. IESS sends "
        "recovery mail only from @iess.gob.ec addresses; delete or report {them} as fraud.")),
    _v("step_forged", 2, R,
       ("Este mensaje dice venir del IESS, pero el servidor que lo recibió no pudo comprobar el "
        "remitente: puede ser falsificado. Que la persona no use sus enlaces: que escriba a mano "
        "www.iess.gob.ec en el navegador y pida allí un enlace nuevo.",
        "This message claims to come from IESS, but the receiving server could not verify the "
        "sender: it may be forged. The person should not use its links: they should type "
        "www.iess.gob.ec into the browser by hand and request a new link there."),
       ("Este mensaje dice venir del IESS, pero su servidor de correo no pudo comprobar el "
        "remitente: puede ser falsificado. No use sus enlaces: escriba a mano www.iess.gob.ec en "
        "el navegador y pida allí un enlace nuevo.",
        "This message claims to come from IESS, but your mail server could not verify the "
        "sender: it may be forged. Do not use its links: type www.iess.gob.ec into the browser "
        "by hand and request a new link there.")),
    _v("step_check_unverified", 2, R,
       ("Hay un mensaje que parece del IESS, pero no se pudo comprobar a dónde llevan sus "
        "enlaces. Antes de abrirlo, que la persona deje el puntero sobre el enlace (o lo "
        "mantenga presionado en el celular) y confirme que la dirección empieza con "
        "https://www.iess.gob.ec/. Si lleva a otra parte, o no se puede ver, que no lo abra: "
        "que escriba a mano www.iess.gob.ec en el navegador y pida allí un enlace nuevo.",
        "There is a message that looks like IESS's, but where its links lead could not be "
        "checked. Before opening it, the person should rest the pointer on the link (or hold "
        "it down on a phone) and check that the address starts with https://www.iess.gob.ec/. "
        "If it leads anywhere else, or cannot be seen, they should not open it: they should "
        "type www.iess.gob.ec into the browser by hand and request a new link there."),
       ("Tiene un mensaje que parece del IESS, pero no se pudo comprobar a dónde llevan sus "
        "enlaces. Antes de abrirlo, deje el puntero sobre el enlace (o manténgalo presionado en "
        "el celular) y confirme que la dirección empieza con https://www.iess.gob.ec/. Si lleva "
        "a otra parte, o no se puede ver, no lo abra: escriba a mano www.iess.gob.ec en el "
        "navegador y pida allí un enlace nuevo.",
        "You have a message that looks like IESS's, but where its links lead could not be "
        "checked. Before opening it, rest the pointer on the link (or hold it down on a phone) "
        "and check that the address starts with https://www.iess.gob.ec/. If it leads anywhere "
        "else, or cannot be seen, do not open it: type www.iess.gob.ec into the browser by "
        "hand and request a new link there.")),
    _v("step_retype_address", 3, R,
       ("Escriba la dirección a mano en lugar de copiarla y pegarla: la copia trae caracteres "
        "invisibles que cambian la dirección.",
        "Type the address by hand instead of copying and pasting it: the copy carries invisible "
        "characters that change the address."),
       ("Escriba su dirección a mano en lugar de copiarla y pegarla: la copia trae caracteres "
        "invisibles que la cambian.",
        "Type your address by hand instead of copying and pasting it: the copy carries "
        "invisible characters that change it.")),
    _v("step_type_one_address", 3, R,
       ("No se pudo leer una sola dirección de correo en lo escrito (vea el hallazgo): eso no "
        "dice nada del correo de la persona. Pídale su dirección, una sola, escríbala a mano y "
        "repita la revisión.",
        "No single mail address could be read in what was typed (see the finding): that says "
        "nothing about the person's mail. Ask them for their address, just one, type it by hand "
        "and check again."),
       ("No se pudo leer una sola dirección de correo en lo escrito: eso no dice nada de su "
        "correo. Escriba su dirección, una sola y a mano, y repita la revisión.",
        "No single mail address could be read in what was typed: that says nothing about your "
        "mail. Type your address, just one and by hand, and check again.")),
    _v("step_type_address_clean", 3, R,
       ("Lo que se escribió no es solo la dirección: {fixes}. Dígale a la persona que, donde "
        "tenga que escribir su correo (también en el IESS), lo escriba así: «{cleaned}».",
        "What was typed is not just the address: {fixes}. Tell the person that wherever they "
        "type their address (at IESS too) they should type it like this: '{cleaned}'."),
       ("Lo que escribió no es solo su dirección: {fixes}. Donde tenga que escribir su correo "
        "(también en el IESS), escríbalo así: «{cleaned}».",
        "What you typed is not just your address: {fixes}. Wherever you type your address "
        "(at IESS too), type it like this: '{cleaned}'.")),
    _v("step_quoted_local", 4, R,
       ("La dirección lleva comillas antes de la arroba: las normas del correo lo permiten, "
        "pero es probable que el formulario del IESS no la acepte. Confirme con la persona cómo "
        "se escribe exactamente su correo.",
        "The address has quotes before the @ sign: the mail standards allow it, but the IESS "
        "form will probably refuse it. Confirm with the person exactly how their address is "
        "written."),
       ("Su dirección lleva comillas antes de la arroba: las normas del correo lo permiten, "
        "pero es probable que el formulario del IESS no la acepte. Revise cómo se escribe "
        "exactamente su correo.",
        "Your address has quotes before the @ sign: the mail standards allow it, but the IESS "
        "form will probably refuse it. Check exactly how your address is written.")),
    _v("step_fix_typo", 4, R,
       ("Confirme con la persona su dirección: {domain} parece un error de escritura de "
        "{suggestion}.{exists} No la use hasta confirmarla.",
        "Confirm the address with the person: {domain} looks like a typing mistake for "
        "{suggestion}.{exists} Do not use it until it is confirmed."),
       ("Revise su dirección: {domain} parece un error de escritura de {suggestion}.{exists} "
        "No la use hasta confirmarla.",
        "Check your address: {domain} looks like a typing mistake for {suggestion}.{exists} "
        "Do not use it until you have confirmed it.")),
    _v("step_confirm_address", 5, R,
       ("Esta dirección no puede recibir correo ({why}). Confirme con la persona cómo se "
        "escribe su correo real; si así está registrada en el IESS, hay que cambiarla.",
        "This address cannot receive mail ({why}). Confirm with the person how their real "
        "address is spelt; if IESS has it registered like this, it must be changed."),
       ("Esta dirección no puede recibir correo ({why}). Revise cómo se escribe su correo "
        "real; si así está registrada en el IESS, hay que cambiarla.",
        "This address cannot receive mail ({why}). Check how your real address is spelt; if "
        "IESS has it registered like this, it must be changed.")),
    _v("step_avoid_disposable", 6, R,
       ("Es un correo temporal o desechable: dejará de funcionar. La persona necesita registrar "
        "una dirección permanente.",
        "It is a temporary, throwaway address: it will stop working. The person needs to "
        "register a permanent address."),
       ("Es un correo temporal o desechable: dejará de funcionar. Necesita registrar una "
        "dirección permanente.",
        "It is a temporary, throwaway address: it will stop working. You need to register a "
        "permanent address.")),
    _v("step_retry_dns", 7, R,
       ("No se pudo consultar el DNS: eso no dice nada sobre la dirección. Repita la revisión "
        "en unos minutos o con otro servidor DNS.",
        "DNS could not be queried: that says nothing about the address. Repeat the check in a "
        "few minutes or with another DNS server."),
       ("No se pudo consultar el DNS: eso no dice nada sobre su dirección. Repita la revisión "
        "en unos minutos.",
        "DNS could not be queried: that says nothing about your address. Repeat the check in a "
        "few minutes.")),
    _v("step_open_now", 10, IESS,
       ("Al enlace le {left}: pida a la persona que abra ahora el correo {where} y haga clic "
        "en el enlace.",
        "The link has {left}: ask the person to open the mail {where} now and click the link."),
       ("A su enlace le {left}: abra ahora el correo {where} y haga clic en el enlace.",
        "Your link has {left}: open the mail {where} now and click the link.")),
    _v("step_open_maybe_expired", 11, IESS,
       ("El correo llegó {age}: su enlace puede haber caducado ya. Pida a la persona que lo "
        "abra ahora {where}; si la página del IESS dice que caducó, que pida uno nuevo.",
        "The mail arrived {age}: its link may already have expired. Ask the person to open it "
        "{where} now; if the IESS page says it expired, they should request a new one."),
       ("El correo llegó {age}: su enlace puede haber caducado ya. Ábralo ahora {where}; si "
        "la página del IESS dice que caducó, pida uno nuevo.",
        "The mail arrived {age}: its link may already have expired. Open it {where} now; if "
        "the IESS page says it expired, request a new one.")),
    _v("step_use_newest", 12, R,
       ("Hay {count} correos del IESS: que la persona use solo el más reciente e ignore los "
        "anteriores.",
        "There are {count} IESS mails: the person should use only the newest and ignore the "
        "others."),
       ("Tiene {count} correos del IESS: use solo el más reciente e ignore los anteriores.",
        "You have {count} IESS mails: use only the newest and ignore the others.")),
    _v("step_check_delete_rules", 13, R,
       ("El correo estaba en la papelera: revise con la persona si una regla o filtro de su "
        "correo borra los mensajes del IESS, para que el próximo no termine allí.",
        "The mail was in the trash: check with the person whether a rule or filter in their "
        "mail deletes IESS messages, so the next one does not end up there."),
       ("El correo estaba en la papelera: revise si una regla o filtro de su correo borra los "
        "mensajes del IESS, para que el próximo no termine allí.",
        "The mail was in the trash: check whether a rule or filter in your mail deletes IESS "
        "messages, so the next one does not end up there.")),
    _v("step_free_space", 14, R,
       ("El buzón está lleno: mientras lo esté, el correo del IESS se devuelve y no llega. Pida "
        "a la persona que borre mensajes grandes y vacíe la papelera{then_agent}.",
        "The mailbox is full: while it is, the IESS mail bounces and never arrives. Ask the "
        "person to delete large messages and empty the trash{then_agent}."),
       ("Su buzón está lleno: mientras lo esté, el correo del IESS se devuelve y no llega. "
        "Borre mensajes grandes y vacíe la papelera{then_person}.",
        "Your mailbox is full: while it is, the IESS mail bounces and never arrives. Delete "
        "large messages and empty the trash{then_person}.")),
    _v("step_request_new_link", 15, IESS,
       ("El enlace caducó {ago}. Pida a la persona que solicite uno nuevo en www.iess.gob.ec "
        "(«Generar / Recuperar Clave») y lo abra apenas llegue: dura {validity}.",
        "The link expired {ago}. Ask the person to request a new one at www.iess.gob.ec "
        "('Generar / Recuperar Clave') and open it as soon as it arrives: it lasts {validity}."),
       ("Su enlace caducó {ago}. Solicite uno nuevo en www.iess.gob.ec («Generar / Recuperar "
        "Clave») y ábralo apenas llegue: dura {validity}.",
        "Your link expired {ago}. Request a new one at www.iess.gob.ec ('Generar / Recuperar "
        "Clave') and open it as soon as it arrives: it lasts {validity}.")),
    _v("step_not_spam", 16, P,
       ("Después, que la persona marque ese correo como «{not_spam}»: así los próximos del "
        "IESS llegarán a la bandeja de entrada.",
        "Then the person should mark that mail '{not_spam}': the next IESS mails will then "
        "reach the inbox."),
       ("Después, marque ese correo como «{not_spam}»: así los próximos del IESS llegarán a su "
        "bandeja de entrada.",
        "Then mark that mail '{not_spam}': the next IESS mails will then reach your inbox."),
       _NOT_JUNK_HELP, verified=False),
    _v("step_promotions_to_primary", 17, P,
       ("Después, que la persona arrastre el correo de la pestaña «Promociones» a «Principal»: "
        "Gmail ofrecerá dejar allí los próximos del mismo remitente.",
        "Then the person should drag the mail from the 'Promotions' tab to 'Primary': Gmail "
        "offers to do the same with the sender's next mails."),
       ("Después, arrastre el correo de la pestaña «Promociones» a «Principal»: Gmail le "
        "ofrecerá dejar allí los próximos del mismo remitente.",
        "Then drag the mail from the 'Promotions' tab to 'Primary': Gmail will offer to do "
        "the same with the sender's next mails.")),
    _v("step_review_filters", 18, R,
       ("Una regla o filtro dejó el correo en «{folder}»: revise con la persona las reglas de "
        "su correo para que los próximos lleguen a la bandeja de entrada.",
        "A rule or filter left the mail in '{folder}': review the mail rules with the person "
        "so the next ones reach the inbox."),
       ("Una regla o filtro dejó el correo en «{folder}»: revise las reglas de su correo para "
        "que los próximos lleguen a la bandeja de entrada.",
        "A rule or filter left the mail in '{folder}': review your mail rules so the next "
        "ones reach the inbox.")),
    _v("step_not_found", 20, R,
       ("El buzón se revisó entero y no hay ningún correo del IESS desde {since}: no llegó a "
        "esta dirección. Confirme con la persona que es la que tiene registrada en el IESS y "
        "que pidió el enlace; luego, que pida uno nuevo mientras usted espera su llegada.",
        "The whole mailbox was searched and there is no IESS mail since {since}: it did not "
        "reach this address. Confirm with the person that it is the one registered at IESS and "
        "that they requested the link; then have them request a new one while you wait for "
        "it."),
       ("Su buzón se revisó entero y no hay ningún correo del IESS desde {since}: no llegó a "
        "esta dirección. Confirme que es la que tiene registrada en el IESS y pida un enlace "
        "nuevo.",
        "Your whole mailbox was searched and there is no IESS mail since {since}: it did not "
        "reach this address. Make sure it is the one registered at IESS and request a new "
        "link.")),
    _v("step_connection_not_the_cause", 21, R,
       ("Si la persona cree que su internet tiene la culpa: no es así. El correo viaja de "
        "servidor a servidor y espera en el buzón aunque su conexión falle.",
        "If the person blames their internet connection: it is not the cause. Mail travels "
        "server to server and waits in the mailbox even if their connection fails."),
       ("Su conexión a internet no impide que el correo llegue: viaja de servidor a servidor "
        "y espera en su buzón aunque la conexión falle.",
        "Your internet connection does not stop the mail from arriving: it travels server to "
        "server and waits in your mailbox even if the connection fails.")),
    _v("step_narrow_search", 22, R,
       ("La búsqueda no cubrió todo el buzón: quedó sin revisar {left_out}. Repítala con un "
        "periodo más corto (desde que la persona pidió el enlace) y, mientras tanto, abra con "
        "ella esas carpetas a mano.",
        "The search did not cover the whole mailbox: it left out {left_out}. Repeat it over a "
        "shorter period (since the person requested the link) and meanwhile open those "
        "folders with them by hand."),
       ("La búsqueda no cubrió todo su buzón: quedó sin revisar {left_out}. Abra esas carpetas "
        "a mano y busque «iess.gob.ec».",
        "The search did not cover your whole mailbox: it left out {left_out}. Open those "
        "folders by hand and search them for 'iess.gob.ec'.")),
    _v("step_imap_host_unknown", 30, R,
       ("No se sabe qué servidor de correo usa {domain}, así que no se intentó ninguna "
        "conexión. Pregunte a la persona (o a su área de sistemas) el nombre del servidor IMAP "
        "y repita la revisión indicándolo (opción --imap-host).",
        "Which mail server {domain} uses is unknown, so no connection was tried. Ask the "
        "person (or their IT department) for the IMAP server's name and repeat the check with "
        "it (option --imap-host)."),
       ("No se sabe qué servidor de correo usa {domain}, así que no se revisó su buzón. "
        "Búsquelo usted mismo como se indica abajo.",
        "Which mail server {domain} uses is unknown, so your mailbox was not checked. Search "
        "it yourself as shown below.")),
    _v("step_microsoft_signin", 31, P,
       ("Outlook y Hotmail no aceptan contraseñas por IMAP desde septiembre de 2024: su buzón "
        "solo se revisa con el inicio de sesión de Microsoft, que necesita un identificador de "
        "aplicación (opción --ms-client-id).",
        "Outlook and Hotmail stopped accepting passwords over IMAP in September 2024: their "
        "mailbox can only be checked with Microsoft sign-in, which needs an application id "
        "(option --ms-client-id)."),
       ("Outlook y Hotmail no aceptan contraseñas por IMAP desde septiembre de 2024, así que "
        "no se pudo revisar su buzón: búsquelo usted mismo en Outlook.com.",
        "Outlook and Hotmail stopped accepting passwords over IMAP in September 2024, so your "
        "mailbox could not be checked: search it yourself on Outlook.com.")),
    _v("step_app_password", 32, P,
       ("{provider} rechazó el inicio de sesión: no acepta la contraseña normal por IMAP. La "
        "persona debe crear una «contraseña de aplicación» (con la verificación en dos pasos "
        "activada) y usarla en lugar de la suya.",
        "{provider} refused the sign-in: it does not take the normal password over IMAP. The "
        "person must create an 'app password' (with 2-step verification on) and use it "
        "instead of theirs."),
       ("{provider} rechazó el inicio de sesión: no acepta su contraseña normal por IMAP. Cree "
        "una «contraseña de aplicación» (con la verificación en dos pasos activada) y úsela en "
        "lugar de la suya.",
        "{provider} refused the sign-in: it does not take your normal password over IMAP. "
        "Create an 'app password' (with 2-step verification on) and use it instead.")),
    _v("step_check_credentials", 33, R,
       ("El servidor rechazó el usuario o la contraseña: revíselos con la persona y repita.",
        "The server refused the user name or password: check them with the person and repeat."),
       ("El servidor rechazó su usuario o contraseña: revíselos y repita.",
        "The server refused your user name or password: check them and repeat.")),
    _v("step_retry_server", 34, R,
       ("Se intentó conectar con el servidor de correo y no respondió bien: la revisión del "
        "buzón no se hizo. Repítala en unos minutos.",
        "The mail server was tried and did not answer properly: the mailbox was not checked. "
        "Repeat in a few minutes."),
       ("El servidor de correo no respondió bien y su buzón no se revisó. Repita en unos "
        "minutos.",
        "The mail server did not answer properly and your mailbox was not checked. Repeat in a "
        "few minutes.")),
    _v("step_certificate_name", 35, R,
       ("El certificado del servidor no es válido para ese nombre: no continúe ni escriba la "
        "contraseña. Revise el nombre del servidor.",
        "The server's certificate is not valid for that name: do not go on or type the "
        "password. Check the server name."),
       ("El certificado del servidor no es válido para ese nombre: no escriba su contraseña.",
        "The server's certificate is not valid for that name: do not type your password.")),
    _v("step_certificate_untrusted", 36, R,
       ("El certificado del servidor lo firmó una autoridad que este equipo no reconoce: no "
        "continúe ni escriba la contraseña. Si la organización usa su propia autoridad, pida "
        "su certificado al área de sistemas (opción --ca-file).",
        "The server's certificate was signed by an authority this computer does not trust: do "
        "not go on or type the password. If the organisation runs its own authority, ask its "
        "IT department for its certificate (option --ca-file)."),
       ("El certificado del servidor lo firmó una autoridad que este equipo no reconoce: no "
        "escriba su contraseña y consulte a su área de sistemas.",
        "The server's certificate was signed by an authority this computer does not trust: do "
        "not type your password; ask your IT department.")),
    _v("step_certificate_expired", 37, R,
       ("El certificado del servidor está vencido: no continúe ni escriba la contraseña; "
        "avise al área de sistemas de ese correo.",
        "The server's certificate has expired: do not go on or type the password; tell that "
        "mail's IT department."),
       ("El certificado del servidor está vencido: no escriba su contraseña.",
        "The server's certificate has expired: do not type your password.")),
    _v("step_tls_handshake", 38, R,
       ("No se pudo establecer una conexión cifrada con el servidor y no se envió ninguna "
        "contraseña. Revise el puerto y el tipo de seguridad del servidor.",
        "No encrypted connection could be set up and no password was sent. Check the server's "
        "port and security type."),
       ("No se pudo establecer una conexión cifrada con el servidor; no se envió su "
        "contraseña.",
        "No encrypted connection could be set up; your password was not sent.")),
    _v("step_free_space_soon", 60, R,
       ("El buzón está casi lleno: pida a la persona que libere espacio pronto, o el próximo "
        "correo se devolverá.",
        "The mailbox is nearly full: ask the person to free space soon, or the next mail will "
        "bounce."),
       ("Su buzón está casi lleno: libere espacio pronto, o el próximo correo se devolverá.",
        "Your mailbox is nearly full: free space soon, or the next mail will bounce.")),
    _v("step_check_id", 61, R,
       ("Compare el número con la cédula física (o el certificado del RUC), dígito por dígito: "
        "el portal del IESS lo rechazará si no es válido.",
        "Compare the number with the physical ID card (or the RUC certificate), digit by "
        "digit: the IESS portal will reject it if it is not valid."),
       ("Compare el número con su cédula física (o el certificado del RUC), dígito por dígito: "
        "el portal del IESS lo rechazará si no es válido.",
        "Compare the number with your physical ID card (or RUC certificate), digit by digit: "
        "the IESS portal will reject it if it is not valid.")),
    _v("step_update_at_cau", 70, A,
       ("Si la dirección registrada en el IESS ya no sirve, la persona debe acudir con su "
        "cédula a un Centro de Atención Universal (CAU) del IESS para actualizarla.",
        "If the address registered at IESS no longer works, the person must go with their "
        "cédula to an IESS service centre (CAU) to update it."),
       ("Si la dirección registrada en el IESS ya no sirve, acuda con su cédula a un Centro "
        "de Atención Universal (CAU) del IESS para actualizarla.",
        "If the address registered at IESS no longer works, go with your cédula to an IESS "
        "service centre (CAU) to update it.")),
]
