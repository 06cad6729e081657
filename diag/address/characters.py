"""Plain names, in both languages, for the invisible characters an address can carry."""

from __future__ import annotations

import unicodedata

from diag.i18n import Text

# The ones that copying from chats, PDFs and spreadsheets leaves in practice (Unicode's names in
# English are jargon to a help desk: "ZERO WIDTH NO-BREAK SPACE" is a byte-order mark).
_NAMES: dict[str, Text] = {
    "\u200b": Text("un espacio de ancho cero", "a zero-width space"),
    "\u200c": Text("un separador de ancho cero", "a zero-width non-joiner"),
    "\u200d": Text("un enlazador de ancho cero", "a zero-width joiner"),
    "\u2060": Text("un enlazador de palabras invisible", "an invisible word joiner"),
    "\ufeff": Text("una marca invisible de inicio de texto (BOM)",
                   "an invisible byte-order mark (BOM)"),
    "\u00ad": Text("un guion invisible (guion suave)", "an invisible soft hyphen"),
    "\u200e": Text("una marca invisible de escritura de izquierda a derecha",
                   "an invisible left-to-right mark"),
    "\u200f": Text("una marca invisible de escritura de derecha a izquierda",
                   "an invisible right-to-left mark"),
    "\u061c": Text("una marca invisible de escritura árabe", "an invisible Arabic letter mark"),
    "\u00a0": Text("un espacio que no se ve como tal (espacio duro)", "a no-break space"),
    "\u2007": Text("un espacio de ancho de cifra", "a figure space"),
    "\u202f": Text("un espacio duro estrecho", "a narrow no-break space"),
    "\u3000": Text("un espacio ancho de escritura asiática", "an ideographic space"),
}
_DIRECTION = Text("un control invisible que cambia el sentido de la escritura",
                  "an invisible control that changes the direction of the text")
_CONTROL = Text("un carácter de control", "a control character")
_FORMAT = Text("un carácter de formato invisible", "an invisible formatting character")


def describe(char: str) -> Text:
    """What a person would call the character: «un espacio de ancho cero»."""
    if char in _NAMES:
        return _NAMES[char]
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return _DIRECTION
    return _CONTROL if unicodedata.category(char) == "Cc" else _FORMAT


def code_name(char: str) -> str:
    """The precise name for the details: `U+200B ZERO WIDTH SPACE`."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'CONTROL CHARACTER')}"
