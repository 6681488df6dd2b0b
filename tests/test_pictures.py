"""Pictures (resp.pictures, `resp show --html`, `resp matrix --png`) on a store of the five seeds.

What a picture must hold comes from the hand-checked golden records (tests/golden), not
from the queries that drew it. The page is opened in headless Chromium (Debian's
`chromium`, which .ci/system-packages installs) and its screenshot must show nodes.

Why the browser is driven over --remote-debugging-pipe rather than with `--screenshot`:
the page lays the graph out in the browser and draws it on a canvas over several frames;
`--screenshot` (with or without --virtual-time-budget) takes its picture at a moment of
its own and gives a blank canvas on some runs. Over the DevTools pipe (plain JSON on
file descriptors 3 and 4, no extra package) the test waits until the canvas has drawn
and stopped moving, then asks for the screenshot.
"""
from __future__ import annotations

import base64
import html
import io
import json
import logging
import os
import re
import shutil
import subprocess
import time
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from resp.cli.main import main

GOLDEN = Path(__file__).resolve().parent / "golden"
ISSUERS = {"000": "云南省", "001": "昆明市", "002": "云阳县", "003": "青海省", "004": "盈江县"}
CHROMIUM = shutil.which("chromium") or (os.path.exists("/usr/bin/chromium") and "/usr/bin/chromium") or None
ROLE_STRENGTH = ("lead", "responsible", "implement", "support")


def golden(key: str) -> dict:
    return json.loads(next(GOLDEN.glob(f"{key}_*.json")).read_text(encoding="utf-8"))


def triples(doc: dict) -> set[tuple[str, str, str]]:
    """(task id, unit, role) as the plan prints them."""
    return {(t["id"], r["unit"], r["role"]) for t in doc["tasks"] for r in t["responsibilities"]}


def strongest(doc: dict) -> dict[tuple[str, str], str]:
    """(unit, task id) -> the strongest role the unit holds on the task."""
    out = {}
    for task, unit, role in triples(doc):
        if (unit, task) not in out or ROLE_STRENGTH.index(role) < ROLE_STRENGTH.index(out[(unit, task)]):
            out[(unit, task)] = role
    return out


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def count_near(img, rgb, tol=12) -> int:
    """Pixels of an RGB image within `tol` of a colour on every channel."""
    r, g, b = (img.getchannel(c) for c in "RGB")
    masks = [ch.point(lambda v, t=t: 255 if abs(v - t) <= tol else 0) for ch, t in zip((r, g, b), rgb)]
    from PIL import ImageChops

    both = ImageChops.multiply(ImageChops.multiply(masks[0], masks[1]), masks[2])
    return both.histogram()[255]


def non_background(img) -> int:
    """Pixels that differ from the image's most common colour."""
    rgb = img.convert("RGB")
    colours = rgb.getcolors(maxcolors=1 << 24)
    background = max(colours)[1]
    return rgb.width * rgb.height - count_near(rgb, background, tol=6)


# --------------------------------------------------------------------------
# the font
# --------------------------------------------------------------------------

def test_cjk_font_comes_with_the_install_and_matplotlib_finds_it():
    from matplotlib import font_manager

    from resp.pictures import cjk_font_path
    from resp.pictures.matrix import font_family

    path = cjk_font_path()
    import pylopdf_fonts_zh_cn

    assert Path(path).parent == Path(pylopdf_fonts_zh_cn.__file__).parent, "the packaged font, not a system one"
    family = font_family()
    assert family == "Noto Sans SC"
    found = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    assert os.path.samefile(found, path)


def test_font_has_every_glyph_the_seeds_print():
    from matplotlib.ft2font import FT2Font

    from resp.pictures import cjk_font_path

    font = FT2Font(cjk_font_path())
    text = set()
    for key in ISSUERS:
        doc = golden(key)
        text |= set(doc["jurisdiction"])
        for t in doc["tasks"]:
            text |= set(t["id"]) | set(t["section"] or "")
            for r in t["responsibilities"]:
                text |= set(r["unit"])
    missing = sorted(c for c in text if not c.isspace() and font.get_char_index(ord(c)) == 0)
    assert not missing


# --------------------------------------------------------------------------
# the matrix
# --------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["001", "004"])
def test_plan_matrix_is_the_plan(seeds_store, key):
    from resp.pictures.matrix import plan_matrix
    from resp.store import open_store

    doc = golden(key)
    store = open_store(db_path=seeds_store)
    try:
        m = plan_matrix(store, ISSUERS[key])
    finally:
        store.close()
    assert [t["id"] for t in m.tasks] == [t["id"] for t in doc["tasks"]], "tasks in plan order"
    assert [t["section"] for t in m.tasks] == [t["section"] for t in doc["tasks"]]
    cells = {(m.units[i]["name"], m.tasks[j]["id"]): role for (i, j), role in m.cells.items()}
    assert cells == strongest(doc)
    # the busiest first: nobody below leads more tasks than anybody above
    led = [sum(1 for (i, _), r in m.cells.items() if i == row and r == "lead") for row in range(len(m.units))]
    assert led == sorted(led, reverse=True)


def test_yingjiang_matrix_leads_with_the_health_bureau(seeds_store):
    from resp.pictures.matrix import plan_matrix
    from resp.store import open_store

    store = open_store(db_path=seeds_store)
    try:
        m = plan_matrix(store, "盈江县")
    finally:
        store.close()
    # 004: 县卫生健康局 leads 1–15, 21, 22, 24–29 (23 tasks), more than any other unit
    assert m.units[0]["name"] == "县卫生健康局"
    assert sum(1 for (i, _), r in m.cells.items() if i == 0 and r == "lead") == 23
    assert m.number == "盈发〔2023〕8号"


def test_matrix_png_size_pixels_and_glyphs(seeds_store, tmp_path, caplog):
    from PIL import Image

    from resp.pictures import ROLE_COLOURS
    from resp.pictures.matrix import matrix_size

    doc = golden("001")
    units = sorted({r["unit"] for t in doc["tasks"] for r in t["responsibilities"]})
    png = tmp_path / "kunming.png"
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING):
        warnings.simplefilter("always")
        result = cli("matrix", "昆明", "--png", png, "--db", seeds_store)
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output
    glyphs = [str(w.message) for w in caught if "Glyph" in str(w.message) or "missing from" in str(w.message)]
    assert not glyphs, glyphs
    assert not [r for r in caplog.records if "findfont" in r.getMessage()]

    img = Image.open(png)
    assert img.format == "PNG"
    assert img.size == matrix_size(len(units), len(doc["tasks"]), units, dpi=150)
    rgb = img.convert("RGB")
    assert non_background(rgb) > 0.2 * rgb.width * rgb.height
    # one 0.2-inch cell at 150 dpi is 30×30 px; 38 lead, 42 support and 18 implement cells
    cell = 30 * 30
    by_role = {r: sum(1 for t in doc["tasks"] for x in t["responsibilities"] if x["role"] == r)
               for r in ("lead", "support", "implement")}
    for role, n in by_role.items():
        got = count_near(rgb, hex_rgb(ROLE_COLOURS[role]), tol=8)
        assert 0.6 * n * cell < got < 1.2 * n * cell + 2000, (role, n, got)


def test_matrix_size_grows_with_the_plan():
    from resp.pictures.matrix import matrix_size

    w1, h1 = matrix_size(10, 40, ["县卫生健康局"], dpi=100)
    w2, h2 = matrix_size(10, 60, ["县卫生健康局"], dpi=100)
    w3, h3 = matrix_size(20, 60, ["县卫生健康局"], dpi=100)
    assert (w2 - w1, h2 - h1) == (20 * 20, 0), "20 more tasks: 20 cells of 0.2 inch wider"
    assert (w3 - w2, h3 - h2) == (0, 10 * 20)
    assert matrix_size(10, 40, ["县优化生育政策工作联席会议成员单位"], 100)[0] > w1
    assert matrix_size(2, 2, ["局"], dpi=100)[0] == 650, "never narrower than the title needs"


def test_matrix_errors_are_one_line(seeds_store, tmp_path):
    png = tmp_path / "x.png"
    no_plan = cli("matrix", "五华区", "--png", png, "--db", seeds_store)
    assert no_plan.exit_code == 1 and "no plan" in no_plan.output
    ambiguous = cli("matrix", "省", "--png", png, "--db", seeds_store)
    assert ambiguous.exit_code == 2 and "云南省" in ambiguous.output and "青海省" in ambiguous.output
    wrong_doc = cli("matrix", "盈江县", "--doc", "no-such-number", "--png", png, "--db", seeds_store)
    assert wrong_doc.exit_code == 1
    assert not png.exists()
    missing = cli("matrix", "盈江县", "--png", png, "--db", tmp_path / "nothing.db")
    assert missing.exit_code != 0 and "resp load" in missing.output


def test_task_order_and_section_labels():
    from resp.pictures.matrix import section_labels
    from resp.pictures.neighbourhood import task_order

    assert sorted(["10", "2", "3.10", "3.2", "1"], key=task_order) == ["1", "2", "3.2", "3.10", "10"]
    assert sorted(["十.1", "二.10", "二.2", "十一.1", "二.1"], key=task_order) == [
        "二.1", "二.2", "二.10", "十.1", "十一.1"]
    wide = section_labels([(0, 10, "(一)积极有序实施"), (10, 20, "(二)全面提高")])
    assert [label for label, _ in wide] == ["(一)积极有序实施", "(二)全面提高"]
    narrow = section_labels([(0, 1, "(十三)加强人口监测预警分析"), (1, 8, "(十四)规范")])
    assert [label for label, _ in narrow] == ["(十三)", "(十四)"], "all titles or all numbers"
    assert narrow[0][1] < narrow[1][1], "a number over one column shrinks"


# --------------------------------------------------------------------------
# the page: its data
# --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pages(seeds_store, tmp_path_factory):
    """The three kinds of page, written once by `resp show`."""
    out = tmp_path_factory.mktemp("pages")
    made = {}
    for name, args in {"unit": ["县卫生健康局", "-j", "盈江"], "jurisdiction": ["昆明"],
                       "topic": ["托育", "--as", "topic"]}.items():
        path = out / f"{name}.html"
        result = cli("show", *args, "--html", path, "--db", seeds_store)
        assert result.exit_code == 0, result.output
        made[name] = path
    return made


def data(path) -> dict:
    from resp.pictures.html import page_data

    return page_data(Path(path).read_text(encoding="utf-8"))


def by_label(d: dict, label: str) -> list[dict]:
    return [n for n in d["nodes"] if n["properties"]["label"] == label]


def role_links(d: dict) -> set[tuple[str, str, str, str]]:
    """(unit, unit's jurisdiction, task jurisdiction:task id, role) of every unit -> task link."""
    nodes = {n["id"]: n["properties"] for n in d["nodes"]}
    out = set()
    for r in d["relationships"]:
        if "role" in r["properties"]:
            u, t = nodes[r["from"]], nodes[r["to"]]
            out.add((u["name"], u["jurisdiction"], f"{t['jurisdiction']}:{t['task']}", r["properties"]["role"]))
    return out


def test_unit_page_holds_its_tasks_partners_and_governments(pages):
    d = data(pages["unit"])
    doc = golden("004")
    held = {t["id"] for t in doc["tasks"] if any(r["unit"] == "县卫生健康局" for r in t["responsibilities"])}
    expected = {(r["unit"], "盈江县", f"盈江县:{t['id']}", r["role"])
                for t in doc["tasks"] if t["id"] in held for r in t["responsibilities"]}
    assert role_links(d) == expected
    assert {n["properties"]["task"] for n in by_label(d, "Task")} == held
    govs = {n["caption"] for n in by_label(d, "Jurisdiction")}
    assert {"盈江县", "德宏傣族景颇族自治州", "云南省"} <= govs
    focus = [n for n in by_label(d, "Unit") if n["caption"] == "县卫生健康局"]
    assert len(focus) == 1 and focus[0]["size"] > max(
        n["size"] for n in by_label(d, "Unit") if n["caption"] != "县卫生健康局")
    # its mirror up the chain (the province's health commission) is drawn, linked 对口
    mirrors = [r for r in d["relationships"] if r["properties"]["type"] == "MIRRORS"]
    assert mirrors and all(r["caption"] == "对口" for r in mirrors)


def test_jurisdiction_page_is_the_plan_and_its_chain(pages):
    d = data(pages["jurisdiction"])
    doc = golden("001")
    assert role_links(d) == {(u, "昆明市", f"昆明市:{t}", r) for t, u, r in triples(doc)}
    assert len(by_label(d, "Task")) == len(doc["tasks"])
    part_of = {(r["from"], r["to"]) for r in d["relationships"] if r["properties"]["type"] == "PART_OF"}
    assert ("gov:昆明市", "gov:云南省") in part_of
    assert d["legend"]["nodes"] and d["legend"]["relationships"]


def test_topic_page_holds_every_task_on_the_topic(pages):
    d = data(pages["topic"])
    expected = set()
    for key, issuer in ISSUERS.items():
        for t in golden(key)["tasks"]:
            if "托育" in t["text"]:
                expected |= {(r["unit"], issuer, f"{issuer}:{t['id']}", r["role"]) for r in t["responsibilities"]}
    assert role_links(d) == expected
    assert all("托育" in n["properties"]["text"] for n in by_label(d, "Task"))
    carries = [r for r in d["relationships"] if r["properties"]["type"] == "CARRIES"]
    assert carries, "lower plans carry the province's 托育 tasks down"


def test_page_is_self_contained(pages):
    from fontTools.ttLib import TTFont

    page = Path(pages["unit"]).read_text(encoding="utf-8")
    # nothing to fetch: no script, style, font or image from elsewhere
    assert not re.search(r"""<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert not re.search(r"""@import\s+url\(\s*["']?(https?:)?//|url\(\s*["']?https?://""", page, re.I)
    assert "<title>县卫生健康局" in page
    # the embedded font answers for every Chinese character the page shows
    blob = re.search(r'atob\("([A-Za-z0-9+/=]+)"\)', page).group(1)
    cmap = TTFont(io.BytesIO(base64.b64decode(blob))).getBestCmap()
    d = data(pages["unit"])
    shown = "".join(n["caption"] for n in d["nodes"]) + "".join(r["caption"] for r in d["relationships"])
    cjk = {c for c in shown if "\u4e00" <= c <= "\u9fff"}
    assert cjk and all(ord(c) in cmap for c in cjk)


HOSTILE = "</script><script>alert(1)</script><!--&amp;"


def test_hostile_names_stay_inside_the_json_block():
    from resp.pictures.html import DATA_ID, page_data, render_html
    from resp.pictures.neighbourhood import GraphEdge, GraphNode, Neighbourhood, Subject

    nb = Neighbourhood(Subject("unit", HOSTILE), f"{HOSTILE}的任务")
    nb.add_node(GraphNode("unit:x", "Unit", HOSTILE, "county", {"name": HOSTILE}, focus=True))
    nb.add_node(GraphNode("task:y", "Task", "任务1", "county", {"text": f"托育 {HOSTILE}"}))
    nb.add_edge(GraphEdge("unit:x", "task:y", "LEADS", "lead", {"role": "lead"}))
    page = render_html(nb)
    d = page_data(page)
    assert [n["caption"] for n in d["nodes"]] == [HOSTILE, "任务1"]
    assert d["nodes"][1]["properties"]["text"] == f"托育 {HOSTILE}"
    block = page[page.index(f'id="{DATA_ID}">'):]
    block = block[:block.index("</script>")]
    assert "<" not in block.split(">", 1)[1] and "&" not in block, "<, > and & escaped in the JSON"
    # the name shows as text everywhere else: no tag of it reaches the page
    assert "<script>alert(1)" not in page and "<!--&amp;" not in page
    assert f"<title>{html.escape(HOSTILE)}的任务</title>" in page


def test_vendored_vis_network_ships_with_its_licence():
    from importlib import resources

    assets = resources.files("resp.pictures").joinpath("assets")
    js = assets.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    version = re.search(r"@version\s+(\S+)", js).group(1)
    licence = assets.joinpath("LICENSE-vis-network.txt").read_text(encoding="utf-8")
    assert "The MIT License" in licence and "Apache License" in licence and version in licence
    assert version in assets.joinpath("README.md").read_text(encoding="utf-8")


def test_show_errors(seeds_store, tmp_path):
    out = tmp_path / "x.html"
    nothing = cli("show", "不存在的名称", "--html", out, "--db", seeds_store)
    assert nothing.exit_code == 1 and "matches" in nothing.output
    no_plan = cli("show", "五华区", "--html", out, "--db", seeds_store)
    assert no_plan.exit_code == 1 and "no plan" in no_plan.output
    ambiguous = cli("show", "县", "--as", "jurisdiction", "--html", out, "--db", seeds_store)
    assert ambiguous.exit_code == 2 and "盈江县" in ambiguous.output
    assert not out.exists()


def test_auto_resolution(seeds_store):
    from resp.pictures.neighbourhood import resolve_subject
    from resp.store import open_store

    store = open_store(db_path=seeds_store)
    try:
        assert resolve_subject(store, "盈江").kind == "jurisdiction"
        assert resolve_subject(store, "德宏州").name == "德宏傣族景颇族自治州"
        assert resolve_subject(store, "县卫生健康局").kind == "unit"
        assert resolve_subject(store, "托育").kind == "topic"
        assert resolve_subject(store, "托育", kind="topic", jurisdiction="昆明市").jurisdiction == "昆明市"
    finally:
        store.close()


# --------------------------------------------------------------------------
# the page in a browser
# --------------------------------------------------------------------------

class Chromium:
    """Headless Chromium over --remote-debugging-pipe: DevTools JSON messages, NUL-separated."""

    FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync"]

    def __init__(self, binary: str, profile: str, size=(1200, 900)):
        to_r, self._to = os.pipe()
        self._from, from_w = os.pipe()

        def fds():  # the browser reads commands on fd 3 and answers on fd 4
            os.dup2(to_r, 3)
            os.dup2(from_w, 4)

        self.proc = subprocess.Popen(
            [binary, *self.FLAGS, f"--user-data-dir={profile}", f"--window-size={size[0]},{size[1]}",
             "--remote-debugging-pipe", "about:blank"],
            pass_fds=(3, 4), preexec_fn=fds, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_r)
        os.close(from_w)
        self._buf, self._id, self.session = b"", 0, None
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, timeout: float = 30.0) -> dict:
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if self.session:
            msg["sessionId"] = self.session
        os.write(self._to, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" in self._buf:
                raw, self._buf = self._buf.split(b"\0", 1)
                reply = json.loads(raw)
                if reply.get("id") == self._id:
                    if "error" in reply:
                        raise RuntimeError(f"{method}: {reply['error']}")
                    return reply.get("result", {})
                self.events.append(reply)
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise TimeoutError(f"chromium did not answer {method}")
            import select

            if select.select([self._from], [], [], 0.5)[0]:
                chunk = os.read(self._from, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the pipe")
                self._buf += chunk

    def open(self, url: str) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Runtime.enable")
        self.send("Page.navigate", {"url": url})

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return result.get("result", {}).get("value")

    def screenshot(self) -> bytes:
        return base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"})["data"])

    def close(self) -> None:
        self.session = None
        try:
            self.send("Browser.close", timeout=5)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to)
        os.close(self._from)


# what the canvases hold: painted pixels and a checksum of them
CANVAS = """(() => { let n = 0, h = 0;
  for (const c of document.querySelectorAll('canvas')) {
    const x = c.getContext('2d'); if (!x || !c.width || !c.height) continue;
    const d = x.getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < d.length; i += 4) if (d[i]) { n++; h = (h * 31 + i + d[i - 1]) % 1000000007; }
  }
  return [document.fonts.status, n, h]; })()"""


def screenshot_when_settled(url: str, profile: str, timeout: float = 90.0) -> tuple[bytes, int, list]:
    """Open the page; once its canvas has drawn and held still for 2 s, a PNG of the window."""
    browser = Chromium(CHROMIUM, profile)
    try:
        browser.open(url)
        deadline, last, still = time.monotonic() + timeout, None, 0
        while time.monotonic() < deadline:
            time.sleep(0.5)
            state = browser.evaluate(CANVAS)
            still = still + 1 if state == last and state and state[1] > 0 else 0
            last = state
            if still >= 4:
                break
        errors = [e["params"] for e in browser.events if e.get("method") == "Runtime.exceptionThrown"]
        return browser.screenshot(), (last or [None, 0])[1], errors
    finally:
        browser.close()


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/system-packages installs Debian's chromium)")
@pytest.mark.parametrize("name", ["unit", "topic"])
def test_page_draws_nodes_in_headless_chromium(pages, name, tmp_path):
    from PIL import Image

    from resp.pictures import LINK_COLOURS, ROLE_COLOURS, UNIT_COLOURS

    png, painted, errors = screenshot_when_settled(Path(pages[name]).as_uri(), str(tmp_path / "profile"))
    (tmp_path / f"{name}.png").write_bytes(png)
    assert not errors, errors
    assert painted > 20000, "the canvas holds the drawn graph"
    img = Image.open(io.BytesIO(png)).convert("RGB")
    assert img.size[0] == 1200
    assert non_background(img) > 0.03 * img.width * img.height, "not a blank page"
    # nodes and links in their colours, well beyond the legend's 12-pixel swatches
    assert count_near(img, hex_rgb(UNIT_COLOURS["county"])) > 3000, "county units drawn"
    assert count_near(img, hex_rgb(ROLE_COLOURS["lead"]), tol=30) > 800, "lead links drawn"
    if name == "topic":
        assert count_near(img, hex_rgb(UNIT_COLOURS["province"])) > 3000, "provincial units drawn"
        assert count_near(img, hex_rgb(LINK_COLOURS["CARRIES"]), tol=30) > 150, "CARRIES links drawn"
