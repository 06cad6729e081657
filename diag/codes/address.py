"""Codes of the address as typed (diag.address)."""

from __future__ import annotations

from diag.codes.model import AFTER_ADDRESS, FAIL, INFO, OK, WARN, CodeInfo, entry

CODES: list[CodeInfo] = [
    entry("address.valid", OK,
          ("La dirección tiene la forma que exigen las reglas del correo (RFC 5321/5322/6531); "
           "eso no dice si el dominio existe ni si está bien elegido.",
           "The address is well formed under the mail standards (RFC 5321/5322/6531)."),
          ("La dirección {address} tiene la forma de una dirección de correo (arroba, dominio y "
           "caracteres permitidos).",
           "The address {address} has the shape of a mail address (an @, a domain and allowed "
           "characters).")),
    entry("address.invalid", FAIL,
          ("La dirección no cumple las reglas del correo: ningún mensaje puede llegar a ella.",
           "The address breaks the mail rules: no message can reach it."),
          ("La dirección «{input}» no es válida: {reason}",
           "The address '{input}' is not valid: {reason}"),
          ("fix_typo", *AFTER_ADDRESS),
          unknown=("No se pudo leer la dirección «{input}»: {reason} No se sabe si es válida.",
                   "The address '{input}' could not be read: {reason} Whether it is valid is "
                   "not known.")),
    entry("address.invisible_characters", WARN,
          ("La dirección trae caracteres que no se ven (espacios de ancho cero, marcas que cambian "
           "el sentido de la escritura, caracteres de control), típicos de copiar desde chats o "
           "PDF.",
           "The address carries invisible characters (zero-width spaces, direction marks, control "
           "characters), typical of text copied from chats or PDFs."),
          ("La dirección tiene {count} {count|carácter invisible|caracteres invisibles} "
           "({described}) {positions|en la posición|en las posiciones} {positions}. "
           "Sin {count|él|ellos}, queda: {cleaned}",
           "The address has {count} invisible {count|character|characters} ({described}) "
           "at {positions|position|positions} {positions}. Without {count|it|them}: {cleaned}"),
          ("remove_invisible_characters",)),
    entry("address.extra_characters", WARN,
          ("Lo escrito trae, alrededor de la dirección, algo que no es parte de ella (un "
           "«mailto:», un nombre con «<» y «>», comillas, un punto o una coma al final) o una "
           "arroba de otro teclado: se revisó la dirección de adentro, que es casi seguro la de "
           "la persona, pero hay que escribirla sin eso.",
           "What was typed wraps the address in something that is not part of it (a 'mailto:', "
           "a name with '<' and '>', quotes, a final dot or comma) or has an @ from another "
           "keyboard: the address inside, almost certainly the person's, was checked, but it "
           "must be typed without that."),
          ("Lo escrito no es solo la dirección: {fixes}. Se revisó «{cleaned}».",
           "What was typed is not just the address: {fixes}. Checked: '{cleaned}'."),
          ("type_address_clean",)),
    entry("address.quoted_local", WARN,
          ("La parte antes de la arroba va entre comillas: las normas del correo lo permiten, "
           "pero casi ningún proveedor crea direcciones así y es probable que el formulario del "
           "IESS no la acepte.",
           "The part before the @ sign is in quotes: the mail standards allow it, but hardly any "
           "provider creates such addresses and the IESS form will probably refuse it."),
          ("La dirección {address} lleva comillas antes de la arroba: es válida, pero es "
           "probable que el formulario del IESS no la acepte.",
           "The address {address} has quotes before the @ sign: it is valid, but the IESS form "
           "will probably refuse it."),
          ("confirm_quoted_address",)),
    entry("address.normalized", INFO,
          ("La herramienta corrigió detalles que no cambian el buzón (espacios, mayúsculas del "
           "dominio, forma Unicode). Compare con lo que el IESS tiene registrado.",
           "The tool corrected details that do not change the mailbox (spaces, letter case of the "
           "domain, Unicode form). Compare with what IESS has on file."),
          ("Se revisó como {address} ({changes}).", "Checked as {address} ({changes})."),
          ("verify_address_active",)),
    entry("address.typo_suspected", WARN,
          ("El dominio se parece mucho al de un proveedor conocido: probablemente es un error de "
           "escritura. Un dominio parecido que sí existe puede ser de otra persona.",
           "The domain is very close to a well-known provider's: probably a typing mistake. A "
           "look-alike domain that exists may belong to someone else."),
          ("El dominio {domain} parece un error de escritura. ¿Quiso decir {suggestion}?",
           "The domain {domain} looks like a typing mistake. Did you mean {suggestion}?"),
          ("fix_typo", "update_address_at_cau")),
    entry("address.disposable", WARN,
          ("El dominio es de un servicio de correo temporal o desechable.",
           "The domain belongs to a temporary, throwaway mail service."),
          ("El dominio {domain} es de un servicio de correo temporal (desechable).",
           "{domain} is a temporary (throwaway) mail service."),
          ("avoid_disposable", "update_address_at_cau")),
]

