"""The page's own words, in Spanish and English (the reports bring theirs from the renderers)."""

from __future__ import annotations

from diag.i18n import Lang, Text

PAGE = {
    "title": Text("iess-diag: revisar por qué no llegó el correo del IESS",
                  "iess-diag: check why the IESS mail did not arrive"),
    "case": Text("Revisar un caso", "Check a case"),
    "addresses": Text("Dirección de correo registrada en el IESS (una por línea para revisar "
                      "varias)",
                      "Email address registered at IESS (one per line to check several)"),
    "cedula": Text("Cédula o RUC (opcional, solo con una dirección)",
                   "Cédula or RUC (optional, with one address only)"),
    "lang": Text("Idioma del informe", "Report language"),
    "audience": Text("El plan se dirige a", "The plan speaks to"),
    "agent": Text("la persona que atiende (agente)", "the help-desk agent"),
    "person": Text("el afiliado, directamente", "the affiliate, directly"),
    "redact": Text("Ocultar los datos personales (dirección, cédula) en el informe",
                   "Mask personal data (address, cédula) in the report"),
    "mailbox": Text("Buscar el correo en el buzón (opcional, con el permiso de la persona; solo "
                    "lectura)",
                    "Search the mailbox for the mail (optional, with the person's consent; "
                    "read-only)"),
    "user": Text("Usuario del buzón (si no es la dirección)",
                 "Mailbox user (if not the address)"),
    "password": Text("Contraseña o contraseña de aplicación (la escribe la persona; no se guarda)",
                     "Password or app password (the person types it; it is not kept)"),
    "imap_server": Text("Servidor IMAP (si no es el del proveedor), nombre o nombre:puerto",
                        "IMAP server (if not the provider's), name or name:port"),
    "submit": Text("Revisar", "Check"),
    "result": Text("Resultado", "Result"),
    "markdown": Text("El informe en Markdown, para pegar en el ticket",
                     "The report as Markdown, to paste into the ticket"),
    "copy_markdown": Text("Copiar el Markdown", "Copy the Markdown"),
    "copied": Text("Copiado.", "Copied."),
    "download_html": Text("Descargar HTML", "Download HTML"),
    "download_json": Text("Descargar JSON", "Download JSON"),
    "download_note": Text("La descarga es este mismo informe, guardado solo en la memoria de "
                          "este programa 30 minutos como máximo.",
                          "The download is this same report, kept only in this program's "
                          "memory, 30 minutes at most."),
    "summary": Text("Resumen: una línea por dirección (ábrala para ver el informe)",
                    "Summary: one line per address (open it for the report)"),
    "other_lang": Text("English", "Español"),
    "wait": Text("Esperar el correo: cuántos minutos esperar un correo nuevo del IESS después de "
                 "buscar (de 1 a 30; déjelo vacío para no esperar)",
                 "Wait for the mail: how many minutes to wait for a new IESS mail after "
                 "searching (1 to 30; leave it empty for no wait)"),
    "microsoft": Text("Iniciar sesión con Microsoft", "Sign in with Microsoft"),
    "microsoft_note": Text("Para Outlook y Hotmail, deje la contraseña vacía y pulse «Iniciar "
                           "sesión con Microsoft» (no aceptan otra forma de entrar): la persona "
                           "entra con su cuenta en la página de Microsoft y aquí no escribe nada.",
                           "For Outlook and Hotmail, leave the password empty and press 'Sign in "
                           "with Microsoft' (they accept no other way in): the person signs in "
                           "on Microsoft's page and types nothing here."),
    "no_microsoft": Text("Outlook y Hotmail piden el inicio de sesión de Microsoft, que necesita "
                         "una aplicación registrada: arranque la página con «iess-diag serve "
                         "--ms-client-id IDENTIFICADOR» (el README explica cómo registrarla una "
                         "sola vez).",
                         "Outlook and Hotmail need the Microsoft sign-in, which needs a "
                         "registered app: start the page with 'iess-diag serve --ms-client-id "
                         "APP_ID' (the README says how to register it, once)."),
    "file": Text("Revisar un archivo", "Check a file"),
    "file_field": Text("Archivo: una exportación CSV (o una lista de direcciones, una por línea), "
                       "o un correo guardado .eml (hasta 5 MB)",
                       "File: a CSV export (or a list of addresses, one per line), or a saved "
                       ".eml message (up to 5 MB)"),
    "output_format": Text("Formato de los resultados", "Results format"),
    "check_file": Text("Revisar el archivo", "Check the file"),
    "batch_done": Text("{rows} filas revisadas en {seconds} s ({rate} por segundo).",
                       "{rows} rows checked in {seconds} s ({rate} per second)."),
    "by_verdict": Text("Por veredicto", "By verdict"),
    "by_code": Text("Por hallazgo (filas con cada código)", "By finding (rows with each code)"),
    "rows": Text("Filas", "Rows"),
    "code": Text("Código", "Code"),
    "verdict_heading": Text("Veredicto", "Verdict"),
    "progress": Text("Avance de la revisión del archivo", "Progress of the file check"),
    "progress_line": Text("{rows} de unas {total} filas · {rate} por segundo · quedan unos {eta} s",
                          "{rows} of about {total} rows · {rate} per second · about {eta} s "
                          "left"),
    "download_results": Text("Descargar los resultados", "Download the results"),
    "kept_note": Text("Los resultados se guardan solo en la memoria de este programa, 30 minutos "
                      "como máximo.",
                      "The results are kept only in this program's memory, 30 minutes at most."),
    "error": Text("No se pudo revisar", "Could not check"),
}
JOB = {
    "job_title": Text("Buscar el correo en el buzón", "Search the mailbox for the mail"),
    "signin_ask": Text("Pida a la persona que abra esta dirección en su teléfono o computadora, "
                       "escriba el código y entre con la cuenta de su correo:",
                       "Ask the person to open this address on their phone or computer, type "
                       "the code and sign in with their mailbox's account:"),
    "signin_code": Text("Código", "Code"),
    "signin_until": Text("El código vale hasta {at}. La página sigue sola cuando la persona "
                         "haya entrado.",
                         "The code works until {at}. The page goes on by itself once the "
                         "person has signed in."),
    "asking_code": Text("Pidiendo a Microsoft un código de inicio de sesión…",
                        "Asking Microsoft for a sign-in code…"),
    "searching": Text("Buscando el correo en el buzón, en solo lectura…",
                      "Searching the mailbox, read-only…"),
    "wait_ask": Text("Pida ahora a la persona que solicite un nuevo enlace en www.iess.gob.ec "
                     "(«Generar / Recuperar Clave»): esta página espera el correo nuevo y "
                     "muestra el informe en cuanto llegue.",
                     "Ask the person to request a new link now at www.iess.gob.ec ('Generar / "
                     "Recuperar Clave'): this page waits for the new mail and shows the report "
                     "as soon as it arrives."),
    "wait_until": Text("La espera termina a {at} (hora de esta computadora).",
                       "The wait ends at {at} (this computer's time)."),
    "wait_left": Text("Tiempo que queda (minutos:segundos):", "Time left (minutes:seconds):"),
    "cancel_wait": Text("Cancelar la espera", "Cancel the wait"),
    "cancel_signin": Text("Cancelar el inicio de sesión", "Cancel the sign-in"),
    "refreshes": Text("Esta página se actualiza sola.", "This page updates by itself."),
}
AT = Text("{article} {clock}", "{clock}")  # «hasta las 10:32», «a la 1:05»
SIGNIN_CANCELLED = Text("Se canceló el inicio de sesión de Microsoft antes de que la persona "
                        "entrara: no se revisó el buzón.",
                        "The Microsoft sign-in was cancelled before the person signed in: the "
                        "mailbox was not checked.")
NO_MICROSOFT = Text("Esta página no tiene el inicio de sesión de Microsoft: arránquela con "
                    "«iess-diag serve --ms-client-id IDENTIFICADOR».",
                    "This page has no Microsoft sign-in: start it with 'iess-diag serve "
                    "--ms-client-id APP_ID'.")
PASSWORD_AND_MICROSOFT = Text("Elija una forma de entrar al buzón: la contraseña o el inicio de "
                              "sesión de Microsoft, no las dos. Borre la contraseña para usar "
                              "Microsoft.",
                              "Choose one way into the mailbox: the password or the Microsoft "
                              "sign-in, not both. Clear the password to use Microsoft.")
BAD_WAIT = Text("«{wait}» no sirve como espera: escriba los minutos, un número entero de 1 a "
                "{limit}, o deje el campo vacío para no esperar.",
                "'{wait}' is not a wait: type the minutes, a whole number from 1 to {limit}, or "
                "leave the field empty for no wait.")
BUSY = Text("Ya hay {count} {count|búsqueda|búsquedas} en el buzón en curso en esta página, "
            "el máximo a la vez: {count|espere a que termine o cancélela|espere a que termine "
            "alguna o cancele una}.",
            "There {count|is|are} already {count} mailbox {count|search|searches} under way on "
            "this page, the most at once: wait for {count|it|one} to end or cancel "
            "{count|it|one}.")
JOB_GONE = Text("Esa búsqueda ya no está: se guarda una hora como máximo y solo mientras la "
                "página siga abierta. Vuelva a empezar desde el formulario.",
                "That search is gone: it is kept an hour at most and only while the page runs. "
                "Start again from the form.")
GUESSED_ON_PAGE = Text(
    "El archivo no está en UTF-8: se leyó como Windows-1252, la codificación de Excel en Windows. "
    "Si las tildes o la ñ salen mal en los resultados, guárdelo en Excel como «CSV UTF-8» y "
    "vuelva a subirlo.",
    "The file is not UTF-8: it was read as Windows-1252, Excel's encoding on Windows. If accents "
    "come out wrong in the results, save it from Excel as 'CSV UTF-8' and upload it again.")
NO_ADDRESS = Text("Escriba al menos una dirección de correo.", "Type at least one email address.")
TOO_MANY = Text("Son {count} direcciones; la página revisa hasta {limit} a la vez. Para más, use "
                "«iess-diag batch» con un archivo.",
                "That is {count} addresses; the page checks up to {limit} at a time. For more, "
                "use 'iess-diag batch' with a file.")
CEDULA_WITH_MANY = Text("La cédula o el RUC va con una sola dirección: quite las demás o borre la "
                        "cédula.",
                        "A cédula or RUC goes with one address only: remove the others or clear "
                        "the cédula.")
MAILBOX_WITH_MANY = Text("La búsqueda en el buzón va con una sola dirección: quite las demás o "
                         "borre los datos del buzón.",
                         "The mailbox search goes with one address only: remove the others or "
                         "clear the mailbox details.")
NO_PASSWORD = Text("Para buscar en el buzón, la persona escribe su contraseña (o su contraseña de "
                   "aplicación), o entra con Microsoft.",
                   "To search the mailbox, the person types their password (or app password), "
                   "or signs in with Microsoft.")
BAD_SERVER = Text("«{server}» no es un servidor IMAP válido: escriba el nombre, o nombre:puerto.",
                  "'{server}' is not a valid IMAP server: type the name, or name:port.")
TOO_BIG = Text("El formulario es demasiado grande (más de {limit} KB).",
               "The form is too large (over {limit} KB).")
BAD_FORM = Text("El formulario llegó incompleto o caducó: vuelva a abrir la página y envíelo de "
                "nuevo.",
                "The form arrived incomplete or has expired: reload the page and send it again.")
UNEXPECTED = Text("Error interno inesperado ({kind}). Avise al equipo de iess-diag.",
                  "Unexpected internal error ({kind}). Report it to the iess-diag team.")


def words(lang: Lang) -> dict[str, str]:
    """The page's words in one language, for the template."""
    return {key: text.get(lang) for key, text in (PAGE | JOB).items()}
