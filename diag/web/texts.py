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
    "not_here": Text("El inicio de sesión de Microsoft (Outlook, Hotmail) y «Esperar el correo» "
                     "aún no están en la página: use «iess-diag find-reset-mail».",
                     "Microsoft sign-in (Outlook, Hotmail) and 'Wait for the mail' are not on the "
                     "page yet: use 'iess-diag find-reset-mail'."),
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
                   "aplicación).",
                   "To search the mailbox, the person types their password (or app password).")
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
    return {key: text.get(lang) for key, text in PAGE.items()}
