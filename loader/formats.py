"""Published documents → text shaped like the seeds: Word .docx and .doc, web pages, PDFs, spreadsheets.

Plans reach analysts as the files governments publish. Each reader here turns one
kind into plain text of the shape the text layouts already parse:

- paragraphs one a line, in document order;
- a data table's rows as `| a | b |` lines (.docx, .pdf, web pages); a cell merged
  over several rows is given once, in its first row, as web pages show it (a layout
  table's cells one a line);
- web furniture (navigation, page header and footer, scripts, styles) dropped;
- a spreadsheet's rows (.xlsx, .xls, .csv, .tsv) one a line, their cells joined by
  tabs (the tab rows the table readers read), a cell's inner line breaks as spaces,
  empty rows and trailing empty cells dropped, every visible sheet in order.

The readers' libraries are imported inside the readers: `resp --help` and the
text path never pay for them. A Word 97-2003 .doc (or WPS .wps) is read by word97.py.
Whatever cannot be read (an encrypted .doc or PDF, a zip that is not a .docx, a PDF
with no text layer, a corrupt file) raises records.ParseError with a one-line reason,
never a traceback.
"""
from __future__ import annotations

import codecs
import io
import re
from pathlib import Path

from .records import ParseError
from .wrapped import ends_sentence, new_paragraph_re

DOCX_EXTENSIONS = frozenset({".docx"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".shtml", ".xhtml"})
PDF_EXTENSIONS = frozenset({".pdf"})
WORD97_EXTENSIONS = frozenset({".doc", ".wps"})  # Word 97-2003 and WPS Writer (word97.py), or .docx/HTML/PDF bytes
XLSX_EXTENSIONS = frozenset({".xlsx", ".xlsm"})
XLS_EXTENSIONS = frozenset({".xls", ".et"})  # Excel 97-2003 (OLE); WPS tables save the same
DELIMITED_EXTENSIONS = frozenset({".csv", ".tsv"})
SHEET_EXTENSIONS = XLSX_EXTENSIONS | XLS_EXTENSIONS | DELIMITED_EXTENSIONS
EXTENSIONS = DOCX_EXTENSIONS | HTML_EXTENSIONS | PDF_EXTENSIONS | WORD97_EXTENSIONS | SHEET_EXTENSIONS

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_OTHER_BINARY = (
    (b"{\\rtf", "an RTF file: save it as .docx"),
    (b"\x89PNG", "a PNG image, not a document"),
    (b"\xff\xd8\xff", "a JPEG image, not a document"),
    (b"GIF8", "a GIF image, not a document"),
    (b"\x1f\x8b", "a gzip archive, not a document"),
    (b"Rar!", "a RAR archive, not a document"),
    (b"7z\xbc\xaf", "a 7-Zip archive, not a document"),
)


def handles(path: str | Path) -> bool:
    """True for the extensions read here rather than as plain text."""
    return Path(path).suffix.lower() in EXTENSIONS


def extract_text(path: str | Path, data: bytes, source: str, max_bytes: int | None = None) -> str:
    """The text of a .docx, .html/.htm or .pdf file, shaped like the seeds.

    The extension says what the file should be; the bytes say what it is, and win
    (a web page saved as `.doc`, a `.docx` that is really a PDF). What a .docx or a
    PDF unpacks to is bounded by max_bytes too (default: read.DEFAULT_MAX_BYTES).
    """
    from .read import DEFAULT_MAX_BYTES

    max_bytes = max_bytes or DEFAULT_MAX_BYTES
    ext = Path(path).suffix.lower()
    if not data.strip():
        raise ParseError(source, "empty file")
    head = data[:1024]
    if data.startswith(_OLE):
        return _ole_text(data, source, ext)
    if b"%PDF-" in head:
        _bound_pdf_streams(data, source, max_bytes)
        return _pdf_text_bounded(data, source)
    if data.startswith(_ZIP) or (ext in DOCX_EXTENSIONS | XLSX_EXTENSIONS and data.startswith(b"PK")):
        return _zip_text(data, source, max_bytes, ext)
    for magic, what in _OTHER_BINARY:
        if data.startswith(magic):
            raise ParseError(source, f"binary file: {what}")
    if ext in HTML_EXTENSIONS or _looks_like_html(data):
        return _html_text(data, source)
    if ext in XLSX_EXTENSIONS:
        raise ParseError(source, f"not an Excel {ext} file: no zip container")
    if ext in SHEET_EXTENSIONS:  # also an .xls "Excel export" that is really delimited text
        return _delimited_text(data, source, ext)
    if ext in DOCX_EXTENSIONS:
        raise ParseError(source, "not a Word .docx file: no zip container")
    if ext in PDF_EXTENSIONS:
        raise ParseError(source, "not a PDF file: no %PDF header")
    raise ParseError(source, f"not a Word document: the {ext} file holds neither Word 97, .docx, HTML nor PDF content")


def _ole_text(data: bytes, source: str, ext: str) -> str:
    """An OLE compound file: a workbook when named as one and holding no WordDocument stream, else Word 97 (word97.py)."""
    from .word97 import holds_word_document, word97_text

    if ext in SHEET_EXTENSIONS and not holds_word_document(data):
        return _xls_text(data, source)
    return word97_text(data, source)


def one_line(exc: BaseException) -> str:
    """A library's exception as one short line for a ParseError (readers here and in word97.py)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


# ---------------------------------------------------------------- tables as rows

def _data_table(rows: list[list], nested: bool) -> bool:
    """A table of data (some row of two or more cells, no table nested in it), not one laying out a page."""
    return not nested and any(len(r) > 1 for r in rows)


def row_lines(rows: list[list[str]]) -> list[str]:
    """A data table's rows as `| a | b |` lines, then a blank line, as markup.py reads a table kept in text.

    A cell's inner whitespace (its paragraphs, its line breaks) is one space; a bar in a
    cell is written full-width, so it parts no cells. A row with no printed cell is no line.
    """
    def cell(text: str) -> str:
        return " ".join(text.split()).replace("|", "｜")

    return ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows if r] + [""]


def merged_down_left_out(cells: list, empty) -> list:
    """A row's cells, None for one covered by a cell merged down from above: left out before the
    row's first printed cell (the category cells a row shares with the rows above) and `empty` after
    it, so that the columns after it keep their places (a unit cell merged over two tasks)."""
    out: list = []
    for c in cells:
        if c is not None:
            out.append(c)
        elif out:
            out.append(empty)
    return out


# ---------------------------------------------------------------- .docx

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_NOT_PRINTED = frozenset({f"{_W}del", f"{_W}moveFrom", f"{_W}txbxContent", f"{_MC}Fallback"})


_MAX_PARTS = 10000  # zip members a .docx may have (Word writes a few dozen)


def _zip_text(data: bytes, source: str, max_bytes: int, ext: str) -> str:
    """A zip container: an Excel workbook by its parts, whatever its name, else a Word document."""
    import zipfile

    kind = ".xlsx" if ext in XLSX_EXTENSIONS else ".docx"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ParseError(source, f"corrupt {kind}: not a readable zip archive ({one_line(exc)})") from None
    _bound_parts(infos, source, max_bytes)
    names = {i.filename for i in infos}
    if "xl/workbook.xml" in names:
        return _xlsx_text(data, source)
    return _docx_text(data, source, names)


def _docx_text(data: bytes, source: str, names: set[str]) -> str:
    if "word/document.xml" not in names:
        if "ppt/presentation.xml" in names:
            what = "a PowerPoint presentation"
        elif "content.xml" in names:
            what = "an OpenDocument file"
        else:
            what = "a zip archive"
        raise ParseError(source, f"not a Word .docx: the file is {what} (no word/document.xml)")
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        _docx_blocks(document.element.body, document._body, lines)
    except ParseError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds on a damaged package
        raise ParseError(source, f"corrupt .docx: {one_line(exc)}") from None
    text = "\n".join(lines)
    if not text.strip():
        raise ParseError(source, "empty Word document: no text in its paragraphs or tables")
    return text + "\n"


def _bound_parts(infos, source: str, max_bytes: int) -> None:
    """Refuse a zip whose members unpack to more than max_bytes (a zip bomb).

    zipfile never yields more than a member's declared size (a lying member fails its
    CRC check), so the declared sizes bound what python-docx can unpack.
    """
    from .read import too_large

    if len(infos) > _MAX_PARTS:
        raise ParseError(source, f"not an Office file: {len(infos)} parts in the zip (at most {_MAX_PARTS})")
    total = sum(i.file_size for i in infos)
    if total > max_bytes:
        raise too_large(source, total, max_bytes, what="its parts unpack to")


def _docx_blocks(element, parent, lines: list[str]) -> None:
    """Paragraphs and tables under a body or cell element, in document order."""
    from docx.table import Table

    for child in element.iterchildren():
        tag = child.tag
        if tag == f"{_W}p":
            lines.append(_paragraph_text(child))
            for box in child.iter(f"{_W}txbxContent"):  # text boxes anchored in the paragraph
                if not _inside(box, child, _NOT_PRINTED):
                    _docx_blocks(box, parent, lines)
        elif tag == f"{_W}tbl":
            _docx_table(Table(child, parent), lines)
        elif tag in (f"{_W}sdt", f"{_W}customXml", f"{_W}sdtContent"):
            # content controls and custom XML wrap ordinary paragraphs and tables
            _docx_blocks(child.find(f"{_W}sdtContent") if tag == f"{_W}sdt" else child, parent, lines)


def _paragraph_text(p) -> str:
    """A paragraph's text as finally printed: tracked insertions in, deletions out, breaks as breaks.

    Runs wrapped in insertions, fields, smart tags or content controls count too;
    text boxes are read as paragraphs of their own.
    """
    parts: list[str] = []
    for el in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}noBreakHyphen"):
        if _inside(el, p, _NOT_PRINTED):
            continue
        tag = el.tag
        if tag == f"{_W}t":
            parts.append(el.text or "")
        elif tag == f"{_W}tab":
            if el.getparent() is not None and el.getparent().tag == f"{_W}r":  # not a tab stop definition
                parts.append("\t")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _inside(el, top, tags) -> bool:
    """True when an element between `el` and `top` (both excluded) has one of `tags`."""
    a = el.getparent()
    while a is not None and a is not top:
        if a.tag in tags:
            return True
        a = a.getparent()
    return False


def _docx_table(table, lines: list[str]) -> None:
    """A data table's rows as `| a | b |` lines (row_lines), as a web page's are.

    A cell merged down (vMerge) is given once, in its first row (see _docx_row); a cell
    spanning columns (gridSpan) is one cell.
    A layout table (one cell a row, or holding a table) is read cell by cell: a cell's
    paragraphs one a line, a blank line after each row.
    """
    from docx.table import _Cell

    if lines and lines[-1].strip():
        lines.append("")
    rows = [_docx_row(tr, table, _Cell) for tr in table._tbl.tr_lst]
    if _data_table(rows, table._tbl.find(f".//{_W}tbl") is not None):
        lines.extend(row_lines([["\n".join(cell) for cell in r] for r in rows]))
        return
    for row in rows:
        for cell in row:
            lines.extend(cell or [""])
        lines.append("")


def _docx_row(tr, table, cell_class) -> list[list[str]]:
    """A row's cells; one merged down from above is left out before the row's first cell (a web page's
    leading rowspan) and is an empty cell after it, keeping the columns after it in their places (as a PDF's)."""
    return merged_down_left_out([None if tc.vMerge == "continue" else _docx_cell_lines(tc, table, cell_class)
                                 for tc in tr.tc_lst], [])


def _docx_cell_lines(tc, table, cell_class) -> list[str]:
    """A cell's paragraphs (and the lines of tables nested in it) that hold text."""
    cell_lines: list[str] = []
    _docx_blocks(tc, cell_class(tc, table), cell_lines)
    return [ln for ln in cell_lines if ln.strip()]


# ---------------------------------------------------------------- spreadsheets

_ENCRYPTED_OFFICE = "EncryptedPackage".encode("utf-16-le")  # the stream a password-protected .xlsx hides in
_DELIMITERS = ("\t", ",", ";")


def _sheets_text(sheets: list[list[list[str]]], source: str) -> str:
    """Each sheet's rows as tab rows, a blank line between sheets; a workbook with no text is refused."""
    blocks = ["\n".join(lines) for lines in (_sheet_lines(rows) for rows in sheets) if lines]
    if not blocks:
        raise ParseError(source, "empty spreadsheet: no sheet has a cell with text")
    return "\n\n".join(blocks) + "\n"


def _sheet_lines(rows: list[list[str]]) -> list[str]:
    """A row's cells joined by tabs: inner whitespace (a cell's line breaks) one space, trailing empties and empty rows dropped.

    Leading and middle empty cells stay: they keep a row's cells under their columns
    (a merged 序号 or category cell is given once, in its first row, empty below).
    """
    lines = []
    for row in rows:
        cells = [" ".join(cell.split()) for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            lines.append("\t".join(cells))
    return lines


def _delimited_text(data: bytes, source: str, ext: str) -> str:
    """A CSV or TSV table (or a text "Excel export"), decoded as text files are: BOM, UTF-8, else GB18030."""
    import csv

    from .read import decode_bytes

    text = decode_bytes(data, source).replace("\r\n", "\n")
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text, ext)))
    except csv.Error as exc:  # a field over the csv module's size limit (an unclosed quote swallowing the file)
        raise ParseError(source, f"unreadable {ext} table: {one_line(exc)}") from None
    return _sheets_text([rows], source)


def _delimiter(text: str, ext: str) -> str:
    """The separator most of the first lines hold (a .tsv's tab, a .csv's comma, on a tie)."""
    lines = [ln for ln in text.split("\n")[:50] if ln.strip()]
    preferred = "\t" if ext == ".tsv" else ","
    return max(_DELIMITERS, key=lambda d: (sum(d in ln for ln in lines), d == preferred))


def _cell_text(value, number_format: str | None) -> str:
    """A cell as it reads: whole numbers without .0, percentages as shown, dates as 2025年6月30日 (or 2025年6月)."""
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date)):
        return _date_text(value, number_format or "")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if (number_format or "").rstrip().endswith("%"):
        return f"{value * 100:g}%"
    return str(int(value)) if float(value).is_integer() else repr(value)


def _date_text(value, number_format: str) -> str:
    """A date written the Chinese way; a format that shows no day (yyyy"年"m"月") gives the month only."""
    shown = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", number_format).lower()
    month = f"{value.year}年{value.month}月"
    return month if "d" not in shown and "y" in shown and value.day == 1 else f"{month}{value.day}日"


def _xlsx_text(data: bytes, source: str) -> str:
    """Every visible worksheet of a workbook, read-only with the values last computed (not formulas)."""
    try:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheets = [_xlsx_rows(ws) for ws in book.worksheets if ws.sheet_state == "visible"]
        finally:
            book.close()
    except ParseError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged package
        raise ParseError(source, f"corrupt Excel workbook (.xlsx): {one_line(exc)}") from None
    return _sheets_text(sheets, source)


def _xlsx_rows(ws) -> list[list[str]]:
    ws.reset_dimensions()  # the stored dimension may be stale: read to the last row written
    return [[_cell_text(c.value, getattr(c, "number_format", None)) for c in row] for row in ws.iter_rows()]


def _xls_text(data: bytes, source: str) -> str:
    """An Excel 97-2003 workbook (OLE); a password-protected .xlsx is an OLE file too, and is refused."""
    if _ENCRYPTED_OFFICE in data:
        raise ParseError(source, "encrypted workbook: it needs a password to open; save an unprotected copy")
    try:
        import xlrd

        book = xlrd.open_workbook(file_contents=data, formatting_info=True, logfile=io.StringIO())
        sheets = [_xls_rows(book, sh) for sh in book.sheets() if not sh.visibility]
    except Exception as exc:  # xlrd's XLRDError, or struct/index errors on a damaged file
        message = one_line(exc)
        if "encrypt" in message.lower():
            raise ParseError(source, "encrypted workbook: it needs a password to open; save an unprotected copy") from None
        raise ParseError(source, f"corrupt or unreadable .xls: {message}") from None
    return _sheets_text(sheets, source)


def _xls_rows(book, sheet) -> list[list[str]]:
    import xlrd

    def text(r: int, c: int) -> str:
        cell = sheet.cell(r, c)
        if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
            return ""
        fmt = book.format_map[book.xf_list[cell.xf_index].format_key].format_str
        if cell.ctype == xlrd.XL_CELL_DATE:
            return _cell_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode), fmt)
        if cell.ctype == xlrd.XL_CELL_BOOLEAN:
            return str(bool(cell.value))
        return _cell_text(cell.value, fmt) if cell.ctype == xlrd.XL_CELL_NUMBER else str(cell.value)

    return [[text(r, c) for c in range(sheet.row_len(r))] for r in range(sheet.nrows)]


# ---------------------------------------------------------------- .html / .htm

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-:.]+)""", re.I)
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "x-gbk", "gb_2312-80", "csgb2312", "euc-cn", "hz-gb-2312"}
_SINGLE_BYTE = re.compile(r"^(iso-?8859-\d+|latin-?1|windows-125\d|cp125\d|us-ascii|ascii)$")

_SKIP_TAGS = frozenset(
    {"head", "script", "style", "noscript", "template", "nav", "iframe", "svg", "math", "canvas",
     "select", "option", "button", "input", "textarea", "object", "embed", "audio", "video", "map"}
)
_PAGE_FURNITURE_TAGS = frozenset({"header", "footer", "aside"})  # dropped unless inside <article>/<main>
_SKIP_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menubar", "menu"})
_SKIP_TOKENS = frozenset(
    {"nav", "navbar", "navigation", "topnav", "subnav", "menu", "breadcrumb", "breadcrumbs", "crumb", "crumbs",
     "footer", "foot", "sidebar", "copyright", "share", "sitemap"}
)
_BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl",
     "dt", "dd", "blockquote", "pre", "address", "center", "form", "fieldset", "figure", "figcaption",
     "hr", "header", "footer", "aside", "caption", "body", "html", "tr", "td", "th", "table", "tbody",
     "thead", "tfoot", "legend", "details", "summary"}
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WS = re.compile(r"[ \t\r\n\f\v]+")


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(codecs.BOM_UTF8).lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head or b"<body" in head


def decode_html(data: bytes, source: str) -> str:
    """Decode a web page: a BOM, else UTF-8 if the bytes are UTF-8, else the charset it declares or the bytes show."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    declared = None
    m = _XML_ENCODING.match(data[:512]) or _META_CHARSET.search(data[:8192])
    if m:
        declared = _canonical(m.group(1).decode("ascii", "ignore"))
    # Valid UTF-8 with Chinese in it is never GBK by chance, whatever a leftover
    # template declares; otherwise the declaration, then GB18030, then detection.
    # A single-byte declaration (latin-1 …) on a Chinese page is ignored.
    order = ["utf-8"]
    if declared and not _SINGLE_BYTE.match(declared):
        order.append(declared)
    order.append("gb18030")
    for encoding in dict.fromkeys(order):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ParseError(source, "unreadable web page: its charset is neither declared nor detectable")
    return str(best)


def _canonical(name: str) -> str:
    name = name.strip().lower()
    if name in _GB_FAMILY:
        return "gb18030"  # pages declared gb2312/gbk use characters beyond them
    if name in ("big5", "big5-hkscs", "cp950"):
        return "big5hkscs"
    return name


def _html_text(data: bytes, source: str) -> str:
    text = _XML_DECL.sub("", decode_html(data, source), count=1)
    if not text.strip():
        raise ParseError(source, "empty file")
    try:
        from lxml import etree
        from lxml import html as lxml_html

        root = lxml_html.document_fromstring(text)
    except Exception as exc:  # lxml's ParserError, or ValueError on odd input
        raise ParseError(source, f"unreadable web page: {one_line(exc)}") from None
    out = _HtmlLines(etree)
    body = root.find("body")
    out.walk(body if body is not None else root, in_content=False)
    out.flush()
    result = "\n".join(out.lines).strip("\n")
    if not result.strip():
        raise ParseError(source, "empty web page: no text outside navigation, scripts and footers")
    return result + "\n"


class _HtmlLines:
    """Walks an lxml tree and writes lines: block elements break lines, table cells one a line."""

    def __init__(self, etree):
        self.etree = etree
        self.lines: list[str] = []
        self.buffer: list[str] = []

    def flush(self) -> None:
        line = "".join(self.buffer).strip()
        self.buffer = []
        if line:
            self.lines.append(line)

    def text(self, s: str | None, pre: bool = False) -> None:
        if not s:
            return
        if pre:
            parts = s.split("\n")
            for k, part in enumerate(parts):
                if k:
                    self.flush()
                self.buffer.append(part)
        else:
            self.buffer.append(_WS.sub(" ", s))

    def skipped(self, el, in_content: bool) -> bool:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _SKIP_TAGS:
            return True
        if tag in _PAGE_FURNITURE_TAGS and not in_content:
            return True
        role = (el.get("role") or "").strip().lower()
        if role in _SKIP_ROLES and not (in_content and role in ("banner", "contentinfo")):
            return True
        if el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or ""):
            return True
        names = f"{el.get('id') or ''} {el.get('class') or ''}".lower()
        return any(tok in _SKIP_TOKENS for tok in re.split(r"[\s_\-]+", names) if tok)

    def walk(self, el, in_content: bool, pre: bool = False) -> None:
        if not isinstance(el.tag, str):  # comments, processing instructions
            return
        tag = el.tag.lower()
        if self.skipped(el, in_content):
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table":
            self.table(el, in_content)
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
        in_content = in_content or tag in ("article", "main")
        pre = pre or tag in ("pre", "textarea")
        self.text(el.text, pre)
        for child in el:
            self.walk(child, in_content, pre)
            self.text(child.tail, pre)
        if block:
            self.flush()

    def table(self, table, in_content: bool) -> None:
        """A table of rows as `| a | b |` lines, as a page kept as HTML in a text file reads (markup.py).

        A layout table (one holding tables, or one cell a row) is read cell by cell
        instead: each cell's lines, then a blank line (an empty cell: a blank line alone).
        """
        self.flush()
        rows = [list(self.cells(row, in_content)) for row in _rows(table)]
        if _data_table(rows, any(t is not table for t in table.iter("table"))):
            grid = [merged_down_left_out(r, None) for r in _rowspan_grid(rows)]
            self.lines.extend(row_lines([[self.cell_text(c, in_content) if c is not None else "" for c in r]
                                         for r in grid]))
            return
        for row in rows:
            for cell in row:
                start = len(self.lines)
                self.walk(cell, in_content)
                self.flush()
                if len(self.lines) > start and self.lines[-1] == "":
                    self.lines.pop()
                self.lines.append("")
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def cells(self, row, in_content: bool):
        """A row's td/th cells that are printed (a cell covered by a rowspan is not in the row at all)."""
        for cell in row.iterchildren():
            if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th") and not self.skipped(cell, in_content):
                yield cell

    def cell_text(self, cell, in_content: bool) -> str:
        """A cell's lines (its paragraphs, its <br>s) on one line, parted by spaces, as markup.py reads them."""
        inner = _HtmlLines(self.etree)
        inner.walk(cell, in_content)
        inner.flush()
        return " ".join(inner.lines)


def _span(cell, name: str) -> int:
    """A cell's rowspan or colspan, 1 where it is missing or no number (browsers read it so)."""
    m = re.match(r"\s*(\d+)", cell.get(name) or "")
    return max(1, min(int(m.group(1)), 1000)) if m else 1


def _rowspan_grid(rows: list[list]) -> list[list]:
    """Each row's printed cells with None where a cell spanning rows from above covers it (one None
    however many columns it spans), in column order, as a Word table gives its merged cells."""
    above: dict[int, list] = {}  # column -> [columns spanned, rows left] of a cell from above
    grid = []
    for row in rows:
        out, col, cells = [], 0, iter(row)
        cell = next(cells, None)
        while cell is not None or any(c >= col for c in above):
            if col in above:
                width, left = above[col]
                out.append(None)
                above[col][1] = left - 1
                if left == 1:
                    del above[col]
                col += width
            elif cell is not None:
                out.append(cell)
                width = _span(cell, "colspan")
                for c in [c for c in above if col < c < col + width]:
                    del above[c]  # a malformed table's cell over a span from above: the printed cell wins
                if _span(cell, "rowspan") > 1:
                    above[col] = [width, _span(cell, "rowspan") - 1]
                col += width
                cell = next(cells, None)
            else:
                col = min(c for c in above if c >= col)
        grid.append(out)
    return grid


def _rows(table):
    """A table's own rows (thead, tbody, tfoot or bare), not those of tables nested in its cells."""
    for child in table.iterchildren():
        if not isinstance(child.tag, str):
            continue
        tag = child.tag.lower()
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            for row in child.iterchildren():
                if isinstance(row.tag, str) and row.tag.lower() == "tr":
                    yield row


# ---------------------------------------------------------------- .pdf

_PAGE_NUMBER = re.compile(r"^(?:[-—–－\s]+\d{1,4}[-—–－\s]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$")


_STREAM = re.compile(rb"stream\r?\n")


def _bound_pdf_streams(data: bytes, source: str, max_bytes: int) -> None:
    """Refuse a PDF whose compressed streams inflate to more than max_bytes in all.

    pdfminer inflates each stream whole, with no limit: a few MB of zeros compressed
    would take gigabytes. Here each stream is inflated in chunks and only counted.
    """
    import zlib

    from .read import too_large

    total = 0
    for m in _STREAM.finditer(data):
        inflate = zlib.decompressobj()
        chunk = data[m.end():m.end() + 2**20]
        rest = m.end() + len(chunk)
        try:
            while chunk and not inflate.eof:
                total += len(inflate.decompress(chunk, 2**20))
                if total > max_bytes:
                    raise too_large(source, total, max_bytes, what="its compressed streams inflate to over")
                chunk = inflate.unconsumed_tail
                if not chunk and not inflate.eof:
                    chunk, rest = data[rest:rest + 2**20], rest + 2**20
        except zlib.error:
            continue  # not a Flate stream (or damaged): pdfminer decides


# Memory the PDF reader may take. pdfminer keeps ~2 KB a character drawn, so a few MB of
# text operators (one page of them drawn again and again) would take gigabytes: the
# reader runs in a child process whose heap the kernel caps (RLIMIT_DATA).
PDF_MEMORY = 320 * 2**20


def _pdf_text_bounded(data: bytes, source: str) -> str:
    """_pdf_text in a child Python that cannot take more than PDF_MEMORY.

    A plain subprocess (bytes in on stdin, JSON out on stdout), not multiprocessing,
    whose spawn would run the caller's __main__ again.
    """
    import json
    import subprocess
    import sys
    import tempfile

    code = "from resp.loader.formats import pdf_child; pdf_child()"
    with tempfile.TemporaryFile() as errors:  # only its end is read: a reader may say a lot
        done = subprocess.run([sys.executable, "-c", code, source], input=data,
                              stdout=subprocess.PIPE, stderr=errors)
        errors.seek(max(0, errors.seek(0, 2) - 2000))
        last = (errors.read().decode("utf-8", "replace").strip().splitlines() or [""])[-1]
    try:
        ok, text = json.loads(done.stdout)
    except ValueError:
        ok, text = False, _TOO_BIG if done.returncode < 0 or "MemoryError" in last \
            else f"the PDF reader failed: {one_line(last) or f'exit status {done.returncode}'}"
    if not ok:
        raise ParseError(source, text)
    return text


_TOO_BIG = f"the PDF needs more than {PDF_MEMORY // 2**20} MB of memory to read (too much text drawn)"


def pdf_child() -> None:
    """The child's side: cap the heap, read the PDF from stdin, print [ok, text or reason]."""
    import json
    import logging
    import resource
    import sys

    resource.setrlimit(resource.RLIMIT_DATA, (PDF_MEMORY, PDF_MEMORY))
    logging.disable(logging.WARNING)  # pdfminer warns once an operator on a damaged page
    source = sys.argv[1]
    try:
        answer = [True, _pdf_text(sys.stdin.buffer.read(), source)]
    except ParseError as exc:
        answer = [False, str(exc).removeprefix(f"{source}: ")]
    except MemoryError:
        answer = [False, _TOO_BIG]
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))


def _pdf_text(data: bytes, source: str) -> str:
    try:
        import pdfplumber

        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        raise ParseError(source, _pdf_reason(exc)) from None
    try:
        with pdf:
            pages = [_pdf_page_closed(page) for page in pdf.pages]
    except MemoryError:
        raise
    except Exception as exc:
        raise ParseError(source, _pdf_reason(exc)) from None
    if not pages:
        raise ParseError(source, "PDF has no pages")
    text = "\n".join(_pdf_lines(pages))
    if not text.strip():
        raise ParseError(source, "PDF has no text layer (a scanned image?): it needs OCR before it can be parsed")
    return text + "\n"


def _pdf_page_closed(page) -> list[tuple]:
    """A page's items, its cached layout objects freed at once (they are most of the memory)."""
    try:
        return _pdf_page(page)
    finally:
        page.close()


def _pdf_reason(exc: BaseException) -> str:
    chain, seen = [], exc
    while seen is not None and len(chain) < 5:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    names = " ".join(type(e).__name__ for e in chain).lower()
    message = " ".join(str(e) for e in chain).lower()
    if "password" in names or "password" in message or "encrypt" in names or "encrypt" in message:
        return "encrypted PDF: it needs a password to open; save an unprotected copy"
    detail = next((one_line(e) for e in chain if str(e).strip()), type(exc).__name__)
    return f"corrupt or unreadable PDF: {detail}"


def _pdf_page(page) -> list[tuple]:
    """A page, top to bottom: ("text", line, x0, x1) and ("rows", [[cell, …], …]) items.

    A table's rows come as pdfplumber finds them by its ruling lines; a cell covered by
    a merged cell (None) is not in its row, as a web page's rowspan (see row_lines).
    """
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        if "x0" not in obj or "top" not in obj:
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    rest = page.filter(outside) if boxes else page
    texts = [(ln["top"], 0, ("text",) + line) for ln, line in _pdf_text_lines(rest)]
    texts.sort(key=lambda it: it[0])
    # a page number alone at the top or foot of the page is print furniture
    while texts and _PAGE_NUMBER.match(texts[-1][2][1]):
        texts.pop()
    while texts and _PAGE_NUMBER.match(texts[0][2][1]):
        texts.pop(0)
    items = list(texts)
    for table in tables:
        columns = sorted({cell[0] for cell in table.cells})
        rows = [_pdf_row(page, row.cells, columns) for row in table.rows]
        items.append((table.bbox[1], 1, ("rows", [r for r in rows if any(r)])))
    items.sort(key=lambda it: (it[0], it[1]))
    return [item for _, _, item in items]


def _pdf_text_lines(page):
    """(line object, (text, x0, x1)) for each line of a page (or a cell cropped from it) that holds text."""
    for ln in page.extract_text_lines(strip=True, return_chars=False):
        if ln["text"].strip():
            yield ln, (ln["text"].strip(), ln["x0"], ln["x1"])


def _pdf_row(page, boxes: list, columns: list[float]) -> list[list[str]]:
    """A table row's cells. A cell covered by a merged cell (None) is not in the row where the merge
    comes from its left or it stands before the row's first cell (a web page's colspan and leading
    rowspan); one merged down from above after a cell of the row is an empty cell, keeping the
    columns after it in their places."""
    cells: list[list[str]] = []
    reach = None
    for box, x0 in zip(boxes, columns):
        if box is not None:
            cells.append(_pdf_cell(page, box))
            reach = box[2]
        elif reach is not None and reach <= x0 + 1:
            cells.append([])
    return cells


def _pdf_cell(page, box) -> list[str]:
    """A table cell's paragraphs: a line wrapped at the cell's right edge joined to the next, as a
    paragraph's lines are; a line that ends short of the edge ends its paragraph (the cell's line break)."""
    paragraphs: list[str] = []
    _unwrap([line for _, line in _pdf_text_lines(page.crop(box))], box[2], paragraphs)
    return paragraphs


def _pdf_lines(pages: list[list[tuple]]) -> list[str]:
    """Flatten the pages; a line wrapped at the right edge of the text is joined to the next one.

    A paragraph in a PDF is only lines on a page: a number such as 云发〔2022〕28号
    may be cut by a wrap. A table's rows are `| a | b |` lines (row_lines); a table
    that ends one page and opens the next goes on as one table, its header printed
    again on the next page dropped.
    """
    pages = _without_running_heads(pages)
    right = max((it[3] for page in pages for it in page if it[0] == "text"), default=0.0)
    out: list[str] = []
    wrapped, header = False, None
    for page in pages:
        for k, item in enumerate(page):
            if item[0] == "rows":
                rows = item[1]
                if k == 0 and header is not None and out and out[-1] == "":
                    out.pop()  # the table printed over the page break goes on
                    rows = rows[1:] if rows and rows[0] == header else rows
                else:
                    header = rows[0] if rows else None
                out.extend(_pdf_rows(rows))
                wrapped = False
                continue
            header = None
            wrapped = _unwrap([item[1:]], right, out, wrapped)
    return out


def _without_running_heads(pages: list[list[tuple]]) -> list[list[tuple]]:
    """The pages without the line printed at their top or foot on most pages (a running head: the plan's
    short title, an issuer's name); on the first page a line ending as a title stays (the plan's title)."""
    from .running import edge_key, repeated_edges, title_like

    def edges(page: list[tuple]) -> list[tuple]:
        return [it for it in (page[:1] + page[-1:]) if it[0] == "text"]

    def head(it: tuple, page: list[tuple], first: bool) -> bool:
        return it in edges(page) and edge_key(it[1]) in heads and not (first and title_like(it[1]))

    heads = repeated_edges([[it[1] for it in edges(page)] for page in pages])
    if not heads:
        return pages
    return [[it for it in page if not head(it, page, k == 0)] for k, page in enumerate(pages)]


def _pdf_rows(rows: list[list[list[str]]]) -> list[str]:
    """A data table's rows as `|` lines, its cells' paragraphs parted by spaces; a frame (one cell a row)
    as its paragraphs one a line, a blank line after each row, as a Word layout table."""
    if _data_table(rows, False):
        return row_lines([["\n".join(cell) for cell in row] for row in rows])
    return [line for row in rows for cell in row for line in cell + [""]]


def _unwrap(lines: list[tuple[str, float, float]], right: float, out: list[str], wrapped: bool = False) -> bool:
    """Append (text, x0, x1) lines to out, each joined to the one before when that one was wrapped.

    A line is taken as wrapped when it reaches `right` (within a few characters) and does
    not end a sentence, or leaves a 《 or ( open; the next line then goes on with it unless
    it begins a numbered item. Returns whether the last line was wrapped.
    """
    for line, x0, x1 in lines:
        if wrapped and out and not new_paragraph_re().match(line):
            out[-1] += line
        else:
            out.append(line)
        char_width = (x1 - x0) / max(1, len(line))
        wrapped = (right - x1 <= 2.5 * char_width and not ends_sentence(line)) or _open_bracket(out[-1])
    return wrapped


def _open_bracket(paragraph: str) -> bool:
    """A title or number left open (《… or (…) at the end of a line goes on in the next one."""
    if len(paragraph) > 600:
        return False
    return paragraph.count("《") > paragraph.count("》") or (
        paragraph.count("(") + paragraph.count("（") > paragraph.count(")") + paragraph.count("）")
    )
