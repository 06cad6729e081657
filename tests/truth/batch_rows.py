"""Truth table: does every row of an export come out, checked or reported as a bad row?

Each row: (name, file content (text, or the file's bytes: those go through `iess-diag batch
FILE`, encoding detection included), records that must come out, verdict or code per row that must
come out, verdicts or codes that must never come out on any record, why). Records are numbered
from 1 after the header; "code:status" names a finding with its status.
"""

from __future__ import annotations

from typing import NamedTuple


class Row(NamedTuple):
    name: str
    content: str | bytes
    records: int
    must: dict[int, str]
    never: tuple[str, ...]
    why: str


_HEADER = "email,nota\n"
_MANY = "".join(f"user{i}@hotmail.com,ok\n" for i in range(1000))
_BIG = "x" * (2 * 1024 * 1024)
_QUARTER = "y" * (256 * 1024) + "\n"
_BLAME = ("problem", "batch.bad_row:fail")
_UNREAD = "batch.bad_row:unknown"
# An Ecuadorian export as Excel saves it: a name with an accent, two addresses.
_EXCEL = "Nombre,Correo\r\nAna Pérez,ana@hotmail.com\r\nLuis Muñoz,luis@hotmail.com\r\n"
_READ_WRONG = ("problem", "address.invalid", "address.invisible_characters", "batch.bad_row")

ROWS: tuple[Row, ...] = (
    Row("unclosed quote, 1001 rows", _HEADER + 'ana@hotmail.com,"sin cerrar\n' + _MANY, 1001,
        {1: _UNREAD, 2: "ok", 1001: "ok"}, _BLAME,
        "a quote left open in a notes cell must not swallow the 1000 rows after it"),
    Row("unclosed quote on the last line", _HEADER + "ana@hotmail.com,ok\n"
        'luis@hotmail.com,"sin cerrar', 2, {1: "ok", 2: _UNREAD}, _BLAME,
        "a quoted field that runs to the end of the input is a bad row, not a record"),
    Row("notes cell over 1 MB", _HEADER + "ana@hotmail.com,ok\nb@hotmail.com," + _BIG
        + "\nluis@hotmail.com,ok\n", 3, {1: "ok", 2: "inconclusive", 3: "ok"}, _BLAME,
        "an unreadable row was not checked: unknown, never a problem"),
    Row("quoted notes over 1 MB across lines", _HEADER + 'ana@hotmail.com,"' + _QUARTER * 5
        + '"\nluis@hotmail.com,ok\n', 7, {1: _UNREAD, 2: _UNREAD, 7: "ok"}, _BLAME,
        "a cell too big to read: its lines are not rows with a wrong address"),
    Row("a quote closed by the next row", _HEADER + 'ana@hotmail.com,"nota\n'
        'luis@hotmail.com,"otra" nota\npedro@hotmail.com,ok\n', 3,
        {1: _UNREAD, 2: "ok", 3: "ok"}, _BLAME,
        "two rows glued by a stray quote are not one record"),
    Row("quote swallowing rows up to a matching one", _HEADER + 'ana@hotmail.com,"nota\n'
        + "".join(f"u{i}@hotmail.com,ok\n" for i in range(150)) + 'fin@hotmail.com,fin"\n',
        152, {1: _UNREAD, 2: "ok", 152: "ok"}, _BLAME,
        "a quoted field across an unreasonable number of lines is a bad row"),
    Row("quote closing cleanly 50 rows later", _HEADER + 'ana@hotmail.com,"nota\n'
        + "".join(f"u{i}@hotmail.com,ok\n" for i in range(50)) + 'fin@hotmail.com,fin"\n',
        52, {1: _UNREAD, 2: "ok", 52: "ok"}, _BLAME,
        "lines that are rows of their own inside a quoted cell: rows glued by a stray quote"),
    Row("blank lines inside a runaway cell", _HEADER + 'ana@hotmail.com,"nota\n\n'
        + "sigue la nota\n" * 120 + "luis@hotmail.com,ok\n", 123,
        {1: _UNREAD, 2: _UNREAD, 3: _UNREAD, 123: "ok"}, _BLAME,
        "a blank line of a broken cell is part of it, not an empty row with a problem"),
    Row("unclosed quote in a file whose rows lack a column", "email,nota,extra\n"
        'ana@hotmail.com,"sin cerrar\n' + "".join(f"u{i}@hotmail.com,ok\n" for i in range(20)),
        21, {1: _UNREAD, 2: "ok", 21: "ok"}, _BLAME,
        "rows that are rows (an address in the address column) are checked, ragged or not"),
    Row("a legitimate multi-line notes cell", _HEADER + 'ana@hotmail.com,"línea 1\nlínea 2\n'
        'línea 3"\nluis@hotmail.com,ok\n', 2, {1: "ok", 2: "ok"}, ("batch.bad_row", *_BLAME),
        "quoted line breaks inside a cell are one row"),
    Row("a quote inside an unquoted cell", _HEADER + 'ana@hotmail.com,dijo "hola"\n'
        "luis@hotmail.com,ok\n", 2, {1: "ok", 2: "ok"}, ("batch.bad_row", *_BLAME),
        "a quote in the middle of a cell is just a character"),
    Row("an address the file's encoding cannot read", _HEADER + "nu\udcf1ez@gmail.com,ok\n"
        "luis@hotmail.com,ok\n", 2, {1: "inconclusive", 2: "ok"},
        (*_BLAME, "address.invalid:fail"),
        "cp1252's ñ read as UTF-8 (found by review): the address was not read, so not a problem"),
    Row("UTF-16 with BOM (Excel's «Texto Unicode»)", _EXCEL.encode("utf-16"), 2,
        {1: "ok", 2: "ok"}, _READ_WRONG,
        "read as UTF-8, every other byte was a NUL: rows of NULs judged as problems (review)"),
    Row("UTF-16 big-endian with BOM", _EXCEL.encode("utf-16-be").join([b"\xfe\xff", b""]), 2,
        {1: "ok", 2: "ok"}, _READ_WRONG, "the BOM says which byte comes first"),
    Row("UTF-16 without BOM", _EXCEL.encode("utf-16-le"), 2, {1: "ok", 2: "ok"}, _READ_WRONG,
        "text below U+0100 in UTF-16 has a NUL in every other byte: that is the encoding"),
    Row("UTF-32 with BOM", _EXCEL.encode("utf-32"), 2, {1: "ok", 2: "ok"}, _READ_WRONG,
        "three NULs out of four bytes: UTF-32, not rows of invisible characters"),
    Row("Windows-1252 (Excel's «CSV» on Windows)", _EXCEL.encode("cp1252"), 2,
        {1: "ok", 2: "ok"}, _READ_WRONG,
        "«Pérez» in cp1252 is not UTF-8: read as UTF-8 its row carried a damaged-data note"),
    Row("a title line above the header", "Listado de afiliados\r\nNombre;Correo\r\n"
        "Ana;ana@hotmail.com\r\nLuis;luis@hotmail.com\r\n", 2, {1: "ok", 2: "ok"}, _READ_WRONG,
        "read as a list, the title, the header and every row were 'invalid addresses' (review)"),
    Row("blank lines before the header", "\r\n\r\nNombre;Correo\r\nAna;ana@hotmail.com\r\n", 1,
        {1: "ok"}, _READ_WRONG, "a file that starts with a blank line is not 'empty'"),
    Row("an empty row of delimiters before the header", ";;\r\nNombre;Correo;Nota\r\n"
        "Ana;ana@hotmail.com;x\r\n", 1, {1: "ok"}, _READ_WRONG,
        "Excel's empty first row is not the header (no address column in it)"),
    Row("a list with a UTF-8 BOM", "\ufeffana@hotmail.com\r\nluis@hotmail.com\r\n", 2,
        {1: "ok", 2: "ok"}, _READ_WRONG, "the file's BOM is not an invisible character typed"),
    Row("two addresses in one cell", 'Nombre,Correo\r\nAna,"ana@hotmail.com; ana2@hotmail.com"'
        "\r\nLuis,luis@hotmail.com\r\n", 2, {1: "address.invalid:unknown", 2: "ok"},
        ("problem",), "which of the two is the person's is not known: never a problem"),
    Row("a list saved by Excel with an empty second column", "ana@hotmail.com;\r\n"
        "luis@hotmail.com;\r\n", 2, {1: "ok", 2: "ok"}, _READ_WRONG,
        "`ana@hotmail.com;` is a row, not a header without an address column (an error)"),
    Row("rows without a header", "Ana;ana@hotmail.com\r\nLuis;luis@hotmail.com\r\n", 2,
        {1: "ok", 2: "ok"}, _READ_WRONG, "a first line holding an address is a row"),
    Row("a one-column CSV with quoted cells", '"Correo"\r\n"ana@hotmail.com"\r\n', 1,
        {1: "ok"}, (*_READ_WRONG, "address.extra_characters"),
        "CSV quotes are not quotes the person typed around the address"),
)
