"""The text of a Word 97-2003 binary file (.doc, and WPS Writer's .wps, the same format).

Governments often publish a plan's annex as 附件.doc. The text is read as [MS-DOC] lays
it out: the FIB names the table stream (0Table/1Table) and where the CLX lies in it; the
CLX's piece table maps the main document's characters to runs of the WordDocument stream,
each 8-bit (cp1252) or UTF-16LE. The paragraph properties (PlcBtePapx and its PAPX pages)
say which paragraph closes a table row and which cells of the row are merged down.

The text is shaped as formats.py shapes a .docx: paragraphs one a line (a line break as a
line), field codes dropped and their results kept, a data table's rows as `| a | b |` lines
(formats.row_lines), a cell merged down from above given once, in its first row.
olefile is imported inside the reader: the text path never pays for it.
"""
from __future__ import annotations

import bisect
import io
import struct

from .formats import one_line
from .records import ParseError

WORD_STREAM = "WordDocument"
WORD_STREAM_UTF16 = WORD_STREAM.encode("utf-16-le")  # its name in an OLE directory entry
_WIDENT = 0xA5EC
_NFIB_WORD97 = 0x00C1  # Word 6.0/95 files have a lower nFib and another FIB
_F_ENCRYPTED, _F_WHICH_TABLE, _F_OBFUSCATED = 0x0100, 0x0200, 0x8000
_FC_CLX, _FC_BTE_PAPX = 33, 13  # indexes of (fc, lcb) pairs in FibRgFcLcb97
_CCP_TEXT = 3  # index of ccpText in FibRgLw97
_SPRM_IN_TABLE, _SPRM_TTP, _SPRM_INNER_TTP = 0x2416, 0x2417, 0x244C
_SPRM_DEF_TABLE, _SPRM_CHG_TABS = 0xD608, 0xC615
_OPERAND_SIZE = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}  # by spra; 6 is variable
_TC_VERT_MERGE, _TC_VERT_RESTART = 0x0020, 0x0040
_CP1252_HOLES = {0x81, 0x8D, 0x8F, 0x90, 0x9D}  # bytes cp1252 leaves unmapped: the spec keeps them as they are
_DROPPED = {"\x01", "\x02", "\x03", "\x04", "\x05", "\x08", "\x1f"}  # pictures, notes' marks, optional hyphens
_LINE_BREAKS = {"\x0b": "\n", "\x0c": "\n", "\x0e": "\n"}  # line, page/section and column breaks
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"
_CELL_MARK, _PARAGRAPH_MARK = "\x07", "\r"


def holds_word_document(data: bytes) -> bool:
    """True when an OLE file's directory names a WordDocument stream (whatever the file is called)."""
    return WORD_STREAM_UTF16 in data


def word97_text(data: bytes, source: str) -> str:
    """The text of a Word 97-2003 document, shaped like a .docx's; a one-line ParseError when it cannot be read."""
    try:
        word, table = _streams(data, source)
        characters, paragraphs = _document(word, table, source)
    except ParseError:
        raise
    except Exception as exc:  # olefile and struct raise many kinds on a damaged file
        raise ParseError(source, f"corrupt or unreadable Word 97-2003 .doc: {one_line(exc)}") from None
    text = "\n".join(_Shaper(paragraphs).lines(characters))
    if not text.strip():
        raise ParseError(source, "empty Word document: no text in its paragraphs or tables")
    return text + "\n"



# ---------------------------------------------------------------- the compound file and the FIB

def _streams(data: bytes, source: str) -> tuple[bytes, bytes]:
    """The WordDocument stream and the table stream the FIB picks; an OLE file of another kind is refused."""
    import olefile

    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        if not ole.exists(WORD_STREAM):
            raise ParseError(source, _not_word_reason(ole))
        word = ole.openstream(WORD_STREAM).read()
        flags = _fib_flags(word, source)
        table_name = "1Table" if flags & _F_WHICH_TABLE else "0Table"
        if not ole.exists(table_name):
            raise ParseError(source, f"corrupt Word 97-2003 .doc: no {table_name} stream")
        return word, ole.openstream(table_name).read()


def _not_word_reason(ole) -> str:
    """Why an OLE file without a WordDocument stream is not read, in words an analyst acts on."""
    names = {"/".join(entry) for entry in ole.listdir(streams=True, storages=True)}
    if "EncryptedPackage" in names:
        return "encrypted Office file: it needs a password to open; save an unprotected copy"
    if names & {"Workbook", "Book"}:
        return "an Excel 97-2003 workbook, not a Word document: name it .xls"
    if any(name.startswith("__substg1.0_") for name in names):
        return "an Outlook message (.msg), not a Word document: save its attachment and read that"
    return "not a Word 97-2003 document: the OLE compound file has no WordDocument stream"


def _fib_flags(word: bytes, source: str) -> int:
    """The FibBase flags of a Word 97 or later file; an older or a password-protected file is refused."""
    if len(word) < 32:
        raise ParseError(source, "corrupt Word 97-2003 .doc: its WordDocument stream is shorter than a FIB")
    ident, nfib = struct.unpack_from("<HH", word, 0)
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    if ident != _WIDENT:
        raise ParseError(source, f"corrupt Word 97-2003 .doc: FIB identifier {ident:#06x}, not 0xa5ec")
    if flags & (_F_ENCRYPTED | _F_OBFUSCATED):
        raise ParseError(source, "encrypted Word document: it needs a password to open; save an unprotected copy")
    if nfib < _NFIB_WORD97:
        raise ParseError(source, "a Word 6.0/95 document (older than Word 97): save it as .docx or PDF")
    return flags


def _fib_fields(word: bytes) -> tuple[int, dict[int, tuple[int, int]]]:
    """ccpText (the main document's length in characters) and the (fc, lcb) pairs read here."""
    csw = struct.unpack_from("<H", word, 32)[0]
    lw_at = 32 + 2 + csw * 2
    cslw = struct.unpack_from("<H", word, lw_at)[0]
    ccp_text = struct.unpack_from("<i", word, lw_at + 2 + _CCP_TEXT * 4)[0]
    fclcb_at = lw_at + 2 + cslw * 4 + 2
    pairs = {i: struct.unpack_from("<II", word, fclcb_at + i * 8) for i in (_FC_CLX, _FC_BTE_PAPX)}
    return ccp_text, pairs


# ---------------------------------------------------------------- the piece table

def _document(word: bytes, table: bytes, source: str) -> tuple[list[tuple[str, int]], "_Paragraphs"]:
    """The main document's characters, each with its offset in the WordDocument stream, and its paragraph properties."""
    ccp_text, pairs = _fib_fields(word)
    fc_clx, lcb_clx = pairs[_FC_CLX]
    if not lcb_clx or fc_clx + lcb_clx > len(table):
        raise ParseError(source, "corrupt Word 97-2003 .doc: no piece table (CLX) in its table stream")
    characters: list[tuple[str, int]] = []
    for cp_start, cp_end, fc, compressed in _pieces(table[fc_clx:fc_clx + lcb_clx], source):
        count = min(cp_end, ccp_text) - cp_start
        if count > 0:
            characters.extend(_piece_characters(word, fc, count, compressed))
    return characters, _Paragraphs(word, table, *pairs[_FC_BTE_PAPX])


def _pieces(clx: bytes, source: str):
    """(first cp, end cp, stream offset, 8-bit?) of each piece: the Pcdt after the Prc blocks of a CLX."""
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # a Prc: property changes of a fast-saved file, skipped
        at += 3 + struct.unpack_from("<h", clx, at + 1)[0]
    if at >= len(clx) or clx[at] != 0x02:
        raise ParseError(source, "corrupt Word 97-2003 .doc: its CLX holds no piece table")
    size = struct.unpack_from("<I", clx, at + 1)[0]
    plc = clx[at + 5:at + 5 + size]
    count = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    for i in range(count):
        fc = struct.unpack_from("<I", plc, (count + 1) * 4 + i * 8 + 2)[0]
        compressed = bool(fc & 0x40000000)
        offset = fc & 0x3FFFFFFF
        yield cps[i], cps[i + 1], offset // 2 if compressed else offset, compressed


def _piece_characters(word: bytes, fc: int, count: int, compressed: bool) -> list[tuple[str, int]]:
    """A piece's characters with their stream offsets: 8-bit as cp1252 (its holes kept as Latin-1), else UTF-16LE."""
    if compressed:
        raw = word[fc:fc + count]
        return [(_cp1252(b), fc + i) for i, b in enumerate(raw)]
    text = word[fc:fc + 2 * count].decode("utf-16-le", errors="replace")
    return [(ch, fc + 2 * i) for i, ch in enumerate(text)]


def _cp1252(byte: int) -> str:
    """One byte of a compressed piece: Word writes those as cp1252, whose five undefined bytes
    would fail to decode, so they are kept as the Latin-1 characters they stand for."""
    return chr(byte) if byte in _CP1252_HOLES else bytes([byte]).decode("cp1252")


# ---------------------------------------------------------------- paragraph properties

class _Paragraphs:
    """Each paragraph's table properties, found by the stream offset of a character in it (PlcBtePapx → PapxFkp)."""

    def __init__(self, word: bytes, table: bytes, fc: int, lcb: int):
        """Read every PapxFkp page the PlcBtePapx names, sorted by offset, so that `at` can
        find a paragraph by bisection whatever order the pages came in."""
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.sprms: list[dict[int, bytes]] = []
        count = (lcb - 4) // 8 if lcb >= 12 else 0
        pages = struct.unpack_from(f"<{count}I", table, fc + (count + 1) * 4) if count else ()
        for pn in pages:
            self._read_page(word, (pn & 0x3FFFFF) * 512)
        order = sorted(range(len(self.starts)), key=self.starts.__getitem__)
        self.starts = [self.starts[i] for i in order]
        self.ends = [self.ends[i] for i in order]
        self.sprms = [self.sprms[i] for i in order]

    def _read_page(self, word: bytes, at: int) -> None:
        """A PapxFkp: crun paragraph ends, then for each a PAPX (istd and its sprms)."""
        page = word[at:at + 512]
        if len(page) < 512:
            return
        crun = page[511]
        fcs = struct.unpack_from(f"<{crun + 1}I", page, 0)
        for i in range(crun):
            offset = page[(crun + 1) * 4 + i * 13] * 2
            self.starts.append(fcs[i])
            self.ends.append(fcs[i + 1])
            self.sprms.append(_papx_sprms(page, offset) if offset else {})

    def at(self, fc: int) -> dict[int, bytes]:
        """The sprms of the paragraph holding the character at stream offset fc (none when unknown)."""
        i = bisect.bisect_right(self.starts, fc) - 1
        return self.sprms[i] if i >= 0 and fc < self.ends[i] else {}


def _papx_sprms(page: bytes, at: int) -> dict[int, bytes]:
    """A PapxInFkp's sprms by opcode: cb (or 0 then cb') says its length in words, after it the istd."""
    cb = page[at]
    if cb:
        grpprl = page[at + 1:at + 2 * cb]
    else:
        grpprl = page[at + 2:at + 2 + 2 * page[at + 1]]
    return _sprms(grpprl[2:])


def _sprms(grpprl: bytes) -> dict[int, bytes]:
    """Opcode → operand of each sprm in a grpprl, read as far as they are well formed."""
    out: dict[int, bytes] = {}
    at = 0
    while at + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, at)[0]
        at += 2
        start, size = _operand_span(grpprl, at, sprm)
        if size < 0 or start + size > len(grpprl):
            break
        out[sprm] = grpprl[start:start + size]
        at = start + size
    return out


def _operand_span(grpprl: bytes, at: int, sprm: int) -> tuple[int, int]:
    """Where a sprm's operand starts and how long it is (spra 6: a length byte; two opcodes count otherwise)."""
    spra = sprm >> 13
    if spra != 6:
        return at, _OPERAND_SIZE[spra]
    if at >= len(grpprl):
        return at, -1
    if sprm == _SPRM_DEF_TABLE and at + 2 <= len(grpprl):  # a 2-byte count, one more than the bytes after it
        return at + 2, struct.unpack_from("<H", grpprl, at)[0] - 1
    if sprm == _SPRM_CHG_TABS and grpprl[at] == 255:  # the long form: not read, nor what follows
        return at, -1
    return at + 1, grpprl[at]


def _merged_down(def_table: bytes | None) -> list[bool]:
    """For each cell of a row, whether it continues a cell merged down from the row above (sprmTDefTable's TCs)."""
    if not def_table:
        return []
    cells = def_table[0]
    tc_at = 1 + (cells + 1) * 2
    flags = []
    for i in range(cells):
        at = tc_at + i * 20
        grf = struct.unpack_from("<H", def_table, at)[0] if at + 2 <= len(def_table) else 0
        flags.append(bool(grf & _TC_VERT_MERGE) and not grf & _TC_VERT_RESTART)
    return flags


# ---------------------------------------------------------------- characters → lines

class _Shaper:
    """Characters → lines as formats.py gives a .docx: paragraphs, breaks, field results, table rows."""

    def __init__(self, paragraphs: _Paragraphs):
        """Start with nothing open: the state a paragraph, cell, row and table mark each close."""
        self.paragraphs = paragraphs
        self.out: list[str] = []
        self.text: list[str] = []  # the paragraph being read
        self.cell: list[str] = []  # the paragraphs of the cell being read
        self.row: list[list[str]] = []  # the cells of the row being read
        self.rows: list[list[list[str] | None]] = []  # the rows of the table being read
        self.fields: list[bool] = []  # for each open field, whether its code (not its result) is being read

    def lines(self, characters: list[tuple[str, int]]) -> list[str]:
        """The document's lines from its characters in order: the marks Word stores in the
        text (paragraph, cell, field) decide the line breaks a .docx would have given."""
        for ch, fc in characters:
            if ch in (_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END):
                self._field(ch)
            elif any(self.fields):
                continue  # a field's code (HYPERLINK "…", PAGE): its result is what is printed
            elif ch == _PARAGRAPH_MARK:
                self._paragraph_end(self.paragraphs.at(fc))
            elif ch == _CELL_MARK:
                self._cell_end(self.paragraphs.at(fc))
            elif ch in _LINE_BREAKS:
                self.text.append(_LINE_BREAKS[ch])
            elif ch == "\x1e":
                self.text.append("-")  # a non-breaking hyphen
            elif ch not in _DROPPED:
                self.text.append(ch)
        if self.text:
            self._paragraph_end({})
        self._table_end()
        return self.out

    def _field(self, ch: str) -> None:
        """A field's begin opens its code, the separator turns to its result, the end closes it."""
        if ch == _FIELD_BEGIN:
            self.fields.append(True)
        elif ch == _FIELD_SEPARATOR and self.fields:
            self.fields[-1] = False
        elif ch == _FIELD_END and self.fields:
            self.fields.pop()

    def _paragraph_end(self, sprms: dict[int, bytes]) -> None:
        """A paragraph mark: a line of its own, or a paragraph of the cell being read when it is in a table."""
        paragraph = "".join(self.text)
        self.text = []
        if sprms.get(_SPRM_IN_TABLE, b"\x00")[0]:
            self.cell.append(paragraph)
            return
        self._table_end()
        self.out.append(paragraph)

    def _cell_end(self, sprms: dict[int, bytes]) -> None:
        """A cell mark ends a cell; the mark of a paragraph that ends a row (TTP) ends the row."""
        if sprms.get(_SPRM_TTP, b"\x00")[0] or sprms.get(_SPRM_INNER_TTP, b"\x00")[0]:
            self._row_end(_merged_down(sprms.get(_SPRM_DEF_TABLE)))
            return
        self.cell.append("".join(self.text))
        self.text = []
        self.row.append([ln for ln in self.cell if ln.strip()])
        self.cell = []

    def _row_end(self, merged: list[bool]) -> None:
        """A row's cells kept for its table, a cell merged down from the row above left out (None),
        as a .docx's rows are, so that both formats read the same."""
        from .formats import merged_down_left_out

        cells = [None if k < len(merged) and merged[k] else cell for k, cell in enumerate(self.row)]
        self.rows.append(merged_down_left_out(cells, []))
        self.row, self.text = [], []

    def _table_end(self) -> None:
        """The table read so far: a data table's rows as `| a | b |` lines, a layout table cell by cell (as a .docx's)."""
        from .formats import _data_table, row_lines

        if not self.rows:
            return
        if self.out and self.out[-1].strip():
            self.out.append("")
        if _data_table(self.rows, False):
            self.out.extend(row_lines([["\n".join(cell) for cell in row] for row in self.rows]))
        else:
            for row in self.rows:
                for cell in row:
                    self.out.extend(cell or [""])
                self.out.append("")
        self.rows = []
