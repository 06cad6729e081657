"""The Spanish of every --help text, keyed by its English (the English lives beside each option).

`tests/cli/test_help.py` checks that every help text of every command has its entry here.
"""

from __future__ import annotations

HELP_ES: dict[str, str] = {
    # the root
    "Show the version and exit.": "Muestra la versión y termina.",
    "Show the full traceback of an unexpected error and each IMAP command's name (never "
    "secrets).": "Muestra el detalle completo de un error inesperado y el nombre de cada comando "
                 "IMAP enviado (nunca datos secretos).",
    "Install completion for the current shell.":
        "Instala el autocompletado para el intérprete de comandos actual.",
    "Show completion for the current shell, to copy it or customize the installation.":
        "Muestra el autocompletado del intérprete actual, para copiarlo o instalarlo a mano.",
    "Find out why the IESS password-recovery email did not arrive, and what to do next. / "
    "Averigüe por qué no llegó el correo de recuperación de clave del IESS.":
        "Averigüe por qué no llegó el correo de recuperación de clave del IESS y qué hacer a "
        "continuación.",
    "Show this message and exit.": "Muestra esta ayuda y termina.",
    # shared options
    "One or more addresses, or - to read one per line from stdin.":
        "Una o más direcciones, o - para leerlas de la entrada estándar, una por línea.",
    "Output format. Default: table on a terminal, json otherwise.":
        "Formato de salida. Por omisión: table en una terminal, json en otro caso.",
    "Write the report to FILE (replaced at once, readable by you only) instead of stdout; - is "
    "stdout. Without --format, the format follows the suffix: .html, .md, .json.":
        "Escribe el informe en ARCHIVO (se reemplaza de una vez y solo usted puede leerlo) en "
        "lugar de la pantalla; - es la pantalla. Sin --format, el formato sale de la extensión: "
        ".html, .md, .json.",
    "Language of messages: es or en. Default: from the locale (es when LANG/LC_* starts with "
    "'es').": "Idioma de los mensajes: es o en. Por omisión, el del sistema (es cuando LANG o "
              "LC_* empieza por «es»).",
    "DNS server to ask instead of the system's; repeatable. The variable takes several "
    "separated by spaces.": "Servidor DNS al que preguntar en lugar del del sistema; se puede "
                            "repetir. La variable admite varios separados por espacios.",
    "Total time allowed for the DNS checks of one address.":
        "Tiempo total permitido para las consultas DNS de una dirección.",
    "Output format: table (plain lines), json or markdown.":
        "Formato de salida: table (líneas de texto), json o markdown.",
    # commands
    "Check that an address is well formed and that its domain can receive mail.":
        "Revisa que una dirección tenga la forma correcta y que su dominio pueda recibir "
        "correo.",
    "Sign in to the mailbox READ-ONLY and find the IESS recovery mail in every folder.":
        "Entra al buzón EN SOLO LECTURA y busca el correo de recuperación del IESS en todas las "
        "carpetas.",
    "Diagnose one case: the address, then the mailbox (when sign-in details are given) and the "
    "cédula, with one action plan in the order to follow it.":
        "Diagnostica un caso: la dirección, luego el buzón (si se dan los datos de acceso) y la "
        "cédula, con un solo plan de acción en el orden en que se sigue.",
    "Check every address of an export file (CSV or a list), in order, resumable.":
        "Revisa cada dirección de un archivo exportado (CSV o lista), en orden y con opción de "
        "continuar si se interrumpe.",
    "Check a cédula or RUC: its kind, province and check digit, offline.":
        "Revisa una cédula o un RUC: su tipo, su provincia y su dígito verificador, sin "
        "conexión.",
    "Tell whether a saved message is the genuine IESS mail or a look-alike, and when it came.":
        "Dice si un mensaje guardado es el correo auténtico del IESS o una imitación, y cuándo "
        "llegó.",
    "Print what a finding code means and the advice that goes with it.":
        "Explica qué significa un código de hallazgo y qué consejos lo acompañan.",
    "List the whole advice catalog, in the order an action plan uses it.":
        "Lista todo el catálogo de consejos, en el orden en que los usa un plan de acción.",
    # find-reset-mail and diagnose
    "The address registered at IESS.": "La dirección registrada en el IESS.",
    "The address registered at IESS, as the person gave it.":
        "La dirección registrada en el IESS, tal como la dio la persona.",
    "IMAP user name. Default: the address (its local part for iCloud). The password is read "
    "from IESS_DIAG_IMAP_PASSWORD or asked for without echo; never give it as an option.":
        "Usuario IMAP. Por omisión, la dirección (para iCloud, lo que va antes de la arroba). La "
        "contraseña se lee de IESS_DIAG_IMAP_PASSWORD o se pide sin mostrarla; nunca se da como "
        "opción.",
    "IMAP server. Default: the provider's, found from the domain's MX records.":
        "Servidor IMAP. Por omisión, el del proveedor, deducido de los registros MX del dominio.",
    "IMAP port. Default: 993 (TLS), or 143 with --starttls / --allow-plaintext.":
        "Puerto IMAP. Por omisión, 993 (TLS), o 143 con --starttls o --allow-plaintext.",
    "Connect to the plain port and require STARTTLS (never falls back to an unencrypted "
    "connection).": "Se conecta al puerto sin cifrar y exige STARTTLS (nunca sigue sin "
                    "cifrado).",
    "Allow an unencrypted connection (port 143; STARTTLS is still used when offered). Only for "
    "test servers: the password crosses the network readable.":
        "Permite una conexión sin cifrar (puerto 143; se usa STARTTLS si el servidor lo ofrece). "
        "Solo para servidores de prueba: la contraseña viaja legible por la red.",
    "PEM file of the certificate authority to trust (an organisation's private CA).":
        "Archivo PEM de la autoridad de certificación en la que confiar (la CA privada de una "
        "institución).",
    "Time allowed for each network operation with the IMAP server.":
        "Tiempo permitido para cada operación de red con el servidor IMAP.",
    "Search mail that arrived since then: 30m, 2h, 7d, or a date 2026-11-25[T14:30].":
        "Busca el correo llegado desde entonces: 30m, 2h, 7d, o una fecha 2026-11-25[T14:30].",
    "After searching, wait up to DURATION (e.g. 10m) for a NEW recovery mail: ask the person "
    "to request a new link now. Ctrl-C ends the wait with what was found.":
        "Después de buscar, espera hasta DURACIÓN (p. ej. 10m) un correo de recuperación NUEVO: "
        "pida a la persona que solicite un enlace nuevo en ese momento. Ctrl-C termina la "
        "espera con lo encontrado.",
    "While waiting, how often junk and promotions folders are checked (INBOX uses IDLE).":
        "Durante la espera, cada cuánto se revisan las carpetas de spam y promociones (la "
        "bandeja de entrada avisa sola, con IDLE).",
    "Application (client) id of an Entra ID app: signs in to Outlook/Hotmail with a device "
    "code (OAuth2).": "Identificador de una aplicación de Entra ID: entra a Outlook o Hotmail "
                      "con un código de dispositivo (OAuth2).",
    "common (personal and work accounts), consumers (Hotmail/Outlook.com), organizations "
    "(work/school), or a tenant id.": "common (cuentas personales y de trabajo), consumers "
                                      "(Hotmail y Outlook.com), organizations (trabajo o "
                                      "estudios), o el identificador de un inquilino.",
    "Keep Microsoft tokens in this file (mode 0600) to skip the device code next time. "
    "Default: tokens stay in memory only.":
        "Guarda las credenciales de Microsoft en este archivo (modo 0600) para no repetir el "
        "código de dispositivo. Por omisión, solo quedan en memoria.",
    "Domain the genuine mail comes from, subdomains included; repeatable. Default: "
    "iess.gob.ec.": "Dominio del que viene el correo auténtico, con sus subdominios; se puede "
                    "repetir. Por omisión: iess.gob.ec.",
    "Word that marks a recovery subject (accents and case ignored); repeatable. Default: "
    "clave, contraseña, recuperación, desbloqueo, generación, ...":
        "Palabra que identifica un asunto de recuperación (sin importar tildes ni mayúsculas); "
        "se puede repetir. Por omisión: clave, contraseña, recuperación, desbloqueo, "
        "generación, ...",
    "How long the mail's link works, e.g. 3m, 15m. Default: 15m.":
        "Cuánto dura el enlace del correo, p. ej. 3m, 15m. Por omisión: 15m.",
    "Delivery time above which the mail counts as delayed. Default: 5m.":
        "Tiempo de entrega a partir del cual el correo cuenta como demorado. Por omisión: 5m.",
    "Also check this cédula or RUC and add it to the report.":
        "Revisa también esta cédula o RUC y la agrega al informe.",
    "Mask personal data in every format: the address (a****@hotmail.com), the mailbox user, "
    "other people's addresses, the cédula (17******18).":
        "Oculta los datos personales en todos los formatos: la dirección (a****@hotmail.com), "
        "el usuario del buzón, las direcciones de otras personas y la cédula (17******18).",
    # batch
    "CSV with a header row (',' or ';' or tab, sniffed), or a list with one address per line; "
    "- reads stdin. A first line without a delimiter is a list, unless it is a column name "
    "like email/correo/mail.":
        "CSV con fila de encabezado (separado por «,», «;» o tabulador, se detecta solo), o una "
        "lista con una dirección por línea; - lee la entrada estándar. Una primera línea sin "
        "separador es una lista, salvo que sea un nombre de columna como email, correo o mail.",
    "The address column (name, any case or accents, or its 1-based number). Default: the "
    "first whose name looks like email/correo/e-mail/mail.":
        "La columna de la dirección (su nombre, sin importar mayúsculas ni tildes, o su número "
        "contando desde 1). Por omisión, la primera que se llame como email, correo, e-mail o "
        "mail.",
    "Write the results here instead of stdout; - is stdout.":
        "Escribe los resultados aquí en lugar de la pantalla; - es la pantalla.",
    "jsonl: one JSON object per row (the check-email JSON plus row and columns). csv: the "
    "row's columns plus iess_row, iess_address, iess_verdict, iess_codes, iess_message.":
        "jsonl: un objeto JSON por fila (el JSON de check-email más los campos `row` y "
        "`columns`). csv: las columnas de la fila más iess_row, iess_address, iess_verdict, "
        "iess_codes e iess_message.",
    "Continue an interrupted run: keep the complete records already in --output and check "
    "only the rows after them.": "Continúa una revisión interrumpida: conserva los registros "
                                 "completos que ya están en --output y revisa solo las filas "
                                 "siguientes.",
    "Replace an existing, non-empty --output.": "Reemplaza un --output que ya existe y no está "
                                                "vacío.",
    "Also write the summary (counts per verdict and per finding code) as JSON.":
        "Escribe además el resumen (cuántos por veredicto y por código de hallazgo) en JSON.",
    "DNS queries in flight at most (and domains checked at once).":
        "Consultas DNS simultáneas como máximo (y dominios revisados a la vez).",
    "Language of --help, of errors and of the command's messages: es or en (the command's "
    "own --lang wins). Default: IESS_DIAG_LANG, else the locale.":
        "Idioma de --help, de los errores y de los mensajes del comando: es o en (gana el --lang "
        "del propio comando). Por omisión: IESS_DIAG_LANG, si no, el idioma del sistema.",
    "Text encoding of FILE, e.g. cp1252. Default: from its BOM (UTF-8, UTF-16 or UTF-32, as "
    "Excel saves them), else UTF-8, else Windows-1252 (said on stderr).":
        "Codificación del texto de ARCHIVO, p. ej. cp1252. Por omisión: la que indica su marca "
        "BOM (UTF-8, UTF-16 o UTF-32, como las guarda Excel); si no tiene, UTF-8, y si no es "
        "UTF-8, Windows-1252 (se avisa en la salida de errores).",
    "Interrupted? Run the same command again with --resume. / ¿Se interrumpió? Repita el "
    "mismo comando con --resume.": "¿Se interrumpió? Repita el mismo comando con --resume.",
    "Exit status: 0 no row has a problem, 1 some row has a problem, 3 some row is "
    "inconclusive and none has a problem, 2 bad usage or unreadable input, 130 interrupted "
    "(what was done is kept).":
        "Código de salida: 0 ninguna fila tiene un problema, 1 alguna fila tiene un problema, "
        "3 alguna fila no es concluyente y ninguna tiene un problema, 2 uso incorrecto o "
        "entrada ilegible, 130 interrumpido (lo hecho se conserva).",
    # check-id, analyze-headers, explain
    "One or more cédulas (10 digits) or RUCs (13 digits), or - to read one per line from "
    "stdin. Spaces, dashes and dots are tolerated and reported.":
        "Una o más cédulas (10 dígitos) o RUC (13 dígitos), o - para leerlos de la entrada "
        "estándar, uno por línea. Se toleran espacios, guiones y puntos, y se informa de "
        "ellos.",
    "A saved message (.eml, 'show original'), or - to read one from stdin.":
        "Un mensaje guardado (.eml, «mostrar original»), o - para leerlo de la entrada "
        "estándar.",
    "A finding code, e.g. mx.unresolvable.": "Un código de hallazgo, p. ej. mx.unresolvable.",
    # batch --jobs
    "Worker processes (default: the machine's cores). Rows are shared out by domain, so "
    "each domain is looked up once; the output keeps the input order. --jobs 1 checks in "
    "one process; a file under 256 rows always does.":
        "Procesos de trabajo (por omisión, uno por núcleo del computador). Las filas se "
        "reparten por dominio, así que cada dominio se consulta una sola vez; la salida "
        "conserva el orden del archivo. Con --jobs 1 todo se revisa en un solo proceso, "
        "como siempre ocurre con un archivo de menos de 256 filas.",
    # iess-diag serve
    "Allow an address other machines can reach (with TLS only).":
        "Permite una dirección a la que llegan otras máquinas (solo con TLS).",
    "Also open the page in the default browser.":
        "Abre además la página en el navegador predeterminado.",
    "Leave out the 'Sender (IESS)' section of every case.":
        "Omite la sección «Remitente (IESS)» en todos los casos.",
    "Start the help desk's web page on this computer: check cases in a browser, in "
    "Spanish by default, with the same findings and plan as `diagnose`.":
        "Inicia la página web de la mesa de ayuda en este computador: revise casos en el "
        "navegador, en español por omisión, con los mismos hallazgos y el mismo plan que "
        "`diagnose`.",
    "TLS certificate (PEM): the page is then HTTPS (needed for --allow-remote).":
        "Certificado TLS (PEM): la página pasa a ser HTTPS (hace falta para "
        "--allow-remote).",
    "TLS private key (PEM), with --cert.":
        "Clave privada TLS (PEM), junto con --cert.",
    "The IP address to listen on. Anything but a loopback address (127.0.0.1, ::1) needs "
    "--allow-remote, --cert and --key.":
        "La dirección IP en la que escucha. Cualquiera que no sea local (127.0.0.1, ::1) "
        "necesita --allow-remote, --cert y --key.",
    "The port; 0 picks a free one.":
        "El puerto; 0 elige uno libre.",
    "Trust this CA (PEM) for the mailbox's TLS certificate, as diagnose --ca-file.":
        "Confía en esta autoridad (PEM) para el certificado TLS del buzón, como diagnose "
        "--ca-file.",
    # added with check-sender, file safety and the action plan
    "A saved mail from the domain: also check the server that delivered it, when its "
    "receiver vouches the mail is the domain's; repeatable.":
        "Un correo guardado del dominio: revisa también el servidor que lo entregó, "
        "cuando el receptor confirma que el correo es de ese dominio; se puede repetir.",
    "Also check this sending address against the blocklists (e.g. the first external "
    "Received hop of a saved mail); repeatable.":
        "Revisa también esta dirección de envío en las listas de bloqueo (por ejemplo, el"
        " primer servidor externo que aparece en las cabeceras «Received» de un correo "
        "guardado); se puede repetir.",
    "Also write the summary (counts per verdict and per finding code) as JSON, readable "
    "by you only. An existing FILE is replaced only with --force.":
        "Escribe además el resumen (cuántas filas hay por veredicto y por código de "
        "hallazgo) en JSON, legible solo por usted. Un ARCHIVO que ya existe se reemplaza"
        " solo con --force.",
    "CSV: write cells exactly as they are. By default a cell that starts with = + - @, a "
    "tab or a CR gets a leading ' so that a spreadsheet shows it instead of running it; "
    "use this only when a program, not a person, reads the CSV.":
        "CSV: escribe las celdas tal como son. Por omisión, a una celda que empieza con ="
        " + - @, un tabulador o un retorno de carro se le antepone ' para que la hoja de "
        "cálculo la muestre en lugar de ejecutarla; use esta opción solo cuando el CSV lo"
        " lee un programa, no una persona.",
    "Check the sending domain: SPF, DMARC, DKIM, its mail servers, and whether its "
    "sending servers are on a blocklist.":
        "Revisa el dominio remitente: SPF, DMARC, DKIM, sus servidores de correo y si sus"
        " servidores de envío están en una lista de bloqueo.",
    "DKIM selector to check for a public key (the s= of a received mail's "
    "DKIM-Signature); repeatable.":
        "Selector DKIM cuya clave pública se revisa (el valor s= de la cabecera "
        "DKIM-Signature de un correo recibido); se puede repetir.",
    "Exit status: 0 no row has a problem, 1 some row has a problem, 3 some row is "
    "inconclusive and none has a problem, 2 bad usage or unreadable input, 74 the disk is"
    " full or the output was closed (what was written is kept: free some space, then "
    "--resume), 130 interrupted (what was done is kept).":
        "Código de salida: 0 ninguna fila tiene un problema, 1 alguna fila tiene un "
        "problema, 3 alguna fila no es concluyente y ninguna tiene un problema, 2 uso "
        "incorrecto o archivo ilegible, 74 el disco está lleno o la salida se cerró (lo "
        "escrito se conserva: libere espacio y use --resume), 130 interrumpido (lo hecho "
        "se conserva).",
    "Keep Microsoft tokens in this file (mode 0600) to skip the device code next time. "
    "Default: tokens stay in memory only. The account is removed from the file when the "
    "run ends, unless --remember-account is given.":
        "Guarda los tokens de Microsoft en este archivo (modo 0600) para no pedir el "
        "código de dispositivo la próxima vez. Por omisión, los tokens quedan solo en "
        "memoria. Al terminar, la cuenta se borra del archivo, salvo que se use "
        "--remember-account.",
    "Replace an existing --output file.":
        "Reemplaza el archivo de --output si ya existe.",
    "Skip the 'Sender (IESS)' section: SPF, DMARC and blocklists of the first sender "
    "domain (checked once every few minutes per process).":
        "Omite la sección «Remitente (IESS)»: SPF, DMARC y listas de bloqueo del primer "
        "dominio remitente (se revisa una vez cada pocos minutos en cada ejecución).",
    "The sending domain. Default: iess.gob.ec.":
        "El dominio remitente. Por omisión: iess.gob.ec.",
    "Whom the action plan speaks to: agent (default: what to do and what to tell the "
    "person) or person (the affiliate, directly). Spanish: agente, persona.":
        "A quién le habla el plan de acción: agent o agente (por omisión: qué hacer y qué"
        " decirle a la persona) o person o persona (al afiliado, directamente).",
    "With --token-cache: keep this account's sign-in in the file for the next run (only "
    "for the person's own computer; by default it is removed when the run ends).":
        "Con --token-cache: conserva en el archivo el inicio de sesión de esta cuenta "
        "para la próxima vez (solo en el computador de la propia persona; por omisión se "
        "borra al terminar).",
    "Work offline: do not look up the server that delivered an IESS mail on the DNS "
    "blocklists.":
        "Trabaja sin conexión: no consulta en las listas de bloqueo (por DNS) el servidor"
        " que entregó un correo del IESS.",
    "Write the report to FILE (written at once, readable by you only) instead of stdout; "
    "- is stdout. An existing FILE is replaced only with --force. Without --format, the "
    "format follows the suffix: .html, .md, .json.":
        "Escribe el informe en ARCHIVO (de una sola vez y legible solo por usted) en "
        "lugar de la pantalla; - es la pantalla. Un ARCHIVO que ya existe se reemplaza "
        "solo con --force. Sin --format, el formato sale de la extensión: .html, .md, "
        ".json.",
}

# Click's own words around the help texts.
CHROME_ES = {"Usage:": "Uso:", "Options": "Opciones", "Arguments": "Argumentos",
             "Commands": "Comandos", "default": "por omisión", "required": "obligatorio",
             "env var": "variable"}
