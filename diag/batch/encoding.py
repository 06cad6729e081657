"""Which encoding an input is in: its BOM, UTF-16/32 by their zero bytes, else UTF-8 or cp1252;
and what is not text at all (a spreadsheet, a zip, a binary file) is refused, never read as rows."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from diag.errors import UsageError
from diag.i18n import Text

HEAD = 1 << 16  # bytes looked at to decide

# Longest BOM first: UTF-32 LE's starts with UTF-16 LE's.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
         (codecs.BOM_UTF8, "utf-8"))
_WIDE = ("utf-16", "utf-32")
# A well-formed UTF-8 sequence beyond ASCII: a file holding some is UTF-8 with a few damaged
# bytes (reported on their rows), not a Windows-1252 file.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                             rb"|[\xf0-\xf4][\x80-\xbf]{3}")
# Control bytes that no text holds (tab, line breaks and form feed are text).
_NOT_TEXT_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_SPREADSHEETS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # .xlsx/.ods (zip), .xls (OLE)


@dataclass(frozen=True)
class Choice:
    codec: str  # what the input is decoded with; a BOM stays in the text as U+FEFF
    guessed: bool = False  # cp1252 chosen because the start is not UTF-8: say so


def choose(head: bytes, asked: str | None) -> Choice:
    """The encoding to read an input that starts with `head` (up to HEAD bytes); `asked` is
    --encoding (None: detect). A BOM wins over what was asked: it is no text in any other."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return Choice(codec)
    if asked is not None and _is_wide(asked):
        # Latin text in UTF-16/32 is full of zero bytes: without them the file is not in it,
        # and read so it would be rows of Chinese characters, each an "invalid address".
        if head and (b"\x00" not in head or not _decodes(head, asked)):
            raise UsageError(NOT_IN_ENCODING.format(encoding=asked))
        return Choice(asked)
    if head.startswith(_SPREADSHEETS):
        raise UsageError(SPREADSHEET)
    wide = _wide_without_bom(head) if b"\x00" in head else None
    if wide is not None:
        return Choice(wide)
    if len(head.translate(None, _NOT_TEXT_BYTES)) < len(head) * 0.99:
        raise UsageError(NOT_TEXT)  # a row with a stray control byte is a bad row, not this
    if asked is not None:
        return Choice(asked)
    if _decodes(head, "utf-8") or _UTF8_MULTIBYTE.search(head):
        return Choice("utf-8")
    if _decodes(head, "cp1252"):
        return Choice("cp1252", guessed=True)
    raise UsageError(UNKNOWN_ENCODING)


def _is_wide(codec: str) -> bool:
    return codecs.lookup(codec).name.startswith(_WIDE)


def _wide_without_bom(head: bytes) -> str | None:
    """UTF-16 or UTF-32 without a BOM, told by where the zero bytes of ASCII text fall; None
    when the zeros are those of a binary file."""
    size = len(head) - len(head) % 4
    if size < 4:
        return None
    for codec, zero_at, unit in (("utf-32-le", (1, 2, 3), 4), ("utf-32-be", (0, 1, 2), 4),
                                 ("utf-16-le", (1,), 2), ("utf-16-be", (0,), 2)):
        zeros = [head[i:size:unit].count(0) * 10 for i in range(unit)]
        units = size // unit
        # Nearly every character below U+0100 (Spanish text is), nearly none a NUL.
        if (all(zeros[i] >= 9 * units for i in zero_at)
                and all(zeros[i] <= units for i in range(unit) if i not in zero_at)
                and _decodes(head[:size], codec)):
            return codec
    return None


def _decodes(head: bytes, codec: str) -> bool:
    """Whether `head` is text in `codec`; a character cut at the end of it does not count."""
    try:
        codecs.getincrementaldecoder(codec)().decode(head, final=len(head) < HEAD)
    except UnicodeDecodeError:
        return False
    return True


def _escape(error: UnicodeError) -> tuple[str, int]:
    """Like surrogateescape, for any byte: what is not text becomes U+DC80..U+DCFF, which the
    rows report as undecodable (surrogateescape refuses bytes below 0x80, which UTF-16 has)."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start:error.end]
    return "".join(chr(0xDC80 | (b & 0x7F)) for b in bad), error.end


ESCAPE = "iess-diag-escape"
codecs.register_error(ESCAPE, _escape)


NOT_TEXT = Text(
    "el archivo no es texto (tiene bytes de control): guárdelo como CSV o como texto con una "
    "dirección por línea.",
    "the file is not text (it holds control bytes): save it as CSV, or as text with one "
    "address per line.")


NOT_IN_ENCODING = Text(
    "el archivo no está en {encoding}: quite --encoding para que se detecte su codificación.",
    "the file is not in {encoding}: leave out --encoding to have its encoding detected.")


UNKNOWN_ENCODING = Text(
    "no se reconoce la codificación del archivo: guárdelo como «CSV UTF-8», o indique su "
    "codificación con --encoding.",
    "the file's encoding is not recognised: save it as 'CSV UTF-8', or give its encoding with "
    "--encoding.")


SPREADSHEET = Text(
    "el archivo es un libro de hoja de cálculo (.xlsx, .xls u .ods), no un CSV: ábralo y "
    "guárdelo como «CSV UTF-8».",
    "the file is a spreadsheet workbook (.xlsx, .xls or .ods), not a CSV: open it and save it "
    "as 'CSV UTF-8'.")


GUESSED = Text(
    "el archivo no está en UTF-8: se leyó como Windows-1252, la codificación de Excel en "
    "Windows. Si las tildes o la ñ salen mal, indique la correcta con --encoding.",
    "the file is not UTF-8: it was read as Windows-1252, Excel's encoding on Windows. If "
    "accents come out wrong, give the right one with --encoding.")
