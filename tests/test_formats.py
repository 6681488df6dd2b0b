"""Word, web pages and PDFs parse to the same records as the seeds' text copies.

Each test builds a real file with the format's own writer (python-docx, an HTML
page written out as bytes, fpdf2 with a CJK font) from a seed's content, parses
it with resp.loader.parse.parse_file, and compares tasks, (task, unit, role)
triples, metadata and targets with the seed's hand-checked record in tests/golden/.
"""
from __future__ import annotations

import html
import io
import json
import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from resp.loader.formats import decode_html, extract_text
from resp.loader.parse import parse_file
from resp.loader.records import ParseError

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
GOLDEN = Path(__file__).resolve().parent / "golden"
SEED_002 = SEEDS / "002_5126f1a90f4d57ad.txt"  # web page: table cells one a line, blank line between
SEED_004 = SEEDS / "004_a10134946afdf1c5.txt"  # Word export: tab-indented table cells
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"



def triples(doc) -> list[tuple[str, str, str]]:
    """(task id, unit, role) of a parsed document, in reading order."""
    return [(t.id, r.unit, r.role) for t in doc.tasks for r in t.responsibilities]

def summary(doc) -> dict:
    return {
        "meta": (doc.jurisdiction, doc.level, doc.parent_jurisdictions, doc.issued, doc.number, doc.implements),
        "tasks": [(t.id, t.section, t.text) for t in doc.tasks],
        "triples": triples(doc),
        "targets": [(t.area, t.year, t.total, t.inclusive) for t in doc.targets],
    }


def golden_summary(seed: Path) -> dict:
    """summary() of the seed's hand-checked record (tests/golden/<seed>.json)."""
    g = json.loads((GOLDEN / f"{seed.stem}.json").read_text(encoding="utf-8"))
    return {
        "meta": (g["jurisdiction"], g["level"], g["parent_jurisdictions"], g["issued"], g["number"],
                 g["implements"]),
        "tasks": [(t["id"], t["section"], t["text"]) for t in g["tasks"]],
        "triples": [(t["id"], r["unit"], r["role"]) for t in g["tasks"] for r in t["responsibilities"]],
        "targets": [(t["area"], t["year"], t["total"], t["inclusive"]) for t in g["targets"]],
    }


def assert_same_records(built: Path, seed: Path) -> None:
    got, want = summary(parse_file(built)), golden_summary(seed)
    assert got["triples"], "the built file gave no triples"
    for key in ("meta", "tasks", "triples", "targets"):
        assert got[key] == want[key], key


# ---------------------------------------------------------------- seed → structure

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")


def word_blocks(seed: Path) -> list[tuple[str, object]]:
    """The 004 shape back into ("p", text) and ("table", rows); a row is cells, a cell its paragraphs.

    A line with tabs holds cells (each tab starts one); a line without tabs right
    after a cell line continues that cell; a blank line ends a row.
    """
    blocks: list[tuple[str, object]] = []
    table = row = None
    for line in seed.read_text(encoding="utf-8").split("\n"):
        line = _BOOKMARK.sub("", line)
        if "\t" in line:
            if table is None:
                table = []
                blocks.append(("table", table))
            if row is None:
                row = []
                table.append(row)
            first, *cells = line.split("\t")
            if first.strip() and row:
                row[-1].append(first)
            row.extend([c] if c.strip() else [] for c in cells)
        elif not line.strip():
            row = None
        elif row is not None:
            row[-1].append(line)
        else:
            table = None
            blocks.append(("p", line))
    for kind, content in blocks:
        if kind == "table":
            _merge_split_rows(content)
    return blocks


def _merge_split_rows(rows: list[list[list[str]]]) -> None:
    """A row the export broke in two (a blank line inside a cell) is one row of the table."""
    width = Counter(len(r) for r in rows).most_common(1)[0][0]
    i = 0
    while i + 1 < len(rows):
        if len(rows[i]) < width and len(rows[i]) + len(rows[i + 1]) <= width:
            rows[i].extend(rows.pop(i + 1))
        else:
            i += 1


def web_table_rows(lines: list[str]) -> list[tuple[str, list]]:
    """The 002 annex (cells one a line, blank line between, an empty cell a double blank) as rows.

    Returns ("head", cells) for each 重点任务/牵头单位/配合单位 header row and
    ("row", [category pieces, task, lead, support]) for each task row; the category
    pieces are non-empty only on the first row of their group.
    """
    cells: list[str] = []
    blanks = 0
    for line in lines:
        if not line.strip():
            blanks += 1
            continue
        if cells:
            cells.extend([""] * max(0, blanks - 1))
        cells.append(line)
        blanks = 0
    rows: list[tuple[str, list]] = []
    pieces: list[str] = []
    i = 0
    while i < len(cells):
        if cells[i : i + 3] == ["重点任务", "牵头单位", "配合单位"]:
            rows.append(("head", cells[i : i + 3]))
            i += 3
        elif re.match(r"^\d+\.", cells[i]):
            rows.append(("row", [pieces, *cells[i : i + 3]]))
            pieces = []
            i += 3
        else:
            pieces.append(cells[i])
            i += 1
    return rows


# ---------------------------------------------------------------- writers

def write_docx(blocks, path: Path) -> Path:
    import docx

    document = docx.Document()
    for kind, content in blocks:
        if kind == "p":
            document.add_paragraph(content)
            continue
        width = max(len(r) for r in content)
        table = document.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        for r in content:
            for cell, paragraphs in zip(table.add_row().cells, r):
                cell.text = paragraphs[0] if paragraphs else ""
                for extra in paragraphs[1:]:
                    cell.add_paragraph(extra)
    document.save(path)
    return path



def web_page_text(path: Path, page: str) -> tuple[Path, str]:
    """A web page written out as UTF-8 bytes, and the text the formats reader makes of it."""
    path.write_bytes(page.encode("utf-8"))
    return path, extract_text(path, path.read_bytes(), str(path))

def web_page_002(encoding: str, charset: str | None, layout_table: bool = False) -> bytes:
    """The 002 page: its text as paragraphs, its annex as a <table>, with site furniture around.

    With `layout_table`, the content sits in a cell of a page-layout table, as on
    older government sites, so the annex is a table nested in a table.
    """
    lines = SEED_002.read_text(encoding="utf-8").split("\n")
    first_header = lines.index("重点任务")
    footer = next(i for i, ln in enumerate(lines) if ln.startswith("主办:"))
    esc = html.escape
    body = [f"<p>{esc(ln)}</p>" for ln in lines[2:first_header] if ln.strip()]
    rows = web_table_rows(lines[first_header:footer])
    table = ['<table border="1" cellspacing="0">']
    for k, (kind, cells) in enumerate(rows):
        if kind == "head":
            table.append(
                f'<tr><th colspan="2">{esc(cells[0])}</th><th>{esc(cells[1])}</th><th>{esc(cells[2])}</th></tr>'
            )
            continue
        pieces, task, lead, support = cells
        tds = []
        if pieces:
            span = 1
            while k + span < len(rows) and rows[k + span][0] == "row" and not rows[k + span][1][0]:
                span += 1
            tds.append(f'<td rowspan="{span}">' + "<br>".join(esc(p) for p in pieces) + "</td>")
        tds += [f"<td>{esc(task)}</td>", f"<td>{esc(lead)}</td>", f"<td>{esc(support)}</td>"]
        table.append("<tr>" + "".join(tds) + "</tr>")
    table.append("</table>")
    layout_open, layout_close = (
        ('<table width="100%"><tr><td class="column">政务公开</td><td>', "</td></tr></table>") if layout_table else ("", "")
    )
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    page = f"""<!DOCTYPE html>
<html><head>{meta}<title>{esc(lines[2])}_云阳县人民政府</title>
<style>.tip:before {{ content: "县财政局牵头"; }}</style>
<script>var notice = "99.县委宣传部牵头;县财政局配合";</script></head>
<body>
<header><div class="top">{esc(lines[0])}</div></header>
<nav><a href="/">首页</a> <a href="/zwgk">98.政务公开</a> <a>县住房城乡建委牵头</a></nav>
<div class="breadcrumb">{esc(lines[1])}</div>
{layout_open}<div class="content">
{chr(10).join(body)}
{chr(10).join(table)}
</div>{layout_close}
<!-- 97.评论区:县公安局牵头 -->
<div id="footer">{esc(lines[footer])}<br>{esc(lines[footer + 2])}</div>
<footer>{esc(lines[footer + 4])} 96.网站维护:县大数据发展局牵头</footer>
</body></html>
"""
    return page.encode(encoding, errors="xmlcharrefreplace")  # as GBK pages carry &ensp; and the like


def cjk_font() -> Path | None:
    """A CJK TrueType font: the one the test extra installs, else a Debian font package's."""
    try:
        import paperang_p2_fonts_cjk

        bundled = Path(paperang_p2_fonts_cjk.__file__).parent / "fonts" / "wqy-microhei.ttc"
        if bundled.exists():
            return bundled
    except ImportError:
        pass
    for candidate in (
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    ):
        if Path(candidate).exists():
            return Path(candidate)
    return None


def new_pdf(head: str | None = None):
    fpdf = pytest.importorskip("fpdf")
    font = cjk_font()
    if font is None:
        pytest.skip("no CJK font: pip install -e '.[test]' (paperang-p2-fonts-cjk) or apt-get install fonts-wqy-microhei")

    class Plan(fpdf.FPDF):
        def header(self):  # a running head, where the plan has one
            if head:
                self.cell(0, 8, head, align="R")
                self.ln(10)

        def footer(self):  # page numbers as printed plans have them
            self.set_y(-15)
            self.cell(0, 10, f"— {self.page_no()} —", align="C")

    pdf = Plan(format="A4")
    pdf.add_font("cjk", fname=str(font))
    pdf.set_font("cjk", size=10.5)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    return pdf


def write_pdf(blocks, path: Path) -> Path:
    from fpdf.fonts import FontFace

    pdf = new_pdf()
    for kind, content in blocks:
        if kind == "p":
            pdf.multi_cell(0, 6, content.strip() or " ", new_x="LMARGIN", new_y="NEXT")
            continue
        width = max(len(r) for r in content)
        widths = (12, 98, 80) if width == 3 else None
        with pdf.table(col_widths=widths, headings_style=FontFace(emphasis=None), line_height=6) as table:
            for r in content:
                row = table.row()
                texts = ["".join(paragraphs) for paragraphs in r]
                if len(texts) < width and (width - 1) % (len(texts) - 1) == 0:
                    span = (width - 1) // (len(texts) - 1)
                    row.cell(texts[0])
                    for t in texts[1:]:
                        row.cell(t, colspan=span)
                else:
                    for t in texts + [""] * (width - len(texts)):
                        row.cell(t)
        pdf.ln(4)
    pdf.output(str(path))
    return path


# ---------------------------------------------------------------- same records as the text path

def test_docx_with_word_table_parses_like_the_004_seed(tmp_path):
    blocks = word_blocks(SEED_004)
    assert any(kind == "table" and len(rows) > 25 for kind, rows in blocks), "the 附件1 table was not rebuilt"
    path = write_docx(blocks, tmp_path / "盈江县实施方案.docx")
    text = extract_text(path, path.read_bytes(), str(path))
    assert "重点任务分工清单" in text and "| 序号 | 工作任务 | 责任单位" in text
    assert_same_records(path, SEED_004)


@pytest.mark.parametrize(
    ("encoding", "charset", "layout_table"),
    [("utf-8", "utf-8", False), ("gbk", "gb2312", False), ("gb18030", None, False), ("utf-8", "utf-8", True)],
    ids=["utf-8", "gbk-declared-gb2312", "gb18030-undeclared", "in-a-layout-table"],
)
def test_html_table_parses_like_the_002_seed(tmp_path, encoding, charset, layout_table):
    path = tmp_path / "yunyang.html"
    path.write_bytes(web_page_002(encoding, charset, layout_table))
    text = extract_text(path, path.read_bytes(), str(path))
    for junk in ("99.县委宣传部", "98.政务公开", "97.评论区", "96.网站维护", "首页", "content:", "当前位置", "主办:"):
        assert junk not in text, junk
    assert "全县优化生育政策促进人口长期均衡发展重点任务分工表" in text
    assert_same_records(path, SEED_002)


def test_pdf_with_cjk_font_parses_like_the_004_seed(tmp_path):
    path = write_pdf(word_blocks(SEED_004), tmp_path / "盈江县实施方案.pdf")
    text = extract_text(path, path.read_bytes(), str(path))
    assert "— 2 —" not in text, "page numbers are print furniture"
    assert "云发〔2022〕28号" in text.replace(" ", ""), "a number cut by a line wrap is joined again"
    assert_same_records(path, SEED_004)


def test_pdf_of_prose_with_wrapped_paragraphs_parses_like_the_001_seed(tmp_path):
    seed = SEEDS / "001_17a8c9aaa5ebaf49.txt"  # numbered paragraphs with (责任单位:…) clauses, a target table
    path = write_pdf(word_blocks(seed), tmp_path / "kunming.pdf")
    assert_same_records(path, seed)


def test_htm_extension_and_a_web_page_saved_as_doc(tmp_path):
    page = web_page_002("utf-8", "utf-8")
    htm, doc = tmp_path / "page.htm", tmp_path / "page.doc"
    htm.write_bytes(page)
    doc.write_bytes(page)
    assert summary(parse_file(htm)) == summary(parse_file(doc))
    assert summary(parse_file(htm))["triples"] == summary(parse_file(SEED_002))["triples"]


def test_vertically_merged_docx_cell_is_given_once(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("某县人民政府办公室关于印发重点任务分工的通知")
    table = document.add_table(rows=4, cols=3)
    for cell, text in zip(table.rows[0].cells, ("重点任务", "牵头单位", "配合单位")):
        cell.text = text
    table.cell(1, 1).merge(table.cell(3, 1)).text = "县卫生健康局"
    for r, text in ((1, "1.落实生育登记服务制度。"), (2, "2.推进出生一件事联办。"), (3, "3.完善人口监测体系。")):
        table.cell(r, 0).text = text
        table.cell(r, 2).text = "县公安局"
    path = tmp_path / "merged.docx"
    document.save(path)
    text = extract_text(path, path.read_bytes(), str(path))
    assert text.count("县卫生健康局") == 1
    assert [t.id for t in parse_file(path).tasks] == ["1", "2", "3"]


# ---------------------------------------------------------------- charset

def test_html_charset_declared_wrongly_follows_the_bytes():
    page = '<html><head><meta charset="gb2312"></head><body><p>县卫生健康委牵头</p></body></html>'
    assert "县卫生健康委牵头" in decode_html(page.encode("utf-8"), "x.html")
    xhtml = '<?xml version="1.0" encoding="gbk"?><html><body><p>县财政局配合</p></body></html>'
    assert "县财政局配合" in decode_html(xhtml.encode("gbk"), "x.xhtml")


# ---------------------------------------------------------------- files that cannot be read

def encrypted_pdf(path: Path) -> Path:
    pdf = new_pdf()
    pdf.multi_cell(0, 6, "1.县卫生健康局牵头;县财政局配合")
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.output(str(path))
    return path


def scanned_pdf(path: Path) -> Path:
    """A page with only drawing on it, as a scan without OCR has only an image."""
    pdf = new_pdf()
    pdf.set_fill_color(200, 200, 200)
    pdf.rect(20, 20, 170, 250, style="F")
    pdf.footer = lambda: None
    pdf.output(str(path))
    return path


def bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    import docx

    word97 = tmp_path / "plan97.doc"
    word97.write_bytes(OLE_MAGIC + b"\x00" * 2048)
    word97_named_docx = tmp_path / "renamed97.docx"
    word97_named_docx.write_bytes(OLE_MAGIC + b"\x00" * 2048)
    notdocx = tmp_path / "archive.docx"
    with zipfile.ZipFile(notdocx, "w") as zf:
        zf.writestr("readme.txt", "not a Word document")
    xlsx = tmp_path / "sheet.docx"
    with zipfile.ZipFile(xlsx, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    empty = tmp_path / "empty.docx"
    docx.Document().save(empty)
    good = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("1.县卫生健康局牵头")
    document.save(good)
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(good.getvalue()[: len(good.getvalue()) // 2])
    broken_pdf = tmp_path / "broken.pdf"
    broken_pdf.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without xref\n")
    junk_html = tmp_path / "junk.html"
    junk_html.write_bytes(b"<html><body><nav>1.\xe9\xa6\x96\xe9\xa1\xb5</nav><script>x=1</script></body></html>")
    files = {
        "word97": (word97, "Word 97-2003 .doc"),
        "word97-named-docx": (word97_named_docx, "Word 97-2003 .doc"),
        "zip-not-docx": (notdocx, "not a Word .docx: the file is a zip archive"),
        "xlsx-as-docx": (xlsx, "Excel workbook"),
        "empty-docx": (empty, "empty Word document"),
        "truncated-docx": (truncated, "corrupt .docx"),
        "broken-pdf": (broken_pdf, "corrupt or unreadable PDF"),
        "junk-html": (junk_html, "empty web page"),
    }
    if cjk_font() is not None:
        files["encrypted-pdf"] = (encrypted_pdf(tmp_path / "secret.pdf"), "encrypted PDF")
        files["scanned-pdf"] = (scanned_pdf(tmp_path / "scan.pdf"), "no text layer")
    return files


CASES = [
    "word97", "word97-named-docx", "zip-not-docx", "xlsx-as-docx", "empty-docx",
    "truncated-docx", "broken-pdf", "junk-html", "encrypted-pdf", "scanned-pdf",
]


@pytest.fixture(scope="module")
def bad(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    return bad_files(tmp_path_factory.mktemp("bad"))


@pytest.mark.parametrize("case", CASES)
def test_unreadable_file_is_a_one_line_parse_error(bad, case):
    files = bad
    if case not in files:
        pytest.skip("no CJK font to build the PDF with")
    path, reason = files[case]
    with pytest.raises(ParseError) as info:
        parse_file(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert reason in message
    assert "\n" not in message


def test_cli_names_each_bad_file_and_prints_the_good_ones(tmp_path, bad):
    from click.testing import CliRunner

    from resp.cli.main import main

    good = write_docx(word_blocks(SEED_004), tmp_path / "good.docx")
    failing = [bad[c][0] for c in ("word97", "zip-not-docx", "empty-docx", "encrypted-pdf") if c in bad]
    result = CliRunner().invoke(main, ["parse", str(failing[0]), str(good), *map(str, failing[1:]), "--json"])
    assert result.exit_code == 1, result.output
    records = json.loads(result.stdout)
    assert [r["source"] for r in records] == [str(good)]
    assert len(records[0]["tasks"]) == len(parse_file(SEED_004).tasks)
    errors = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(errors) == len(failing)
    for path, line in zip(failing, errors):
        assert str(path) in line
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- start-up cost

def test_readers_are_imported_only_when_used():
    code = (
        "import sys; from resp.loader.parse import parse_file; "
        f"parse_file({str(SEED_004)!r}); "
        "print(sorted(m for m in ('docx', 'lxml', 'pdfplumber', 'pdfminer', 'fpdf', 'olefile') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_docx_reads_tracked_insertions_text_boxes_and_content_controls(tmp_path):
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    body = document.element.body
    sect = body[-1]
    for xml in (
        f'<w:p {w}><w:r><w:t>1.落实生育登记制度。</w:t></w:r><w:ins w:id="1" w:author="a">'
        f'<w:r><w:t>(县卫生健康局牵头</w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r>'
        f'<w:delText>,县民政局配合</w:delText></w:r></w:del><w:r><w:t>)</w:t></w:r></w:p>',
        f'<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>2.推进出生一件事联办。(县公安局牵头)</w:t></w:r></w:p>'
        f'</w:sdtContent></w:sdt>',
    ):
        sect.addprevious(parse_xml(xml))
    path = tmp_path / "tracked.docx"
    document.save(path)
    text = extract_text(path, path.read_bytes(), str(path))
    assert "县民政局" not in text
    triples = summary(parse_file(path))["triples"]
    assert triples == [("1", "县卫生健康局", "lead"), ("2", "县公安局", "lead")]


# ---------------------------------------------------------------- spreadsheets (.xlsx, .xls, .csv, .tsv)
# A task-division table as governments attach it (任务分工表.xlsx) and analysts save it:
# 附件 line, a title merged across the columns, a two-level header (责任单位 over
# 牵头单位/配合单位), category rows merged across, a 备注 column, units on lines of
# their own in a cell, dates typed as dates. Our own wording; records written by hand.

SHEET_TASKS = [
    ("1", "一、织密社区服务网点", "每个街道至少建成1处综合养老服务中心,实现服务覆盖率100%",
     [("市民政局", "lead"), ("市财政局", "support"), ("市自然资源局", "support")]),
    ("2", "一、织密社区服务网点", "推动老年助餐点向城乡社区延伸",
     [("市商务局", "lead"), ("各县(区)人民政府", "support")]),
    ("3", "二、强化人才支撑", "开展养老护理员职业技能培训",
     [("市人力资源社会保障局", "lead"), ("市民政局", "support"), ("市卫生健康委", "support")]),
]
SHEET_TEXT = (
    "附件1\n临川市社区养老服务提升行动重点任务分工表\n"
    "序号\t重点任务\t责任单位\t\t完成时限\t备注\n\t\t牵头单位\t配合单位\n"
    "一、织密社区服务网点\n"
    "1\t每个街道至少建成1处综合养老服务中心, 实现服务覆盖率100%\t市民政局\t市财政局 市自然资源局\t2025年6月\n"
    "2\t推动老年助餐点向城乡社区延伸\t市商务局\t各县(区)人民政府\t2025年12月31日\t按季度报送进展\n"
    "二、强化人才支撑\n"
    "3\t开展养老护理员职业技能培训\t市人力资源社会保障局\t市民政局、市卫生健康委\t持续推进\n"
)


def sheet_rows() -> list[list]:
    """The table's rows as typed in a workbook (None: an empty cell, a merged cell's covered part)."""
    import datetime as dt

    return [
        ["附件1"],
        ["临川市社区养老服务提升行动重点任务分工表"],
        ["序号", "重点任务", "责任单位", None, "完成时限", "备注"],
        [None, None, "牵头单位", "配合单位"],
        ["一、织密社区服务网点"],
        [1.0, "每个街道至少建成1处综合养老服务中心,\n实现服务覆盖率100%", "市民政局", "市财政局\n市自然资源局",
         dt.datetime(2025, 6, 1)],
        [2, "推动老年助餐点向城乡社区延伸", "市商务局", "各县(区)人民政府", dt.datetime(2025, 12, 31), "按季度报送进展"],
        [],
        ["二、强化人才支撑"],
        [3, "开展养老护理员职业技能培训", "市人力资源社会保障局", "市民政局、市卫生健康委", "持续推进"],
    ]


SHEET_MERGES = ("A2:F2", "A3:A4", "B3:B4", "C3:D3", "E3:E4", "F3:F4", "A5:F5", "A9:F9")


def sheet_records(path: Path) -> list:
    doc = parse_file(path)
    return [(t.id, t.section, t.text, [(r.unit, r.role) for r in t.responsibilities]) for t in doc.tasks]


def write_xlsx(path: Path) -> Path:
    """The plan's table in a workbook, with a hidden draft sheet (not printed, so not read)."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    ws = book.active
    for row in sheet_rows():
        ws.append(row)
    for rng in SHEET_MERGES:
        ws.merge_cells(rng)
    ws["E6"].number_format = 'yyyy"年"m"月"'
    draft = book.create_sheet("草稿")
    draft.append(["序号", "重点任务", "牵头单位"])
    draft.append([9, "尚未定稿的任务", "市审计局"])
    draft.sheet_state = "hidden"
    book.save(path)
    return path


def write_xls(path: Path) -> Path:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("分工表")
    month = xlwt.easyxf(num_format_str='yyyy"年"m"月"')
    day = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for r, row in enumerate(sheet_rows()):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, value, (month if r == 5 else day) if hasattr(value, "year") else xlwt.Style.default_style)
    book.save(str(path))
    return path


def test_xlsx_table_reads_as_tab_rows(tmp_path):
    path = write_xlsx(tmp_path / "任务分工表.xlsx")
    assert extract_text(path, path.read_bytes(), "t") == SHEET_TEXT


def test_xlsx_table_gives_its_tasks_and_units(tmp_path):
    path = write_xlsx(tmp_path / "任务分工表.xlsx")
    assert sheet_records(path) == SHEET_TASKS
    assert parse_file(path).jurisdiction == "临川市"


def test_xls_table_reads_like_the_xlsx(tmp_path):
    path = write_xls(tmp_path / "任务分工表.xls")
    assert extract_text(path, path.read_bytes(), "t") == SHEET_TEXT
    assert sheet_records(path) == SHEET_TASKS


def test_xlsx_every_visible_sheet_in_order(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["序号", "重点任务", "牵头单位", "配合单位"])
    book.active.append([1, "编制街区更新导则", "市规划局", "各区政府"])
    more = book.create_sheet("续表")
    more.append(["序号", "重点任务", "牵头单位", "配合单位"])
    more.append([2, "建立项目储备清单", "市发展改革委", "市财政局"])
    more.append([3, "完善评价指标", "市统计局", 0.25])
    more["D3"].number_format = "0%"
    book.save(tmp_path / "t.xlsx")
    text = extract_text(tmp_path / "t.xlsx", (tmp_path / "t.xlsx").read_bytes(), "t")
    assert text.split("\n\n")[1].splitlines()[-1] == "3\t完善评价指标\t市统计局\t25%"
    assert [t.id for t in parse_file(tmp_path / "t.xlsx").tasks] == ["1", "2", "3"]


CSV_TABLE = [
    ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
    ["1", "建成社区嵌入式托育点,覆盖主城各街道", "市卫生健康委", "市教育局、市住房城乡建设局", "2025年6月"],
    ["2", "完善家庭托育点登记\n备案办法", "市市场监管局", "市卫生健康委\n市消防救援支队", "2024年底"],
]
CSV_TASKS = [
    ("1", None, "建成社区嵌入式托育点,覆盖主城各街道",
     [("市卫生健康委", "lead"), ("市教育局", "support"), ("市住房城乡建设局", "support")]),
    ("2", None, "完善家庭托育点登记备案办法",
     [("市市场监管局", "lead"), ("市卫生健康委", "support"), ("市消防救援支队", "support")]),
]


@pytest.mark.parametrize("name,delimiter,encoding", [
    ("plan.csv", ",", "utf-8"), ("plan.csv", ",", "utf-8-sig"), ("plan.csv", ",", "gb18030"),
    ("plan.tsv", "\t", "utf-8"), ("export.xls", "\t", "gb18030"),  # a system's "Excel export" that is tab text
])
def test_delimited_table_gives_its_tasks_and_units(tmp_path, name, delimiter, encoding):
    import csv

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(CSV_TABLE)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue().encode(encoding))
    assert sheet_records(path) == CSV_TASKS


@pytest.mark.parametrize("name,data,reason", [
    ("plan.xlsx", "序号,重点任务\n".encode(), "not an Excel .xlsx file: no zip container"),
    ("plan.xlsx", b"PK\x03\x04 broken", "corrupt .xlsx: not a readable zip archive"),
    ("plan.xlsx", OLE_MAGIC + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le"), "encrypted workbook"),
    ("plan.xls", OLE_MAGIC + b"\0" * 600, "corrupt or unreadable .xls"),
    ("plan.csv", b" , ,\n,,\n", "empty spreadsheet"),
    ("plan.csv", "序号,任务\n1,\"".encode() + "甲".encode() * 140000, "unreadable .csv table: field larger"),
])
def test_bad_spreadsheets_get_one_line_reasons(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ParseError) as err:
        parse_file(path)
    assert reason in str(err.value) and "\n" not in str(err.value)


def test_workbook_with_no_text_is_refused(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active["C3"] = "   "
    book.save(tmp_path / "empty.xlsx")
    with pytest.raises(ParseError, match="empty spreadsheet: no sheet has a cell with text"):
        parse_file(tmp_path / "empty.xlsx")


# ---------------------------------------------------------------- web page tables as rows

def test_html_table_rows_whose_leading_cells_are_rowspanned_keep_their_columns(tmp_path):
    """Cells covered by a rowspan are not in their row: read one cell a line, the rows' ends were lost
    and the later rows' cells fell under the wrong headers; read as `|` rows they keep their columns."""
    page = """<html><head><meta charset="utf-8"><title>某镇防灾工作清单</title></head><body>
<nav><a href="/">首页</a></nav>
<div class="content"><p>某镇防灾减灾工作任务清单</p>
<table border="1">
<tr><td>工作类别</td><td>工作事项</td><td>任务内容</td><td>责任科室</td><td>完成时限</td></tr>
<tr><td colspan="5">一、队伍建设</td></tr>
<tr><td rowspan="2">(一)队伍组建</td><td>(1)组建镇级应急救援队伍,明确队员分工。</td>
<td>1.建立队员名册;<br>2.每季度开展一次集中训练;</td><td>应急办 武装部</td><td>5月</td></tr>
<tr><td>(2)村级设立应急小分队,落实值守人员。</td><td>1.明确各村小分队负责人;</td><td>村(社区)</td><td>6月</td></tr>
</table></div></body></html>"""
    path, text = web_page_text(tmp_path / "清单.html", page)
    assert "| (2)村级设立应急小分队,落实值守人员。 | 1.明确各村小分队负责人; | 村(社区) | 6月 |" in text
    assert "| 1.建立队员名册; 2.每季度开展一次集中训练; | 应急办 武装部 | 5月 |" in text
    doc = parse_file(path)
    assert triples(doc) == [
        ("1", "应急办", "responsible"), ("1", "武装部", "responsible"), ("2", "村(社区)", "responsible")]
    # at 5f33777: [("2", "应急办", …), ("2", "武装部", …)], 村(社区) lost


def test_docx_table_rows_whose_leading_cells_are_merged_down_keep_their_columns(tmp_path):
    """A Word table is read as `|` rows, as a web page's: cells merged down (vMerge) are given once,
    in their first row, so a later row is short; read one cell a line, its cells fell under the wrong headers."""
    import docx

    document = docx.Document()
    document.add_paragraph("某镇防灾减灾工作任务清单")
    table = document.add_table(rows=5, cols=5)
    for cell, text in zip(table.rows[0].cells, ("工作类别", "工作事项", "任务内容", "责任科室", "完成时限")):
        cell.text = text
    table.cell(1, 0).merge(table.cell(1, 4)).text = "一、队伍建设"
    table.cell(2, 0).merge(table.cell(3, 0)).text = "(一)队伍组建"
    table.cell(2, 1).merge(table.cell(3, 1)).text = "(1)组建镇级应急救援队伍,明确队员分工。"
    rows = (("1.建立队员名册;", "应急办", "5月"), ("2.每季度开展一次集中训练;", "武装部", "6月"),
            ("1.储备冲锋舟、救生衣等物资;", "村(社区)", "7月"))
    for r, (step, unit, due) in enumerate(rows, start=2):
        table.cell(r, 2).text = step
        table.cell(r, 3).text = unit
        table.cell(r, 4).text = due
    table.cell(4, 0).text = "(二)物资储备"
    table.cell(4, 1).text = "(2)建立镇村两级物资储备点。"
    table.cell(4, 3).add_paragraph("民政办")
    path = tmp_path / "清单.docx"
    document.save(path)
    text = extract_text(path, path.read_bytes(), str(path))
    assert "| 2.每季度开展一次集中训练; | 武装部 | 6月 |" in text
    assert "| (二)物资储备 | (2)建立镇村两级物资储备点。 | 1.储备冲锋舟、救生衣等物资; | 村(社区) 民政办 | 7月 |" in text
    doc = parse_file(path)
    assert triples(doc) == [
        ("1.1", "应急办", "responsible"), ("1.2", "武装部", "responsible"),
        ("2", "村(社区)", "responsible"), ("2", "民政办", "responsible")]
    # at 7b97448: [("1", "应急办", …), ("2.1", "武装部", …), ("2.2", "民政办", …)], 村(社区) lost


@pytest.mark.parametrize("running_head", [False, True], ids=["page-numbers", "running-head"])
def test_pdf_table_over_a_page_break_reads_as_rows(tmp_path, running_head):
    """A PDF table read by its ruling lines as `|` rows: a long cell's wrapped lines joined, the header
    printed again on the next page dropped, the rows going on over the break, a cell merged down given once
    (the row below keeps its columns). Read one cell a line, a wrapped cell was parted and rows ran together.
    A running head printed atop every page is dropped (else it parts the table over the break)."""
    from fpdf.fonts import FontFace

    pdf = new_pdf("青溪县森林防火 2024-第4期" if running_head else None)
    pdf.multi_cell(0, 6, "青溪县2024年秋冬季森林防火工作任务分工", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, "为压实森林防火责任,落实火源管控、隐患排查和应急处置各项措施,确保全县不发生重大森林火灾,"
                   "经县政府同意,现将重点任务分工如下,请各单位认真抓好落实。", new_x="LMARGIN", new_y="NEXT")
    with pdf.table(col_widths=(10, 90, 30, 40), headings_style=FontFace(emphasis=None), line_height=6) as table:
        head = table.row()
        for text in ("序号", "重点任务", "牵头单位", "配合单位"):
            head.cell(text)
        for n in range(1, 31):
            row = table.row()
            row.cell(str(n))
            row.cell(f"组织开展第{n}轮林区火源隐患排查,重点检查坟墓周边、林农交错地带和景区步道,发现问题立即整改并建立销号台账。")
            if n == 3:
                row.cell("县公安局", rowspan=2)
            elif n != 4:
                row.cell("县林业局")
            row.cell("各乡镇人民政府\n县应急管理局")
    pdf.ln(4)
    pdf.multi_cell(0, 6, "各单位要于每月底前报送工作进展。", new_x="LMARGIN", new_y="NEXT")
    path = pdf.output(str(tmp_path / "分工.pdf")) or tmp_path / "分工.pdf"
    text = extract_text(path, path.read_bytes(), str(path))
    assert text.count("| 序号 | 重点任务 | 牵头单位 | 配合单位 |") == 1
    assert "| 4 | 组织开展第4轮林区火源隐患排查,重点检查坟墓周边、林农交错地带和景区步道,发现问题立即整改并建立销号台账。" \
        " |  | 各乡镇人民政府 县应急管理局 |" in text
    assert "— 2 —" not in text and "台账。 | 县林业局 | 各乡镇人民政府 县应急管理局 |\n\n各单位" in text
    assert "第4期" not in text and text.startswith("青溪县2024年秋冬季森林防火工作任务分工\n")
    leads = {n: [("县林业局", "lead")] for n in range(1, 31)}
    leads[3], leads[4] = [("县公安局", "lead")], []  # the merged cell is given once, in its first row
    expected = [(str(n), unit, role) for n in range(1, 31)
                for unit, role in leads[n] + [("各乡镇人民政府", "support"), ("县应急管理局", "support")]]
    doc = parse_file(path)
    assert triples(doc) == expected
    # at 7b97448: task 4 read 各乡镇人民政府 and 县应急管理局 as its lead units (the merged cell left out of the row)


def test_docx_unit_cell_merged_down_after_the_task_keeps_the_columns_after_it(tmp_path):
    """A 牵头单位 cell merged over two tasks: in the second row it is an empty cell, so the 配合单位
    after it stay supports (left out of the row, they were read as the task's lead units)."""
    import docx

    document = docx.Document()
    document.add_paragraph("某县河湖清四乱专项行动任务分工")
    table = document.add_table(rows=4, cols=4)
    for cell, text in zip(table.rows[0].cells, ("序号", "工作任务", "牵头单位", "配合单位")):
        cell.text = text
    tasks = ("清理河道两岸违章搭建", "整治沿河非法采砂点", "建立巡河问题销号台账")
    for r, task in enumerate(tasks, start=1):
        table.cell(r, 0).text = str(r)
        table.cell(r, 1).text = task
        table.cell(r, 3).text = "各乡镇人民政府"
    table.cell(1, 2).merge(table.cell(2, 2)).text = "县水利局"
    table.cell(3, 2).text = "县河长办"
    path = tmp_path / "分工.docx"
    document.save(path)
    assert "| 2 | 整治沿河非法采砂点 |  | 各乡镇人民政府 |" in extract_text(path, path.read_bytes(), str(path))
    doc = parse_file(path)
    assert triples(doc) == [
        ("1", "县水利局", "lead"), ("1", "各乡镇人民政府", "support"), ("2", "各乡镇人民政府", "support"),
        ("3", "县河长办", "lead"), ("3", "各乡镇人民政府", "support")]
    # left out of row 2 (as at 4e71ea9), 各乡镇人民政府 was read as task 2's lead


def test_html_unit_cell_rowspanned_after_the_task_keeps_the_columns_after_it(tmp_path):
    """A web table's 牵头单位 cell spanning two tasks (rowspan): in the second row it is an empty cell,
    as a Word table's merged cell is, so the 配合单位 after it stay supports (left out of the row, they
    were read as the task's lead units); a cell spanning the last column is an empty cell too."""
    page = """<html><head><meta charset="utf-8"><title>某区背街小巷整治任务分工</title></head><body>
<div class="content"><p>某区背街小巷环境整治任务分工</p>
<table border="1">
<tr><th>序号</th><th>整治任务</th><th>牵头单位</th><th>配合单位</th></tr>
<tr><td>1</td><td>修补破损人行道和井盖</td><td rowspan="2">区城管局</td><td>各街道办事处</td></tr>
<tr><td>2</td><td>清理占道堆放的杂物</td><td>区市场监管局</td></tr>
<tr><td>3</td><td>规范沿街店招店牌</td><td>区住建局</td><td rowspan="2">各街道办事处</td></tr>
<tr><td>4</td><td>整治楼道乱拉电线</td><td>区消防救援大队</td></tr>
</table></div></body></html>"""
    path, text = web_page_text(tmp_path / "分工.html", page)
    assert "| 2 | 清理占道堆放的杂物 |  | 区市场监管局 |" in text
    assert "| 4 | 整治楼道乱拉电线 | 区消防救援大队 |  |" in text
    doc = parse_file(path)
    assert triples(doc) == [
        ("1", "区城管局", "lead"), ("1", "各街道办事处", "support"), ("2", "区市场监管局", "support"),
        ("3", "区住建局", "lead"), ("3", "各街道办事处", "support"), ("4", "区消防救援大队", "lead")]
    # at c6396c1: the covered cell left out of row 2, 区市场监管局 was read as task 2's lead


# ---------------------------------------------------------------- Word 97-2003 .doc and WPS .wps
# Real Word 97 files: each plan written with python-docx, then converted by LibreOffice
# (tests/fixtures/formats/make_word97.py, README.md there). Our own wording; triples by hand.

WORD97 = Path(__file__).resolve().parent / "fixtures" / "formats"
WORD97_TRIPLES = {
    "word97_clauses": [  # numbered paragraphs closed by (牵头单位:…;配合单位:…)
        ("一", "县文化旅游局", "lead"), ("一", "县财政局", "support"), ("一", "各乡镇人民政府", "support"),
        ("二", "县图书馆", "lead"), ("二", "县教育局", "support"),
        ("三", "团县委", "lead"), ("三", "县文明办", "support"), ("三", "县妇联", "support")],
    "word97_table": [  # a 分工表, its 牵头单位 cell merged down over tasks 1 and 2, a line break in a cell
        ("1", "市住房城乡建设局", "lead"), ("1", "市自然资源局", "support"), ("1", "市财政局", "support"),
        ("2", "市机关事务局", "support"),
        ("3", "市大数据局", "lead"), ("3", "市公安局交警支队", "support"), ("3", "市城市管理局", "support")],
    "word97_field_break": [  # a HYPERLINK field in a task, a page break after it
        ("1", "区民政局", "lead"), ("1", "区市场监管局", "support"),
        ("2", "区财政局", "lead"), ("2", "区民政局", "support"), ("2", "各街道办事处", "support")],
}


@pytest.mark.parametrize("name", sorted(WORD97_TRIPLES))
def test_word97_doc_gives_the_triples_of_the_docx_it_came_from(name):
    doc, docx_file = WORD97 / f"{name}.doc", WORD97 / f"{name}.docx"
    assert doc.read_bytes().startswith(OLE_MAGIC)
    assert triples(parse_file(doc)) == WORD97_TRIPLES[name]
    assert triples(parse_file(docx_file)) == WORD97_TRIPLES[name]


def test_word97_table_rows_read_as_the_docx_table_rows():
    doc, docx_file = WORD97 / "word97_table.doc", WORD97 / "word97_table.docx"
    text = extract_text(doc, doc.read_bytes(), "t")
    assert text == extract_text(docx_file, docx_file.read_bytes(), "t")
    assert "| 2 | 推动机关单位停车场错时开放 |  | 市机关事务局 | 2025年6月底 |" in text


def test_word97_field_code_is_dropped_and_its_result_kept():
    doc = WORD97 / "word97_field_break.doc"
    text = extract_text(doc, doc.read_bytes(), "t")
    assert "开设线上订餐服务。" in text
    assert "HYPERLINK" not in text and "example.org" not in text


def test_wps_is_read_as_the_doc_it_is(tmp_path):
    wps = tmp_path / "附件.wps"
    wps.write_bytes((WORD97 / "word97_clauses.doc").read_bytes())
    assert triples(parse_file(wps)) == WORD97_TRIPLES["word97_clauses"]


def encrypted_doc(path: Path) -> Path:
    """The clauses .doc with the FIB's fEncrypted bit set, as a password-protected save has it."""
    olefile = pytest.importorskip("olefile")
    path.write_bytes((WORD97 / "word97_clauses.doc").read_bytes())
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        word = bytearray(ole.openstream("WordDocument").read())
        word[0x0B] |= 0x01  # flags at 0x0A: 0x0100 is fEncrypted
        ole.write_stream("WordDocument", bytes(word))
    return path


def renamed_stream(path: Path, old: str, new: str) -> Path:
    """An OLE file of another kind: a workbook whose Workbook stream is renamed (same length) in the directory."""
    data = write_xls(path.with_suffix(".xls")).read_bytes()
    assert len(old) == len(new)
    path.write_bytes(data.replace(old.encode("utf-16-le"), new.encode("utf-16-le")))
    return path


@pytest.mark.parametrize("case, reason", [
    ("encrypted", "encrypted Word document: it needs a password"),
    ("truncated", "corrupt or unreadable Word 97-2003 .doc"),
    ("no-word-stream", "not a Word 97-2003 document: the OLE compound file has no WordDocument stream"),
    ("workbook-named-doc", "an Excel 97-2003 workbook, not a Word document"),
])
def test_unreadable_word97_file_is_a_one_line_parse_error(tmp_path, case, reason):
    path = tmp_path / "附件.doc"
    if case == "encrypted":
        encrypted_doc(path)
    elif case == "truncated":
        data = (WORD97 / "word97_table.doc").read_bytes()
        path.write_bytes(data[: len(data) // 3])
    elif case == "no-word-stream":
        renamed_stream(path, "Workbook", "Contents")
    else:
        renamed_stream(path, "Workbook", "Workbook")
    with pytest.raises(ParseError) as info:
        parse_file(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and reason in message and "\n" not in message
