"""A plan's metadata from its own words: issuer, level, parents, date, numbers.

Everything is taken as printed (德宏州, not 德宏傣族景颇族自治州); full names are the
graph layer's job. The issuer is read from the title and preamble (中共X县委,
X人民政府, 结合X实际) and checked against the level the units' prefixes (省/市/县)
imply; a publisher named in a site footer never counts.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .furniture import SITE_FIELD, site_owner_re
from .grammar import GRAMMAR, simplified
from .pinyin import PINYIN, has_pinyin, reading_copy
from .blocks import cn_to_int
from .places import MUNICIPALITIES, AmbiguousPlace, holder, level_of, resolve, short_forms
from .places import candidates as places_of_short_form
from .records import Responsibility, Task
from .text import Line

_NOT_PLACE = r"\s、,.。;:《》〈〉()“”\"委共0-9【】\[\]〔〕|"  # 日照市, 月湖区, 团风县, 万年县 hold 日, 月, 团, 年
_TOWNSHIP_ENDINGS = tuple(GRAMMAR.meta["township_endings"])
_STREET_ENDINGS = tuple(GRAMMAR.meta["street_endings"])
_LOCAL_ENDINGS = _TOWNSHIP_ENDINGS + _STREET_ENDINGS  # below the county: named by their ending alone
_PLACE_ENDING = "(?:自治区|自治州|地区|省|市|州|县|区|旗|盟|%s)" % "|".join(_LOCAL_ENDINGS)
_PLACE = rf"[^{_NOT_PLACE}]{{1,16}}?{_PLACE_ENDING}"  # 双江拉祜族佤族布朗族傣族自治县
_GOVERNMENTS = "|".join([*map(re.escape, GRAMMAR.meta["governments"]), *(  # 某某街道办事处: a street's office only
    rf"(?<={e}){re.escape(g)}" for e in _STREET_ENDINGS for g in GRAMMAR.meta["street_governments"])])
_PARTY = re.compile(rf"中共({_PLACE})(?:委员会|委)")
_GOV = re.compile(rf"({_PLACE})(?:委)?(?:{_GOVERNMENTS})")
_COUNCIL = re.compile(rf"({_PLACE})委(?=[^员]|$)")
_LOCAL = re.compile(r"结合([^\s、,。]{1,8}?)(?:的)?实际")
_YEARS = r"(?:\d{4}(?:年|[—\-至~]\d{4}年?|年?[—\-至~]\d{4}年)(?:度)?)?"  # 《2021年—2023年海安县…》
_YEAR_AFTER = re.compile(r"\d{4}年")
_CITED_PLACE = re.compile(rf"《{_YEARS}(?:中共)?({_PLACE})")
_ANY_PLACE = re.compile(_PLACE)
_DOC_NUMBER = re.compile(r"\**[\u4e00-\u9fff]{1,8}(?:〔|\[|\(|【)\d{4}(?:〕|\]|\)|】)\d{1,4}[号號]")
_DATE_LINE = re.compile(r"^(\d{4})年?(\d{1,2})月(\d{1,2})日[?\ufffd]*$")  # a page's broken bytes may trail it; its 年 may be lost (20223月23日)
_YEAR_ZEROS = "".join(GRAMMAR.meta["cn_year_zeros"])  # 〇 printed ○, 零, O, o, 0 …
_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | dict.fromkeys(_YEAR_ZEROS, "0")
# A Chinese-numeral year (二〇〇八, 二OO八): four numerals or zeros, one of them a numeral other than a zero,
# so that a zero's stand-in (O, 0) is read as 〇 inside such a year only.
_CN_YEAR = rf"(?=[{_YEAR_ZEROS}]{{0,3}}[一二三四五六七八九])[{''.join(_CN_DIGIT)}]{{4}}"
_CN_DATE_LINE = re.compile(rf"^({_CN_YEAR})年([一二三四五六七八九十]{{1,2}})月([一二三四五六七八九十]{{1,3}})日$")
_TITLE = re.compile(r"《([^《》]+(?:《[^《》]*》[^《》]*)*)》")
_TITLE_PLACE = re.compile(rf"^(?:关于印发)?({_PLACE})(?!人民政府|委)")
_TITLE_SHORT_PLACE = re.compile(r"^([\u4e00-\u9fff]{2,4}?)(?:人民政府(?:办公室|办公厅)?)?关于")
# A headline opened by a place's short name and the document it reports (陕西《政府工作报告》部门分工确定), or
# a colon and the news (安陆:35个重点项目“认主”).
_HEADLINE_SHORT_PLACE = re.compile(r"^([\u4e00-\u9fff]{2,4}?)(?:《|:)")
# A news headline near the top opened by a division's full name and a news word (利辛县领导督查…工作).
_NEWS_HEADLINE = re.compile(rf"^({_PLACE})(?:{'|'.join(GRAMMAR.meta['headline_news_words'])})[^。,,;:]{{2,30}}$")
_HEADLINE_LINES = 3  # a headline stands among a page's first lines (after a site's banner)
_TITLE_ENDINGS = tuple(GRAMMAR.meta["title_endings"])
_ISSUER_TITLE_ENDINGS = _TITLE_ENDINGS + tuple(GRAMMAR.meta["report_title_endings"])  # X市…进度通报 too
_TITLE_TAG = re.compile(r"^【[^】]{1,30}】")
_PURPOSE = re.compile("(%s)" % "|".join(map(re.escape, GRAMMAR.meta["purpose_words"])))
# The main clause of a purpose sentence: what the plan does once it has named what it carries out.
_MAIN_CLAUSE = re.compile(r"%s|经[^,。;《]{1,12}同意|(?<=》)(?:有关|的)?(?:%s)(?=,)" % (  # 根据《…》安排, 松山区自9月1日起…
    "|".join(map(re.escape, GRAMMAR.meta["main_clause_words"])), "|".join(map(re.escape, GRAMMAR.meta["cited_demand_words"]))))
_OPENERS, _CLOSERS = "《(〔“", "》)〕”"

# The place a unit prefix points to (grammar [meta] unit_prefixes), by the ending it has → its level.
_KIND_LEVEL = {"省": "province", "市": "prefecture", "州": "prefecture", "盟": "prefecture", "地区": "prefecture",
               "县": "county", "区": "county", "旗": "county"}
_UNIT_PREFIXES = sorted(GRAMMAR.meta["unit_prefixes"].items(), key=lambda kv: -len(kv[0]))
_LEVEL_RANK = {"county": 0, "prefecture": 1, "province": 2}
_NOT_PLACES = frozenset(GRAMMAR.meta["not_places"])
_NOT_PLACE_ENDINGS = tuple(GRAMMAR.meta["not_place_endings"])
_NATIONAL = tuple(GRAMMAR.meta["national_starts"])
_NOT_IN_NAMES = tuple(GRAMMAR.meta["not_in_place_names"])
_NOT_PLACE_STARTS = tuple(GRAMMAR.meta["not_place_starts"])
_TOWNSHIP_LENGTH = GRAMMAR.meta["township_name_length"]
_ZONE_ENDINGS = tuple(GRAMMAR.meta["zone_endings"])
_ENDINGS = ("自治区", "自治州", "自治县", "地区", "省", "市", "州", "县", "区", "旗", "盟")
_ENDING_AT_END = re.compile("(?:%s)$" % "|".join(_ENDINGS))
_LEVEL_ADJECTIVES = frozenset(GRAMMAR.meta["level_adjectives"])
_ENDING_WORDS = frozenset(GRAMMAR.meta["ending_words"]) | _LEVEL_ADJECTIVES
_NUMBERING_BEFORE_PLACES = re.compile(GRAMMAR.meta["numbering_before_places"])
_PREFIXED_ORGANS = tuple(GRAMMAR.meta["prefixed_organs"])
_FIXED_ENDINGS = tuple(GRAMMAR.meta["fixed_endings"])
_BRACKETED_OUTER = re.compile(GRAMMAR.meta["bracketed_outer_place"])


@dataclass
class Metadata:
    jurisdiction: str | None = None
    level: str | None = None
    parent_jurisdictions: list[str] = field(default_factory=list)
    issued: str | None = None
    number: str | None = None
    implements: list[str] = field(default_factory=list)
    title: str | None = None
    warnings: list[str] = field(default_factory=list)


# a line opening a numbered item (`1.`, `一、`): where a notice's own lines end
_FIRST_ITEM = re.compile(r"^(?:\d{1,3}[.、](?!\d)|[一二三四五六七八九十]{1,3}、)")


def read_printed_metadata(lines: list[Line], tasks: list[Task], first_task_line: int | None) -> Metadata:
    """The metadata of a text as printed. A text in traditional characters, or with pinyin inserted
    after characters (貴池區(qū)), is read on a simplified copy without the pinyin (the patterns are
    simplified); each finding is cut from the text as printed, pinyin inside or right after it kept."""
    if not any(GRAMMAR.traditional_re.search(ln.text) for ln in lines) and not has_pinyin(lines):
        return read_metadata(lines, tasks, first_task_line)
    shadow, printed = reading_copy(lines, simplified)
    meta = read_metadata(shadow, [_reading_task(t) for t in tasks], first_task_line)
    meta.jurisdiction, meta.number, meta.title = map(printed, (meta.jurisdiction, meta.number, meta.title))
    meta.parent_jurisdictions = [printed(p) for p in meta.parent_jurisdictions]
    meta.implements = [printed(x) for x in meta.implements]
    return meta


def _reading_task(task: Task) -> Task:
    """A task as the simplified copy reads it: its units name the issuer (龍泉驛區財政局 is 龙泉驿区's
    bureau) only in the characters the place patterns and the divisions are written in."""
    units = [Responsibility(_plain(r.unit), r.role) for r in task.responsibilities]
    return replace(task, section=task.section and _plain(task.section), text=_plain(task.text),
                   responsibilities=units)


def _plain(text: str) -> str:
    """Without a mirror's pinyin, in simplified characters."""
    return simplified(PINYIN.sub("", text))


def read_metadata(lines: list[Line], tasks: list[Task], first_task_line: int | None) -> Metadata:
    """`first_task_line`: where the tasks (or their table) begin; None when unknown."""
    meta = Metadata()
    preamble = lines[:first_task_line] if first_task_line is not None else lines[:40]
    if len(preamble) < 5:  # a page's tag lines taken for a table's header: the notice runs on to the first item
        end = next((i for i, ln in enumerate(lines[:40]) if _FIRST_ITEM.match(ln.text)), None)
        preamble = lines[:max(len(preamble), end if end is not None else 0)]
    text_all = "\n".join(ln.text for ln in lines)

    meta.number = _own_number(preamble)
    meta.issued = _signature_date(lines, len(preamble)) or _lede_date(preamble, lines) or _minutes_date(preamble)
    meta.title = _title(preamble)
    purpose = _purpose_sentences(preamble)

    cited_places = _cited_governments(purpose)  # read once: the issuer's parents and the cited governments
    parents = list(cited_places)  # places named above the issuer; outer parts of names join below
    scores = _issuer_scores(preamble, text_all, parents, lines[len(preamble):])
    prefix = _issuer_over_units(_titled_issuer(preamble), unit_prefix(tasks, scores))
    level = _KIND_LEVEL.get(prefix or "")
    for local in (m.group(1) for m in _LOCAL.finditer(text_all)):
        if _ANY_PLACE.fullmatch(local):  # 结合五华区实际: the issuer names itself
            scores[local] += 1
    candidates = [p for p in scores if len(p) >= 2 and not p.startswith(_NATIONAL) and p not in _NOT_PLACES
                  and (level_of(p) or not p.endswith(_NOT_PLACE_ENDINGS)) and _plausible(p)]  # 明确全县 is no place; 天全县 is
    for short in (m.group(1) for m in _LOCAL.finditer(text_all)):
        for p in candidates:
            if p.startswith(short) and short not in ("我", "本"):
                scores[p] += 6
    for p in candidates:
        if level_of(p, parents) or is_township(p):
            scores[p] += 2  # a real division beats a phrase the pattern caught by accident
    # a government whose document the plan carries out gives way to a place inside it the text names
    # (按照《鞍山市人民政府办公室关于…》 in 海城市's report)
    cited = set(cited_places)
    # (only to a place that could issue it: 抚远县 among the addressees of a 省 plan does not)
    candidates = [p for p in candidates if not (p in cited and any(
        q != p and _contains(p, q) and (prefix is None or _fits(q, prefix)) for q in candidates))]
    if prefix is None:
        candidates = [p for p in candidates if not _cited_from_above(p, text_all)]
    fitting = [p for p in candidates if prefix is None or _fits(p, prefix)]
    if not fitting and prefix is not None:  # a bare table: the places its tasks and units name
        candidates = fitting = _task_places(tasks, prefix) or _unit_places(tasks, prefix)
    elif not fitting and not _title_level(preamble):  # bare units (卫健局): the one county or city the
        named = [p for p in _task_places(tasks, None) if len(p) >= 3 and level_of(p) != "province"]
        candidates = fitting = named if len(named) == 1 else []  # tasks name (举办同心县第四届运动会)
    if not fitting:
        fitting = _self_named(text_all)  # 结合我区实际 … 做好双台子区春运工作: the one 区 the text names
    if not fitting:
        fitting = (_source_place(preamble, prefix, parents) or _site_place(preamble, prefix) or _branch_place(tasks, prefix)
                   or _actor_place(preamble, prefix)
                   or _organ_place(preamble, prefix) or _marked_place(text_all, meta.number, prefix, _organ_text(preamble, tasks))
                   or _zone_place(tasks, level or _title_level(preamble), _addressees(preamble))
                   or _office_place(text_all, prefix) or _member_place(text_all, level))
    national = _national_issuer(preamble)  # 国务院关于…: above any place the text names
    if not fitting and not national and prefix is None:
        national = _national_lede(preamble)  # a news item: 国务院近日公布《…》
    if not fitting and not national:  # the last resort: the one place of the plan's level its notice names
        unnamed = _unnamed_level(preamble, tasks, text_all, prefix)
        fitting = _preamble_place(preamble, unnamed, parents) or _echoed_place(text_all, unnamed, parents)
    if fitting and not national:
        meta.jurisdiction = max(fitting, key=lambda p: (scores[p], -candidates.index(p) if p in candidates else 0))
        meta.level = level_of(meta.jurisdiction, parents) or level or level_of(meta.jurisdiction, by_ending=True)
        meta.jurisdiction = _with_suffix(meta.jurisdiction, preamble, text_all)
        if is_township(meta.jurisdiction) or _is_zone(meta.jurisdiction):
            meta.level = None  # below the contract's levels, or beside them
    elif national:
        meta.jurisdiction = national  # above the provinces: no level
    else:
        meta.level = _unnamed_level(preamble, tasks, text_all, prefix)
        meta.warnings.append("issuer not named in the text: jurisdiction left null")

    meta.implements = _implemented(purpose, meta.number, meta.jurisdiction)
    parents += _provinces_of(meta.implements)
    if is_township(meta.jurisdiction) and not any(level_of(p) == "county" for p in parents):
        parents[:0] = _township_county(preamble, scores)
    # no issuer, no chain: a cited province's document does not say where an unnamed issuer sits
    meta.parent_jurisdictions = _parents_above(parents, meta.jurisdiction, meta.level) if meta.jurisdiction else []
    return meta


_ISSUER_TITLE = re.compile(rf"^({_PLACE})(?:[\u4e00-\u9fff]{{0,14}}?(?:%s)|(?:%s))(?:%s)" % (
    "|".join(map(re.escape, GRAMMAR.meta["organ_endings"])), _GOVERNMENTS,
    "|".join(map(re.escape, GRAMMAR.meta["issuer_title_openers"]))))


def _titled_issuer(preamble: list[Line]) -> str | None:
    """The division whose organ opens the plan's own title (吉林省住房和城乡建设厅关于…的通知 → 吉林省):
    the issuer signs its title so, whoever its tasks are given to."""
    for ln in preamble[:_HEADLINE_LINES + 2]:
        text = _TITLE_TAG.sub("", ln.text)
        if text.endswith(_TITLE_ENDINGS) and (m := _ISSUER_TITLE.match(text)):
            named = _named_places(m.group())  # 北京市朝阳区人民政府办公室关于: the place next to its organ
            return named[-1] if named else None
    return None


def _title_head(preamble: list[Line]) -> str | None:
    """The issuer heading its title on a line of its own (`某某自治州人民政府办公室` over `关于印发某州…的通知`):
    the form the title prints its issuer in, above a short form inside the document's name."""
    head = preamble[:_HEADLINE_LINES + 2]
    for ln, nxt in zip(head, head[1:]):
        m = _SIGNATURE.match(ln.text)
        if m and ln.text != m.group(1) and nxt.text.startswith(_TITLE_OPENERS):
            return printed_places(m.group(1))[-1]
    return None


_TITLE_OPENERS = tuple(GRAMMAR.meta["issuer_title_openers"])


def _issuer_over_units(issuer: str | None, prefix: str | None) -> str | None:
    """The units' prefix, or the titled issuer's own where it ranks above it: a province's department
    assigns its tasks to the cities' and counties' bureaus (市X局, 州X局, 县X部门), whose prefixes do
    not make the plan theirs."""
    issuer_kind = _place_kind(issuer) if issuer else None
    units_level, issuer_level = _KIND_LEVEL.get(prefix or ""), _KIND_LEVEL.get(issuer_kind or "")
    if units_level and issuer_level and _LEVEL_RANK[issuer_level] > _LEVEL_RANK[units_level]:
        return issuer_kind
    return prefix


def _unnamed_level(preamble: list[Line], tasks: list[Task], text_all: str, prefix: str | None) -> str | None:
    """The level of a plan that names no issuer: a publisher field, the units' prefix, a title opened by a
    bare level's organ; with no prefix and no field, the bare units printed with one, or 全县…."""
    level = _field_level(_fields(preamble)) or _KIND_LEVEL.get(prefix or "") or _title_level(preamble)
    if level is None and prefix is None:
        level = _bare_units_level(tasks, text_all) or _whole_area_level(text_all) or _levels_phrase_level(tasks)
    return level


def _cited_from_above(place: str, text: str) -> bool:
    """A place printed only inside cited titles (《…广东省粮食安全责任考核办法…》), above the level the
    plan's own words give its area (我市, 全市): the document it carries out is a higher government's,
    the plan no issuer's of that level."""
    own = _whole_area_level(text)
    level = level_of(place)
    return (own is not None and level is not None and _LEVEL_RANK[level] > _LEVEL_RANK[own]
            and place not in _TITLE.sub("", text))


def _township_county(preamble: list[Line], scores: Counter[str]) -> list[str]:
    """The county a township's plan names, where it does not print it before the township's name:
    the county-level division its preamble names most (a county portal's banner, 配合台山市…)."""
    named = Counter(p for ln in preamble for p in _named_places(ln.text) if level_of(p) == "county")
    for p in scores:
        if level_of(p) == "county":
            named[p] += scores[p]
    return [named.most_common(1)[0][0]] if named else []


def is_township(name: str | None) -> bool:
    """A township's name as printed (汶村镇, 和平乡): not a division of the table, 2–4 characters
    before its ending, no word of a sentence in it."""
    if not name or not name.endswith(_LOCAL_ENDINGS) or level_of(name):
        return False
    return _township_length(name) and _plausible(name)


def _township_length(name: str) -> bool:
    """Is the name before a township's or street's ending 2–4 characters long (乡镇, 示范乡 are none)?"""
    ending = next(e for e in sorted(_LOCAL_ENDINGS, key=len, reverse=True) if name.endswith(e))
    low, high = _TOWNSHIP_LENGTH
    return low <= len(name) - len(ending) <= high


def _with_suffix(name: str, preamble: list[Line], text: str) -> str:
    """A bare short name (兰州, caught in a cited title 《兰州综合…》) gives way to the name with its
    ending where the text prints that (兰州市), unless a title opens with the short name (扬州关于印发…)."""
    try:
        full = resolve(name)
    except AmbiguousPlace:
        return name
    if full is None or name == full.name or not full.short_names or name != full.short_names[-1]:
        return name  # a full name, or a short form keeping its ending (德宏州)
    for ln in preamble[:40]:
        if ln.text.startswith(name) and not ln.text.startswith(tuple(name + e for e in _ENDINGS)):
            return name
    for form in (*(f"{name}{e}" for e in _ENDINGS), full.name):
        if form in text and _full_name(form) == full.name:
            return form
    return name


def _is_zone(name: str) -> bool:
    """A functional zone the division table does not know (X旅游度假区, X经济开发区)."""
    return name.endswith(_ZONE_ENDINGS) and not level_of(name)


def _plausible(name: str) -> bool:
    """Could a pattern's catch be a place's name? Every division the table knows is; another one
    holds no word of a sentence (为全面落实市), does not open like a phrase (各乡镇, 我镇), and a
    township's is 2–4 characters before its ending (示范乡 after 农村食品安全 is none)."""
    if level_of(name):
        return True
    if name.startswith(_NOT_PLACE_STARTS) or any(w in name for w in _NOT_IN_NAMES):
        return False
    if name.endswith(_LOCAL_ENDINGS):
        return _township_length(name)
    if name.endswith(_ZONE_ENDINGS):
        return True
    return _division_like(name)


def _division_like(name: str) -> bool:
    """A division the table knows, or a known one's name under an old or other ending (海安县 for
    海安市); a bare level word after other words is none (经县人民政府同意 → 经县, 121项区政府 → 项区),
    nor is a zone (深港合作区)."""
    if level_of(name):
        return True
    if name.endswith(_ZONE_ENDINGS) or name.endswith(_LOCAL_ENDINGS):
        return False
    stem = _ENDING_AT_END.sub("", name)
    return len(stem) >= 2 and stem != name and any(level_of(stem + e) for e in ("", *_ENDINGS))


def _provinces_of(numbers: list[str]) -> list[str]:
    """The provinces whose documents a plan carries out, by their numbers (苏政办发〔…〕 → 江苏省)."""
    return [_PROVINCE_BY_MARK[m.group(1)] for n in numbers if (m := _PROVINCE_NUMBER.match(n))]


def _site_place(preamble: list[Line], prefix: str | None) -> list[str]:
    """The place in the name of a government's own website (`经济技术开发区(江都区)政务服务网`) or in its
    banner kept as the site's field (`网站:某市人民政府`), where the text names no issuer: its page
    publishes its own plans."""
    for ln in preamble[:5]:
        if ln.text.endswith(_SITE_ENDINGS) or _is_site_owner(ln.text):
            places = [p for p in _ANY_PLACE.findall(ln.text) if p not in _NOT_PLACES and (prefix is None or _fits(p, prefix))]
            if places:
                return places[-1:]
    return []


def _is_site_owner(text: str) -> bool:
    """A site field holding the portal owner's government (`网站:X市人民政府`, loader/furniture.py)."""
    return text.startswith(SITE_FIELD) and bool(site_owner_re().match(text[len(SITE_FIELD):]))


_ORGAN = re.compile(rf"({_PLACE})[\u4e00-\u9fff]{{1,10}}?(?:%s)" % "|".join(map(re.escape, GRAMMAR.meta["organ_endings"])))


_GOVERNMENT_MARK = re.compile("|".join(map(re.escape, GRAMMAR.meta["government_number_marks"])))
_BARE_LEVEL_BEFORE = "".join(map(re.escape, GRAMMAR.meta["bare_level_before"]))  # 经市政府研究同意, 。市政府将…


def _marked_place(text: str, number: str | None, prefix: str | None, organs: str = "") -> list[str]:
    """A plan that names its government only by its level word (县人民政府办公室关于…) and a place by its
    short name (涉及嘉鱼的重点事项): that place, named in full (嘉鱼县), when it is of the units' level
    and the mark of the plan's own number holds one of its characters (嘉政办发〔2021〕5号).
    Where that number is the government's own (锡政发, 徐政发) and the plan calls it by its level word
    (市政府), one naming in the preamble or a unit (`organs`: 无锡国税局, 徐州经济开发区管委会) is enough."""
    level = _KIND_LEVEL.get(prefix or "")
    if not number or not level:
        return []
    mark = re.match(r"\**([\u4e00-\u9fff])", number)
    if not mark:
        return []
    counts = _mark_places(text, mark.group(1), level, prefix)
    found = [name for name, n in counts.most_common(1) if n >= 2]
    if not found and organs and _GOVERNMENT_MARK.match(number[mark.end():]) and re.search(
            rf"(?:^|[^\u4e00-\u9fff]|[{_BARE_LEVEL_BEFORE}]){re.escape(prefix)}(?:人民)?政府", text, re.M):
        named = _mark_places(organs, mark.group(1), level, prefix)
        found = list(named) if len(named) == 1 else []
    return found


def _mark_places(text: str, mark: str, level: str, prefix: str) -> Counter[str]:
    """The places of `level` the text names by a short form holding `mark`, each with its count."""
    counts: Counter[str] = Counter()
    for m in re.finditer(r"[\u4e00-\u9fff]{2,4}", text):
        run = m.group()
        for i in range(len(run) - 1):
            for j in range(i + 2, min(len(run), i + 4) + 1):
                short = run[i:j]
                if mark not in short or level_of(short) != level:
                    continue
                found = places_of_short_form(short, level)
                if len(found) == 1 and found[0].name != short and _fits(found[0].name, prefix):
                    counts[found[0].name] += 1
    return counts


def _organ_text(preamble: list[Line], tasks: list[Task]) -> str:
    """The preamble and the units' names, one a line: where a plan names its own bodies."""
    units = [r.unit for t in tasks for r in t.responsibilities]
    return "\n".join([*(ln.text for ln in preamble), *units])


def _actor_place(preamble: list[Line], prefix: str | None) -> list[str]:
    """A news report's district as the actor of a dated sentence (`…有关要求,元宝山区从8月24日开始,对全区…`)
    or of its lede (`近日,武冈市按照…`): the place whose work it reports."""
    places = [m.group(1) for ln in preamble for pattern in (_ACTOR, _LEDE_ACTOR) for m in pattern.finditer(ln.text)]
    places += [_division_ending(m.group(1)) for ln in preamble for m in _LEDE_ACTOR_FIRST.finditer(ln.text)]
    return [p for p in places if p and level_of(p) and p not in _NOT_PLACES and (prefix is None or _fits(p, prefix))][:1]


def _division_ending(catch: str) -> str | None:
    """The division that ends a lede's subject (`内蒙古某县` → 某县): a region's name may stand before it."""
    return next((catch[k:] for k in range(len(catch) - 1) if level_of(catch[k:])), None)


_ACTOR = re.compile(rf"(?:^|[,。;])([\u4e00-\u9fff]{{2,8}}?[省市州盟县区旗])"
                    rf"(?:{'|'.join(GRAMMAR.meta['dated_actor_words'])})\d{{1,2}}月\d{{1,2}}日")


# …讯(通讯员 …)近日,武冈市按照…: a news lede's place, the actor after its word for "lately"
_LEDE_ACTOR = re.compile(rf"(?:^|[,。;)])(?:{'|'.join(GRAMMAR.meta['lede_openers'])}),?([\u4e00-\u9fff]{{2,8}}?[省市州盟县区旗])"
                         rf"(?=[\u4e00-\u9fff])")
# …,内蒙古某县近日召开…: the lede's place before its word for "lately", a region's name perhaps before it
_LEDE_ACTOR_FIRST = re.compile(rf"(?:^|[,。;)])([\u4e00-\u9fff]{{2,12}}?[省市州盟县区旗])"
                               rf"(?:{'|'.join(GRAMMAR.meta['lede_openers'])})(?=[\u4e00-\u9fff])")


def _office_place(text: str, prefix: str | None) -> list[str]:
    """The plan's own county named only in its officials' offices (`杨某(陵水质量技术监督局副局长)`),
    units bare and the plan calling its area 全县: that county, as printed (陵水), by how often."""
    level = _whole_area_level(text)
    if prefix is not None or level is None:
        return []
    counts: Counter[str] = Counter()
    for inner in _BRACKETED_OFFICE.findall(text):
        for cut in (2, 3, 4):
            place, rest = inner[:cut], inner[cut:]
            if level_of(place) == level and place not in _NOT_PLACES and any(
                    GRAMMAR.unit_suffix_re.search(rest[:k]) for k in range(3, len(rest) + 1)):
                counts[place] += 1
                break
    return [p for p, _ in counts.most_common(1)]


_BRACKETED_OFFICE = re.compile(r"\(([\u4e00-\u9fff]{5,24})\)")


def _organ_place(preamble: list[Line], prefix: str | None) -> list[str]:
    """The government of a department the notice names outside any cited title (2024年,青海省商务厅
    政务公开工作的总体要求是…: 青海省), where nothing else names the issuer: a department's own plan."""
    for ln in preamble:
        text = _TITLE.sub(lambda m: "《" + "○" * (len(m.group()) - 2) + "》", ln.text)
        for m in _ORGAN.finditer(text):
            place = printed_places(m.group(1))[-1]
            if (level_of(place) and place not in _NOT_PLACES and (prefix is None or _fits(place, prefix))
                    and not _convened_after_unit(text, m.end(1) - len(place), place)):
                return [place]
    return []


_CONVENES = tuple(GRAMMAR.units["convenes"])


def _convened_after_unit(text: str, start: int, place: str) -> bool:
    """A division opening with a convening word right after a unit's name (`县林业局会同县应急管理局`): the
    verb 会同 ('together with') and the next unit's level word, not the county 会同县."""
    return place.startswith(_CONVENES) and bool(GRAMMAR.unit_suffix_re.search(text[:start]))


def _branch_place(tasks: list[Task], prefix: str | None) -> list[str]:
    """A district named by the city bureau's branch for it (`市生态环境局某某分局` → 某某区, or by the
    bureau's function alone, `生态环境某某分局` → 某某区), where a district's plan names no issuer: a
    county-level plan only (units printed 区/县…)."""
    if _KIND_LEVEL.get(prefix or "") != "county":
        return []
    for name in (name for t in tasks for r in t.responsibilities for name in _branch_names(r.unit)):
        full = _full_name(name)
        if full != name and level_of(full) == "county" and _fits(full, prefix):
            return [full]
    return []


_BRANCH_ENDINGS = tuple(GRAMMAR.meta["branch_office_endings"])


def _branch_names(unit: str) -> list[str]:
    """The words a branch office's name may print its district's short form in: the three, then the two
    characters before its ending (某某 in 生态环境某某分局; the bureau's name or function runs right up to them)."""
    ending = next((e for e in _BRANCH_ENDINGS if unit.endswith(e)), None)
    if ending is None:
        return []
    stem = unit[:-len(ending)]
    return [stem[-n:] for n in (3, 2) if len(stem) > n]


def _zone_place(tasks: list[Task], level: str | None, addressees: list[str] = ()) -> list[str]:
    """The division a zone among the units or the notice's addressees is named after (`甲川经济开发区` →
    甲川区; `X高新区` addressed beside `市政府各部门`), where a plan that calls its government by its level
    word alone (`区政府`) names no issuer: the one such division of that level."""
    if level is None:
        return []
    found = set()
    named = {r.unit for t in tasks for r in t.responsibilities} | {a for a in addressees if _ZONE_AFTER_NAME.fullmatch(a[2:])}
    for unit in {name for name in named if name.endswith(_ZONE_ENDINGS)}:
        named_after = places_of_short_form(unit[:2], level)  # a city's short form: that city, not its 某区 namesake
        if len(named_after) == 1 and named_after[0].name != unit[:2]:
            found.add(named_after[0].name)
    return list(found) if len(found) == 1 else []


_ZONE_AFTER_NAME = re.compile("(?:%s)?(?:%s)" % ("|".join(GRAMMAR.meta["zone_name_words"]), "|".join(_ZONE_ENDINGS)))
_ADDRESSEE_SPLIT = re.compile("[%s]" % GRAMMAR.meta["addressee_separators"])


def _addressees(preamble: list[Line]) -> list[str]:
    """The items of the line a notice opens with to its addressees (`各县人民政府,X高新区,市政府各部门:`):
    the governments and zones a plan is sent to are its own area's."""
    for ln in preamble:
        text = ln.text.strip()
        if text.endswith(tuple(GRAMMAR.meta["addressee_endings"])) and "。" not in text:
            items = [x for x in _ADDRESSEE_SPLIT.split(text[:-1]) if x]
            if len(items) >= 2:
                return items
    return []


def _member_place(text: str, level: str | None) -> list[str]:
    """A plan naming no issuer whose text prints in full several divisions below its level (the districts a
    city's plan inspects or ranks: grammar `member_places_min` different ones), all inside one division of
    its level: that division, in full. Names of two cities hold none, so a plan sent elsewhere gets none."""
    if level not in _LEVEL_RANK:
        return []
    below = {name for p in _named_places(_without_studied(text)) if _printed_in_full(name := p.strip())
             and _LEVEL_RANK.get(level_of(name) or "", 9) < _LEVEL_RANK[level]}
    if len(below) < GRAMMAR.meta["member_places_min"]:
        return []
    found = holder(below, level)
    return [found.name] if found else []


def _without_studied(text: str) -> str:
    """The text without its sentences that study other places (`学习借鉴A区、B区…经验`, grammar
    `studied_cues`): places a plan learns from are another division's, never the plan's own members."""
    return "".join(s for s in _SENTENCE_END.split(text) if not _STUDIED.search(s))


_SENTENCE_END = re.compile("(?<=[。;\n])")
_STUDIED = re.compile("|".join(map(re.escape, GRAMMAR.meta["studied_cues"])))


def _printed_in_full(name: str) -> bool:
    """A division's full name (`甲桥区`), not a short form (`甲桥`) a word may hold by chance."""
    found = places_of_short_form(name)
    return bool(found) and all(p.name == name for p in found)


def _preamble_place(preamble: list[Line], level: str | None, parents: list[str]) -> list[str]:
    """The one division of the plan's level its notice names in a sentence, outside cited titles and
    before the first item: in full at a word's start (…报送三亚市政务平台), or, where none is in full, for the higher levels
    (grammar `preamble_short_form_levels`) by its short form (推动安徽…, 具有芜湖特色). The last resort for a
    plan that calls its government by its level word alone (省政府, 市委、市政府); a place outside the
    governments it cites (借鉴惠州经验 in a 黑龙江省 city's plan) is none."""
    if level is None:
        return []
    lines = []
    for ln in preamble:
        if _FIRST_ITEM.match(ln.text) or _BRACKETED_ITEM.match(ln.text):
            break
        if _SENTENCE_MARK.search(ln.text):
            lines.append(_TITLE.sub(lambda m: "《" + "○" * (len(m.group()) - 2) + "》", ln.text))
    inside = [p for p in parents if level_of(p)]
    def places(found: list[tuple[str, str]]) -> list[str]:
        kept = {full: printed for printed, full in reversed(found) if printed not in _NOT_PLACES
                and not any(_contains(p, full) is False for p in inside)}
        return list(kept.values()) if len(kept) == 1 else []
    full = places([(p, _full_name(p)) for ln in lines for p in _named_places(ln) if level_of(p) == level
                   and any(_word_starts(ln, m.start()) for m in re.finditer(re.escape(p), ln))])  # not 隽水城区
    if full or level not in _SHORT_FORM_LEVELS:
        return full
    return places([hit for ln in lines for hit in _short_forms_in(ln, level)])


def _echoed_place(text: str, level: str | None, parents: list[str]) -> list[str]:
    """A page with no notice (a plan's later page, a progress table): the one division of the plan's level
    its text names in full outside cited titles (建立沈阳市…系统, 召开萧山区…会议), its short form printed
    again besides (沈阳警备区, 萧山特色: grammar `echoed_place_min` times in all) — a place named once in
    passing (对接深圳市) is no issuer."""
    if level is None:
        return []
    text = _TITLE.sub("《》", text)
    inside = [p for p in parents if level_of(p)]
    named = {p for ln in text.split("\n") for p in _named_places(ln) if level_of(p) == level and _CJK_NAME.fullmatch(p)
             and not any(_contains(q, _full_name(p)) is False for q in inside)}
    if not named and level in _SHORT_FORM_LEVELS:  # 株洲要…, 到株洲投资: a city its page never names in full
        return _echoed_short_form(text, level, inside)
    if len(named) != 1:
        return []
    place = named.pop()
    short = (short_forms(place, level) or (place,))[-1]
    return [place] if _echo_count(text, short) >= _ECHOED_MIN else []


_ECHOED_MIN = GRAMMAR.meta["echoed_place_min"]


def _echoed_short_form(text: str, level: str, inside: list[str]) -> list[str]:
    """The one division of a higher level a page names only by its short form, as printed, where it prints
    that form `echoed_place_min` times (株洲要…, 到株洲投资): its own city, named as a city speaks of itself."""
    hits = {(short, full) for short, full in _short_forms_in(text, level)
            if not any(_contains(q, full) is False for q in inside) and _echo_count(text, short)}
    if len(hits) != 1:
        return []
    short = next(iter(hits))[0]
    return [short] if _echo_count(text, short) >= _ECHOED_MIN else []


def _echo_count(text: str, short: str) -> int:
    """How often the text prints a place's short form, a zone's name running on past it (`甲州湾新区`, a
    bay's zone) not counted: that zone is named after no division."""
    return sum(not _runs_into_zone(text[at:at + len(short) + 8], short)
               for at in (m.start() for m in re.finditer(re.escape(short), text)))
_CJK_NAME = re.compile(r"[\u4e00-\u9fff]{3,}")  # a name, not two cells' ends (毛晓青 | 县教体局)
_SENTENCE_MARK = re.compile("[,。;]")
_BRACKETED_ITEM = re.compile(r"^[((](?:[一二三四五六七八九十]{1,3}|\d{1,2})[))]")
_SHORT_FORM_LEVELS = frozenset(GRAMMAR.meta["preamble_short_form_levels"])


def _short_forms_in(text: str, level: str) -> list[tuple[str, str]]:
    """(short form, full name) of each division of `level` the text names by a short form only it has."""
    out = []
    for m in re.finditer(r"[\u4e00-\u9fff]{2,}", text):
        run = m.group()
        for i in range(len(run) - 1):
            for short in (run[i:i + 3], run[i:i + 2]):
                found = places_of_short_form(short, level) if len(short) >= 2 else ()
                if len(found) == 1 and found[0].name != short and level_of(short) == level:
                    out.append((short, found[0].name))
                    break
    return out


def _national_issuer(preamble: list[Line]) -> str | None:
    """国务院 where it issues the plan (its title or a 发文机关 field names it), else None."""
    for i, ln in enumerate(preamble[:40]):
        m = _NATIONAL_ISSUER.match(ln.text) or _NATIONAL_HEADLINE.match(ln.text)
        if m and not (i and _sentence_under_way(preamble[i - 1].text)):  # 按照《 / 国务院关于…》: a citation
            return m.group(1)
    for ln in _unboxed(preamble)[:6]:  # 首页> 法律法规> 国务院办公厅职能配置内设机构和人员编制规定, under a field box
        if m := _NATIONAL_TITLE.match(ln.text):
            return m.group(1)
    return None


def _sentence_under_way(line: str) -> bool:
    """A line that breaks off inside a sentence, so that the next line's 国务院关于… is that sentence's
    citation (`落实《中共中央` / `国务院关于…意见》`, a joint issuer's space read as a break): a 《 left
    open, or a sentence's comma with no closing mark at its end. A title is no sentence."""
    if line.count("《") > line.count("》"):
        return True
    return any(c in line for c in ",,") and not line.rstrip().endswith(_CLOSING_MARKS)


_CLOSING_MARKS = tuple("。:;!?:;!?")


def _national_lede(preamble: list[Line]) -> str | None:
    """国务院 where a news lede says it made the document public (国务院近日公布《…》), else None;
    read only where the text names no other issuer."""
    for ln in preamble[:20]:
        if m := _NATIONAL_LEDE.search(ln.text):
            return m.group(1)
    return None


def _source_place(preamble: list[Line], prefix: str | None, outer: list[str] | None = None) -> list[str]:
    """The place of the body a web page names as its source (`文章来源:灵璧县卫生健康委员会` → 灵璧县),
    where the text names no issuer: a government's own department published the plan."""
    for value in [v for label, v, _ in _fields(preamble) if label in _SOURCE_LABELS]:
        place, at, passed = _place_at(value, 0), 0, []  # the longest known name there: 宣州区, not 宣州
        while place and prefix is not None and not _fits(place, prefix) and value.startswith(place, at):
            at += len(place)  # 德阳市旌阳区统计局 in a district's plan: the district after its city
            passed.insert(0, place)
            place = _place_at(value, at) or place
        if place and place not in _NOT_PLACES and _plausible(place) and (prefix is None or _fits(place, prefix)):
            if outer is not None:
                outer[:0] = passed  # 德阳市 before 旌阳区: its parent, as the text tells
            return [place]
    return []


def _purpose_sentences(preamble: list[Line]) -> list[str]:
    """Sentences that cite a document and say the plan carries it out (为贯彻落实《…》…, 根据《…》…)."""
    sentences = (s for para in _wrapped_paragraphs(preamble) for s in re.split(r"(?<=。)", para))
    return [s for s in sentences if "《" in s and _PURPOSE.search(s)]


def _wrapped_paragraphs(lines: list[Line], max_lines: int = 10) -> list[str]:
    """Lines rejoined where a PDF or print layout wrapped a sentence: a line that leaves a bracket
    open or ends in a comma goes on in the next, so a cited title and its number are read whole."""
    paragraphs: list[str] = []
    joined = 0
    for ln in lines:
        last = paragraphs[-1] if paragraphs else ""
        if last and joined < max_lines and (last.endswith((",", "、")) or _leaves_open(last)):
            paragraphs[-1] += ln.text
            joined += 1
        else:
            paragraphs.append(ln.text)
            joined = 0
    return paragraphs


def _leaves_open(text: str) -> bool:
    return any(text.count(o) > text.count(c) for o, c in zip(_OPENERS, _CLOSERS))


def _cited_governments(purpose: list[str]) -> list[str]:
    """Places whose documents the plan implements: their issuers (中共X委, X人民政府) and titles (《X…》)."""
    places: list[str] = []
    for sentence in purpose:
        for rx in (_PARTY, _GOV):
            for m in rx.finditer(sentence):
                places.extend(printed_places(m.group(1)))
        for m in _CITED_PLACE.finditer(sentence):
            places.extend(printed_places(_place_run(sentence, m.start(1))))
    return places


def _issuer_scores(preamble: list[Line], text_all: str, parents: list[str], rest: list[Line] = ()) -> Counter[str]:
    """Evidence for each place as the issuer: issuer names in the preamble, title lines, cited titles.

    A compound name (上海市浦东新区) scores its innermost place; the outer ones go to `parents`.
    """
    scores: Counter[str] = Counter()

    def score(name: str, weight: int) -> None:
        *outer, place = printed_places(name)
        scores[place] += weight
        parents.extend(outer)

    head = "\n".join(ln.text for ln in preamble)
    for rx, weight in ((_PARTY, 5), (_GOV, 5), (_COUNCIL, 2)):
        for m in rx.finditer(head):
            score(m.group(1), weight)
    titled = []  # the places titles name: the form the plan prints its issuer's name in
    headline = next(iter(_unboxed(preamble)), None)
    for ln in preamble[:40]:
        text = _unbracketed_outer(_TITLE_TAG.sub("", ln.text))  # 【市政府重点工作】某市人民政府关于…: a page's tag first
        m = _TITLE_PLACE.match(text)
        if m and (text.endswith(_ISSUER_TITLE_ENDINGS) or _YEAR_AFTER.match(text, m.end()) or _news_headline(text, ln, preamble)):
            name = _place_run(text, m.start(1))
            score(name, 3)
            titled.append(printed_places(name)[-1])
        year = _YEAR_PLACE.search(text) if len(text) <= 40 and "。" not in text else None
        if year and not m and level_of(printed_places(_place_run(text, year.start(1)))[-1]):
            score(_place_run(text, year.start(1)), 2)  # 关于征集对2023年某市民生实事项目…: a division
        short = _TITLE_SHORT_PLACE.match(text) if text.endswith(_TITLE_ENDINGS) else None
        short = short or (_HEADLINE_SHORT_PLACE.match(text) if ln is headline else None)
        if short and level_of(short.group(1)):
            scores[short.group(1)] += 3  # 扬州关于印发…的通知, 陕西《政府工作报告》…: a place's short name opens the title
            titled.append(short.group(1))
    for title in _covered_titles(preamble):
        if m := _TITLE_PLACE.match(title):
            score(_place_run(title, m.start(1)), 3)
            titled.append(printed_places(_place_run(title, m.start(1)))[-1])
    for m in _CITED_PLACE.finditer(text_all):
        score(_place_run(text_all, m.start(1)), 1)
    for name in _signatures(list(rest)):  # a signature under a notice the tasks' annex follows
        score(name, 5)
    for place in _own_level_places(head):
        scores[place] += 3
    if heading := _title_head(preamble):
        titled.insert(0, heading)  # the title's own issuer line names it before the document's name does
    return _same_places_joined(scores, titled)


def _unbracketed_outer(text: str) -> str:
    """A title opened by a bracketed division holding the one printed after it (`(甲省)乙市…方案`) read as the
    compound `甲省乙市…`: the bracket gives the issuer's province, the name after it is the issuer."""
    m = _BRACKETED_OUTER.match(text)
    if not (m and level_of(m.group(1))):
        return text
    inner = _place_at(text, m.end())
    return m.group(1) + text[m.end():] if inner and _contains(m.group(1), inner) else text


_OWN_LEVEL = re.compile("|".join(map(re.escape, GRAMMAR.meta["own_level_marks"])))
_OWN_LEVEL_NAME_MAX = 4  # a short form (甲乙 of 甲乙县), a full name (甲乙市), the gazetteer's longest short forms


def _own_level_places(text: str) -> list[str]:
    """Divisions printed right before 本级 (`甲县本级民生实事`): a government calls its own items so beside
    the lists of the levels above it, whose names it prints too. The longest name the division table
    knows at one place, never an ambiguous short one."""
    found = []
    for m in _OWN_LEVEL.finditer(text):
        for size in range(_OWN_LEVEL_NAME_MAX, 1, -1):
            name = text[max(0, m.start() - size):m.start()]
            if len(name) == size and _one_division(name):
                found.append(name)
                break
    return found


def _one_division(name: str) -> bool:
    """Does the division table know the name as one division only?"""
    try:
        return resolve(name) is not None
    except AmbiguousPlace:
        return False


def _covered_titles(preamble: list[Line]) -> list[str]:
    """The plan's own titles its notice prints in the covering clause (现将X镇…方案印发给你们): a page
    whose title line names no place may name it there."""
    return [m.group("title") for ln in preamble for m in _OWN_TITLE_CLAUSE.finditer(ln.text)
            if m.group("title").endswith(_TITLE_ENDINGS)]


_OWN_TITLE_CLAUSE = re.compile(GRAMMAR.meta["own_title_clause"])


def _news_headline(text: str, ln: Line, preamble: list[Line]) -> bool:
    """A page's headline opened by a division's full name and a news word (`X县召开…`, `X县领导督查…`):
    a county news post names its own county so, as a plan's title does."""
    m = _NEWS_HEADLINE.match(text)
    return bool(m) and ln in _unboxed(preamble)[:_HEADLINE_LINES] and level_of(printed_places(m.group(1))[-1]) is not None


_YEAR_PLACE = re.compile(rf"\d{{4}}年度?({_PLACE})")
_SIGNATURE = re.compile(rf"^(?:中共)?({_PLACE})(?:委员会|委)?(?:{_GOVERNMENTS})?(?:办公室|办公厅)?$")


def _signatures(lines: list[Line]) -> list[str]:
    """Issuers signing a notice: a line that is only a government's or committee's name, with the
    date on the next line (湖州市人民政府办公室 / 2020年5月22日)."""
    found = []
    for ln, nxt in zip(lines, lines[1:]):
        m = _SIGNATURE.match(ln.text)
        if m and ln.text != m.group(1) and (_date_of(nxt.text) or _GARBLED_DATE.match(nxt.text)):
            found.append(m.group(1))
    return found


def _same_places_joined(scores: Counter[str], titled: list[str]) -> Counter[str]:
    """One score for each division however it is printed (恩施州 in the title, 恩施土家族苗族自治州
    in the signature): under the form a title prints, else the best scored one."""
    by_division: dict[str, list[str]] = {}
    for name in scores:
        try:
            found = resolve(name)
        except AmbiguousPlace:
            found = None
        by_division.setdefault(found.code if found else name, []).append(name)
    joined: Counter[str] = Counter()
    for names in by_division.values():
        form = next((t for t in titled if t in names), None) or max(names, key=lambda n: scores[n])
        joined[form] = sum(scores[n] for n in names)
    return joined


def printed_places(name: str) -> list[str]:
    """A place phrase a pattern caught → the divisions it prints, outermost first (`_printed_places`)."""
    return list(_printed_places(name))


@lru_cache(maxsize=65536)
def _printed_places(name: str) -> tuple[str, ...]:
    """printed_places, read once a phrase: the same phrases are caught in every sentence and title
    of a notice, and each reading tries the division table at every cut of the phrase.

    Patterns catch words to the left of a name (已经市, 办公室鄂尔多斯市, 员会内蒙古自治区):
    the longest tail that the division table knows is the name. A compound prints a chain
    (上海市浦东新区 → 上海市, 浦东新区). A name the table does not know stays as caught.
    """
    name = _clean_place(name)
    if name.endswith(_LOCAL_ENDINGS):
        for cut in range(len(name) - 3, 1, -1):  # 合水县太白镇: a known division, then the township in it
            if is_township(name[cut:]) and level_of(_printed_places(name[:cut])[-1]):  # 甲市乙区丙乡 too
                return _printed_places(name[:cut]) + (name[cut:],)
        if is_township(name):  # 和平乡, not the county 平乡
            return (name,)
    for cut in range(len(name) - 1):
        if level_of(name[cut:]):
            outer = _outer_place(name[:cut], name[cut:])
            if cut and len(name) - cut == 2 and outer is None:
                break  # 协助办理县政府: 理县 is the end of a word, not the county (马鞍山市和县 is)
            return (_printed_places(outer) if outer else ()) + (name[cut:],)
    return (name,)


def _outer_place(before: str, inner: str) -> str | None:
    """The known division printed right before `inner` that contains it (上海市 before 浦东新区)."""
    for cut in range(len(before) - 1):
        outer = before[cut:]
        if level_of(outer) and _contains(outer, inner):
            return outer
    return None


def _place_run(text: str, start: int) -> str:
    """Places printed one after another from `start` (重庆市綦江区2023年… → 重庆市綦江区)."""
    run, last, pos = "", None, start
    while (place := _place_at(text, pos)) and (last is None or _contains(last, place)):
        run, last, pos = run + place, place, pos + len(place)
    return run


def _place_at(text: str, pos: int) -> str | None:
    """The place printed at `pos`: the longest known division there (贵州省, not 贵州), else the pattern's catch."""
    m = _ANY_PLACE.match(text, pos)
    if not m:
        return None
    for end in range(min(len(text), pos + 14), m.end(), -1):
        if level_of(text[pos:end]):
            return None if runs_on_as_word(text, pos, end) else text[pos:end]
    return None if runs_on_as_word(text, pos, m.end()) else m.group()


def _task_places(tasks: list[Task], prefix: str | None) -> list[str]:
    """Known divisions the task texts name that fit the units' prefix, by how often."""
    counts: Counter[str] = Counter(p for t in tasks for p in _named_places(t.text)
                                   if (prefix is None or _fits_printed(p, prefix)) and p not in _NOT_PLACES)
    return [p for p, _ in counts.most_common()]


def _unit_places(tasks: list[Task], prefix: str) -> list[str]:
    """Places that open units' names (海安县消防救援大队 → 海安县) and fit the others' prefix, by how often."""
    counts: Counter[str] = Counter()
    for unit in (r.unit for t in tasks for r in t.responsibilities):
        place = _place_at(unit, 0)
        if (place and len(place) < len(unit) and place not in _NOT_PLACES and _division_like(place)
                and _fits(place, prefix) and not _runs_into_zone(unit, place) and not _reended_province(place)):
            counts[place] += 1
    return [p for p, _ in counts.most_common()]


def _reended_province(place: str) -> bool:
    """A unit opened by a name the table knows only under another ending, re-ended as a province
    (`会同省…厅`: the verb 会同 glued to a province's unit, 会同县 being a county): provinces are not renamed,
    and a unit's name is no place's own signature."""
    return place.endswith(_FIXED_ENDINGS) and not level_of(place)


_ZONE_IN_NAME = re.compile("[\u4e00-\u9fff]{0,4}?(?:%s)" % "|".join(_ZONE_ENDINGS))


def _runs_into_zone(unit: str, place: str) -> bool:
    """A zone's body whose name runs on past the place (`甲州湾新区管委会`: a bay's name, not 甲州 with an
    organ): the zone is named after no division, and the place is no unit's. A zone named
    `<place><zone words?><zone ending>` (`甲川经济开发区`) is left to the zone rule."""
    m = _ZONE_IN_NAME.match(unit, len(place))
    return bool(m) and not _ZONE_AFTER_NAME.fullmatch(m.group())


# (各市、区政府 names the governments below, a list of level words: its 区政府 is none of the plan's own)
_WHOLE_AREA = re.compile(r"全(省|市|州|县|区|旗)(?![场面长])|(?<![各省市州县区旗])(?<![省市州县区旗]、)(省|市|州|县|区|旗)(?:人民)?政府"
                         r"|(?<![自本])我(省|市|州|县|区|旗)(?![场域])")  # 我县: the plan's own word for itself


def _whole_area_level(text: str) -> str | None:
    """The level a plan's words for its own area and government say (全县…, 县政府交办的…), twice or more;
    `我县` (the plan speaking of itself) counts as `全县` does."""
    counts = Counter(_KIND_LEVEL[m.group(1) or m.group(2) or m.group(3)] for m in _WHOLE_AREA.finditer(text))
    if not counts:
        return None
    (best, n), *rest = counts.most_common()
    return best if n >= 2 and (not rest or rest[0][1] < n) else None


def _levels_phrase_level(tasks: list[Task]) -> str | None:
    """The level a unit named by its governments as levels gives (`市、区(市、县)两级财政部门`: prefecture):
    a plan counts its own departments from its level down, so the first level word is its own where it stands
    above the next (bracketed kinds, `(市、县)`, are the next's alternatives). Only a unit's name in the tasks
    says so: in free text (`为推动省市县三级联动`) the levels are the whole system's, not the plan's."""
    for unit in (r.unit for t in tasks for r in t.responsibilities):
        for m in _LEVELS_PHRASE.finditer(unit):
            words = [c for c in _BRACKETED.sub("", m.group()) if c in _LEVEL_WORD_RANK]
            if len(words) >= 2 and _LEVEL_WORD_RANK[words[0]] > _LEVEL_WORD_RANK[words[1]]:
                return _KIND_LEVEL[words[0]]
    return None


_LEVELS_PHRASE = re.compile(GRAMMAR.meta["levels_phrase"])
_BRACKETED = re.compile(r"[((][^()()]*[))]")
_LEVEL_WORD_RANK = {kind: _LEVEL_RANK[level] for kind, level in _KIND_LEVEL.items() if len(kind) == 1} | {"乡": -1, "镇": -1}


def _bare_units_level(tasks: list[Task], text: str) -> str | None:
    """Units printed bare in the tasks (农业农村局) that the text also prints with a level's prefix
    (县农业农村局负责…): that level, where all such prefixes agree."""
    bare = {r.unit for t in tasks for r in t.responsibilities if len(r.unit) >= 3 and _prefix_kind(r.unit) is None}
    kinds = {k for unit in bare for printed, k in _UNIT_PREFIXES if printed + unit in text}
    return _KIND_LEVEL.get(kinds.pop()) if len(kinds) == 1 else None


def _title_level(preamble: list[Line]) -> str | None:
    """The level a title opened by a bare level's organ (市教育局2023年工作要点 → prefecture) or by the
    plan's word for its own area (全县…) names; a page's first line is its title whatever it ends with,
    and opened by 全县 names the area whatever an export ran onto it.
    A page opened by a masked place and an organ (a 范文 site's `XX县交通运输局…方案`) names its level too."""
    preamble = _unboxed(preamble)  # a page's field box above its title
    if preamble and (m := _MASKED_START.match(_LEADING_YEAR.sub("", preamble[0].text))) and _prefix_kind(m.group(1) + m.group(2)):
        return _KIND_LEVEL.get(m.group(1))
    for i, ln in enumerate(preamble[:12]):
        text = _LEADING_YEAR.sub("", _TITLE_TAG.sub("", ln.text))
        if i == 0 and (m := _WHOLE_AREA_START.match(text)):  # 全县…汇报01项目名称:…, an export's unwrapping
            return _KIND_LEVEL.get(m.group(1))  # ran the first item onto the headline: the opening still names the area
        headline = i == 0 and not re.search(r"[。,;:]", text)  # a page's first line: 2023年区政府…推进情况(1-11月)
        if not (headline or text.endswith(_TITLE_ENDINGS)):
            continue
        if kind := _prefix_kind(text) or ((m := _WHOLE_AREA_START.match(text)) and m.group(1)):
            return _KIND_LEVEL.get(kind)
    return None


_MASKED_START = re.compile(r"^(?:[XX××＊*]{1,4}|某)(省|市|州|县|区|旗)([\u4e00-\u9fff]{2,12})")  # XX县交通运输局…
_WHOLE_AREA_START = re.compile(r"全(省|市|州|县|区|旗)(?![场面长])")  # 全县“我为群众办实事”…汇报: the plan's own area


_LEADING_YEAR = re.compile(r"^\d{4}(?:—\d{4})?年度?")


_PLACE_END = re.compile(_PLACE_ENDING)


_BEFORE_SHORT_PLACE = frozenset(GRAMMAR.meta["before_short_places"])


def _word_starts(text: str, start: int) -> bool:
    """A word may begin here: the text's start, after no Chinese character, or after 在/和/…."""
    before = text[start - 1] if start else ""
    return not ("\u4e00" <= before <= "\u9fff") or before in _BEFORE_SHORT_PLACE


_SELF = re.compile(r"我(区|县|市|旗)")


def _self_named(text: str) -> list[str]:
    """A text that calls its area 我区 (我县, 我市) and names exactly one division of that kind:
    that division is the issuer's."""
    kinds = {m.group(1) for m in _SELF.finditer(text)}
    if len(kinds) != 1:
        return []
    kind = kinds.pop()
    named = {p for p in _named_places(text) if p.endswith(kind) and len(p) >= 3 and level_of(p) != "province"}  # not 城区
    return list(named) if len(named) == 1 else []


def runs_on_as_word(text: str, start: int, end: int) -> bool:
    """A division's name whose ending runs on into a word (合作市场 → 市场, 平安区域 → 区域), or a county's into a
    level adjective (会同县级 → 县级), and that the text prints nowhere else as a name: the words of a sentence, no
    place. A city keeps its own level adjective (上海市级机关); a county's plan says its own 县级 bare
    (grammar `ending_words`, `level_adjectives`)."""
    word = text[end - 1:end + 1]
    if word not in _ENDING_WORDS or (word in _LEVEL_ADJECTIVES and level_of(text[start:end]) != "county"):
        return False
    return not _printed_as_name(text, text[start:end])


def _printed_as_name(text: str, place: str) -> bool:
    """The place printed somewhere with its ending running on into no word (会同县交通运输局, 公安县城区):
    the text names it, so its run-on elsewhere is the place too."""
    at = text.find(place)
    while at >= 0:
        if text[at + len(place) - 1:at + len(place) + 1] not in _ENDING_WORDS:
            return True
        at = text.find(place, at + 1)
    return False


def _named_places(text: str) -> list[str]:
    """Known divisions named in running text, longest first where they overlap (苏州市, not 苏州)."""
    found = []
    for m in _PLACE_END.finditer(text):
        for start in range(max(0, m.end() - 12), m.end() - 1):
            if "\n" in text[start:m.end()]:
                continue  # a line's end is no part of a name (完成。\n甲市…)
            if level_of(text[start:m.end()]) and (m.end() - start > 2 or _word_starts(text, start)):
                if not (runs_on_as_word(text, start, m.end()) or _convened_after_unit(text, start, text[start:m.end()])):
                    found.append((start, m.end()))
                break
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(found, key=lambda span: span[0] - span[1]):
        if all(end <= s or start >= e for s, e in chosen):
            chosen.append((start, end))
    return [text[s:e] for s, e in sorted(chosen)]


def _parents_above(parents: list[str], jurisdiction: str | None, level: str | None) -> list[str]:
    """Known divisions above the issuer that contain it, nearest first, each once."""
    rank = _LEVEL_RANK.get(level or "", -1)
    seen: list[str] = []
    for p in parents:
        lvl = level_of(p)
        if (p != jurisdiction and p not in seen and lvl and _LEVEL_RANK[lvl] > rank and not p.startswith(_NATIONAL)
                and (jurisdiction is None or _contains(p, jurisdiction) is not False)):
            seen.append(p)
    return sorted(seen, key=lambda p: _LEVEL_RANK[level_of(p)])


def unit_prefix(tasks: list[Task], scores: Counter[str] | None = None) -> str | None:
    """The ending of the place most units belong to, by their prefix: 县卫生健康局 → 县, 自治区民政厅 → 省.
    Departments printed under one place's name, twice or more (蓝田县文管所, 蓝田县纪念馆), count for
    that place's ending, so one unit a reader split (区苏维埃…纪念馆) does not outvote them; a government
    named in full (X县人民政府) is an addressee or a lower level, not the plan's own department.
    `scores`: the issuer evidence that breaks a tie between kinds (_tie_broken)."""
    units = [r.unit for t in tasks for r in t.responsibilities]
    counts = Counter(kind for unit in units if (kind := _prefix_kind(unit)))
    placed = Counter(place for unit in units if not _prefix_kind(unit) and (place := _department_place(unit)))
    for place, n in placed.items():
        if n >= 2 and (kind := _place_kind(place)):
            counts[kind] += n
    if not counts:
        return None
    tied = [kind for kind, n in counts.items() if n == max(counts.values())]
    return _tie_broken(tied, scores) if len(tied) > 1 and scores else tied[0]


def _tie_broken(tied: list[str], scores: Counter[str]) -> str:
    """Of prefix kinds the units count alike, the one the best-evidenced named division fits: a joint plan
    of neighbours lists both sides' departments in full (甲市交通局, 乙州交通局) as often, and the partner
    named first must not outvote the issuer its own notice names (甲市人民政府办公室)."""
    named = [p for p in scores if level_of(p)]
    best = max(named, key=lambda p: scores[p]) if named else None
    return next((kind for kind in tied if best and _fits(best, kind)), tied[0])


@lru_cache(maxsize=65536)
def _department_place(unit: str) -> str | None:
    """The known division opening a department's name (蓝田县文管所 → 蓝田县), not a government's."""
    place = _place_at(unit, 0)
    if not place or len(place) >= len(unit) or not level_of(place) or unit.endswith(_OWN_GOVERNMENTS):
        return None
    return place


def _place_kind(place: str) -> str | None:
    """The unit prefix a division's name answers to: its ending (县, 区, 市); 省 for a province."""
    if level_of(place) == "province":
        return "省"
    return next((k for k in _KIND_LEVEL if place.endswith(k)), None)


_OWN_GOVERNMENTS = tuple(GRAMMAR.meta["governments"]) + tuple(GRAMMAR.meta["own_bodies"])


_NO_PREFIX = tuple(GRAMMAR.meta["collective_prefixes"]) + tuple(GRAMMAR.meta["false_prefixes"])


@lru_cache(maxsize=65536)
def _prefix_kind(unit: str) -> str | None:
    """The place ending a unit's prefix points to (县卫生健康局 → 县, 镇财政所 → 镇); None for 县区…, 市场…."""
    if unit.startswith(_NO_PREFIX) and not unit[1:].startswith(_PREFIXED_ORGANS):  # 市民政局 is 市's
        return None
    return next((k for printed, k in _UNIT_PREFIXES if unit.startswith(printed)),
                next((t for t in _TOWNSHIP_ENDINGS if unit.startswith(t)), None))


def _fits(place: str, prefix: str) -> bool:
    """Could units printed as 县X局 belong to `place`? 县 → …县, 市 → …市, 省 → …省/自治区."""
    return _fits_printed(place, prefix) or _fits_printed(_full_name(place), prefix)  # 扬州 is 扬州市


def _fits_printed(place: str, prefix: str) -> bool:
    if prefix == "省":
        return place.endswith(("省", "自治区")) or place in MUNICIPALITIES
    return place.endswith(prefix)


def _full_name(place: str) -> str:
    """The division's full name for a short one the table knows (扬州 → 扬州市), else the name."""
    try:
        found = resolve(place)
    except AmbiguousPlace:
        return place
    return found.name if found else place


def _contains(upper: str, lower: str) -> bool | None:
    """Does the division table put `lower` inside `upper`? None when it cannot tell."""
    from . import places

    try:
        if places.resolve(upper) is None or places.resolve(lower) is None:
            return None
        return places.contains(upper, lower)
    except Exception:  # an ambiguous name: no evidence either way
        return None


def _clean_place(name: str) -> str:
    """A pattern's catch without the words before a name: 印发, 关于, 中共, an article's number (第九条镇…)."""
    if level_of(name):  # 全椒县, 全州县
        return name
    name = _NUMBERING_BEFORE_PLACES.sub("", name)
    for prefix in ("印发", "关于", "全", "中共"):
        if name.startswith(prefix):
            name = name[len(prefix):]
    return name


_SOURCE_FIELD = re.compile(r"^[•·]?(?:%s)[:](.+)$" % "|".join(map(re.escape, GRAMMAR.meta["source_fields"])))
_PROVINCE_BY_MARK = GRAMMAR.table["provinces"]
_PROVINCE_NUMBER = re.compile(r"^(%s)(?:%s)[〔\[(【]\d{4}" % (
    "|".join(map(re.escape, _PROVINCE_BY_MARK)), "|".join(map(re.escape, GRAMMAR.meta["province_number_marks"]))))
_SITE_ENDINGS = tuple(GRAMMAR.meta["site_endings"])
_NATIONAL_ISSUER = re.compile(r"^(?:[•·]?(?:%s)[:])?(%s)(?:办公厅)?(?:关于|发布|印发|$)" % (
    "|".join(map(re.escape, GRAMMAR.meta["source_fields"])), "|".join(map(re.escape, GRAMMAR.meta["national_issuers"]))))
# a news headline saying what 国务院 set out (国务院明确《政府工作报告》重点工作部门分工): a line of its own
_NATIONAL_HEADLINE = re.compile(r"^(%s)(?:办公厅)?(?:%s)[^。,,;:]{4,40}$" % (
    "|".join(map(re.escape, GRAMMAR.meta["national_issuers"])), "|".join(map(re.escape, GRAMMAR.meta["headline_verbs"]))))
# a title line opened by 国务院 without 关于 (国务院办公厅…编制规定): only among a page's first lines
_NATIONAL_TITLE = re.compile(r"^(?:.*>\s*)?(%s)(?:办公厅)?[^。,,;:;《》]{2,40}(?:%s)$" % (
    "|".join(map(re.escape, GRAMMAR.meta["national_issuers"])), "|".join(map(re.escape, GRAMMAR.meta["national_title_endings"]))))
# a news lede: 国务院近日公布《…》 / 国务院1日对外公布2016年《…》
_NATIONAL_LEDE = re.compile(r"(?:^|[,。;:])(%s)(?:办公厅)?(?:%s|\d{1,2}日)?(?:%s)?(?:%s)(?:\d{4}年)?《" % tuple(
    "|".join(map(re.escape, GRAMMAR.meta[key]))
    for key in ("national_issuers", "national_lede_times", "national_lede_audiences", "national_lede_verbs")))
_NUMBER_FIELD = re.compile(r"^[•·]?(?:%s)[:]?(.+)$" % "|".join(map(re.escape, GRAMMAR.meta["number_fields"])))
_DATE_FIELD = re.compile(r"^成文日期[:]?(\d{4})[年-](\d{1,2})[月-](\d{1,2})日?$")
_SIGNER_ENDING = "(%s)" % "|".join(map(re.escape, GRAMMAR.meta["signer_endings"]))
_SIGNER = re.compile(_SIGNER_ENDING + "$")
_SIGNED_DATE = re.compile(rf"^([\u4e00-\u9fff()]{{4,30}}?{_SIGNER_ENDING})((?:\d{{4}}|{_CN_YEAR})年.{{2,8}}日)$")
_SOURCE_LABELS = frozenset(GRAMMAR.meta["source_fields"])
_NUMBER_LABELS = frozenset(GRAMMAR.meta["number_fields"])
_DATE_FIELD_ORDER = GRAMMAR.meta["date_fields"]  # in order of preference
_DATE_LABELS = frozenset(_DATE_FIELD_ORDER)
_PAGE_DATE_LABELS = frozenset(GRAMMAR.meta["page_date_fields"])
# a page-date label alone on its line (a run-on page split at its spaces: `发布日期` / `2022年11月02日`)
_PAGE_DATE_LINE = re.compile(r"^\s*(?:%s)\s*[::]?\s*$" % "|".join(map(re.escape, sorted(_PAGE_DATE_LABELS, key=lambda w: (-len(w), w)))))  # one pattern per run (regexcache)
FIELD_LABEL = re.compile("(%s)(:)?" % "|".join(map(re.escape, sorted(
    _SOURCE_LABELS | _NUMBER_LABELS | _DATE_LABELS | _PAGE_DATE_LABELS | set(GRAMMAR.meta["field_labels"]),
    key=lambda w: (-len(w), w)))))  # one pattern whatever the sets' order (loader/regexcache.py)
_BRACKETED_LABEL = re.compile(r"^【([^】]{2,6})】")
_FIELD_DATE = re.compile(r"^(\d{4})[年\-/.](\d{1,2})[月\-/.](\d{1,2})日?")
# A bare level's government (区政府, 县人民政府办公室) as a page's publisher: the issuer's level.
_BARE_GOVERNMENT = re.compile(r"^(省|市|州|县|区|旗|盟)(?:人民)?政府(?:办公室|办公厅)?")
_GARBLED_DATE = re.compile(r"^((?:19|20)\d{2})年?(\d{2,4})日?[?\ufffd]*$")
_YEAR_MARK_LOST = re.compile(r"^((?:19|20)\d{2})(\d{1,2})月(\d{1,2})日?$")


def _fields(lines: list[Line]) -> list[tuple[str, str, int]]:
    """(label, value, line index) of a web page's metadata fields: `成文日期:2023年6月9日`, several
    run together on one line (`成文日期:发布日期:2020-06-04`: 成文日期 empty), or a label cell with
    its value in the next cell (`发文日期 | 2022-07-14 |`) or, the label alone on its line, on the next
    line (a field table copied cell by cell: `成文日期` / `2024-04-08`)."""
    return [(label, value, i) for label, value, i, _ in _field_rows(lines)]


def _field_rows(lines: list[Line]) -> list[tuple[str, str, int, int]]:
    """_fields with the index of the line each value stands on (its label's, or the next)."""
    out = []
    for i, ln in enumerate(lines):
        text = ln.text.lstrip("•·[ ")
        if text.startswith("【"):  # a cheap test first: asked of every line
            text = _BRACKETED_LABEL.sub(r"\1:", text)  # 【发布文号】冀政[2009]15号; [ 字体:大 中 小 稿源:…]
        first = FIELD_LABEL.match(text)
        if not first:
            continue
        marks = [first] + _later_labels(text, first)
        for m, nxt in zip(marks, marks[1:] + [None]):
            value = text[m.end(): nxt.start() if nxt else len(text)]
            if not value and nxt is None and i + 1 < len(lines) and not FIELD_LABEL.match(lines[i + 1].text) and (
                    (lines[i + 1].no == ln.no and lines[i + 1].cell == ln.cell + 1)
                    or ((text.endswith(":") or text == m.group(1)) and _value_below(m.group(1), lines[i + 1].text))):
                out.append((m.group(1), lines[i + 1].text, i, i + 1))  # the next cell, or the next line (•成文日期: / 2024-03-29)
                continue
            out.append((m.group(1), value, i, i))
    return out


def _value_below(label: str, text: str) -> bool:
    """Can the line under a label left empty on its own line be its value? A short line, of the shape the label
    holds: a date under a date's label, a word under a status's (有效性: 有效); else it is the text under the
    box's last field left empty (`有效性` / `2023年区政府重点工作推进情况(1-11月)`), the page's headline."""
    if len(text) > _FIELD_VALUE_MAX:
        return False
    if label in _DATE_LABELS or label in _PAGE_DATE_LABELS:
        return bool(_FIELD_DATE.match(text) or _date_of(text))
    return label not in _SHORT_VALUE_LABELS or len(text) <= _SHORT_VALUE_MAX


_SHORT_VALUE_LABELS = frozenset(GRAMMAR.meta["short_value_fields"])
_SHORT_VALUE_MAX = GRAMMAR.meta["short_value_max"]


def _later_labels(text: str, first: re.Match) -> list[re.Match]:
    """The labels after a line's first that part it into fields: those with their colon (成文日期:发布日期:…);
    on a box run onto one line without colons (`索引号…发文机关X县人民政府成文日期2021年03月04日发布日期…`: no
    colon after its first label, no sentence's mark), every label of `run_on_label_min` characters and more
    (a shorter one, 名称 or 日期, is too often inside a value: 节假日期间)."""
    later = list(FIELD_LABEL.finditer(text, first.end()))
    run_on = not first.group(2) and not _SENTENCE_MARK.search(text)
    return [m for m in later if m.group(2) or (run_on and len(m.group(1)) >= _RUN_ON_LABEL_MIN)]


_RUN_ON_LABEL_MIN = GRAMMAR.meta["run_on_label_min"]


def box_line(lines: list[Line], j: int) -> bool:
    """A line of a portal's field box printed without colons, which a page may print between a heading
    and its text: a label alone on its row (`索引号`, the box copied a cell a line), the value right under
    such a label (`0115…/2022-59218`; an item's number opens no value, and a line after a blank is the
    text under a last field left empty: `有效性` / / `…的主要职责`), or a row that opens with a label
    and holds another (`发布机构 | X | 发文字号 | Y`, `发文机关县政府办公室成文日期`: spaces taken out)."""
    k, end = _row_bounds(lines, j)
    if k == end and _label_alone(lines, k):
        return True
    text = "".join(ln.text for ln in lines[k:end + 1])
    if k == end and k > 0 and _label_alone(lines, k - 1) and lines[k].no == lines[k - 1].no + 1:
        return len(text) <= _FIELD_VALUE_MAX and not (_FIRST_ITEM.match(text) or _BRACKETED_ITEM.match(text))
    first = FIELD_LABEL.match(text)
    return bool(first and len(text) <= 2 * _FIELD_VALUE_MAX and not _SENTENCE_MARK.search(text)
                and FIELD_LABEL.search(text, first.end()))


def _row_bounds(lines: list[Line], j: int) -> tuple[int, int]:
    """The first and last index of the cells of line j's physical row."""
    k = end = j
    while k > 0 and lines[k].cell and lines[k - 1].no == lines[j].no:
        k -= 1
    while end + 1 < len(lines) and lines[end + 1].cell and lines[end + 1].no == lines[j].no:
        end += 1
    return k, end


def _label_alone(lines: list[Line], k: int) -> bool:
    """A page field's label, with no colon, alone on its physical row."""
    alone = (k == 0 or lines[k - 1].no != lines[k].no) and (k + 1 == len(lines) or lines[k + 1].no != lines[k].no)
    m = FIELD_LABEL.fullmatch(lines[k].text)
    return alone and bool(m) and not m.group(2)


def _unboxed(preamble: list[Line]) -> list[Line]:
    """The preamble without a web page's field box (索引号 / 发文机关 / 成文日期 …, often printed above
    the title): the lines a headline is looked for in. A title field's value on a line of its own (名称 /
    关于…的通知) is the title and stays."""
    box = {k for label, value, i, j in _field_rows(preamble)
           for k in ((i,) if label in _TITLE_FIELDS or _title_below(preamble, i, j) else (i, j))}
    return [ln for i, ln in enumerate(preamble) if i not in box]


_TITLE_FIELDS = frozenset(GRAMMAR.meta["title_fields"])


def _title_below(lines: list[Line], i: int, j: int) -> bool:
    """The line read as the value of an empty last field (有效性: / 国务院办公厅…规定) is the title under
    the box where it ends as titles do and stands on a row of its own."""
    return j != i and lines[j].no != lines[i].no and lines[j].text.endswith(_TITLE_ENDINGS + _NATIONAL_TITLE_ENDINGS)


_NATIONAL_TITLE_ENDINGS = tuple(GRAMMAR.meta["national_title_endings"])


_FIELD_VALUE_MAX = 40  # a field's value on the line below its label: a date, a name, a number


def _field_date(value: str) -> str | None:
    m = _FIELD_DATE.match(value)
    if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    return None


def _field_level(fields: list[tuple[str, str, int]]) -> str | None:
    """The level a page's publisher field names by a bare level's government (发布单位 | 区政府 → county)."""
    for label, value, _ in fields:
        m = _BARE_GOVERNMENT.match(value) if label in _SOURCE_LABELS else None
        if m:
            return _KIND_LEVEL.get(m.group(1))
    return None


def _own_number(preamble: list[Line]) -> str | None:
    """A number on a line of its own near the top (盈发〔2023〕8号), or a web page's 发文字号 field."""
    for ln in preamble[:30]:
        m = _NUMBER_FIELD.match(ln.text)
        if m and (number := _DOC_NUMBER.fullmatch(m.group(1))):  # 发文字号宿政办〔2022〕7号: no colon
            return number.group()
        bare = ln.text[1:-1] if ln.text[:1] + ln.text[-1:] in ("()", "【】") else ln.text  # (株政发〔2013〕4号)
        if _DOC_NUMBER.fullmatch(bare):
            return bare
        dated = _DOC_NUMBER.match(bare)
        if dated and _date_of(bare[dated.end():].strip()):
            return dated.group()  # 川府发〔2011〕8号 二○一一年三月十七日: the number and the date on one line
        m = _NUMBER_FIELD.match(ln.text)
        number = _DOC_NUMBER.match(m.group(1)) if m else None
        if number:  # 文件号:新政办发〔2012〕70号成文日期:…
            return number.group()
    for label, value, _ in _fields(preamble[:30]):
        if label in _NUMBER_LABELS and (number := _DOC_NUMBER.match(value)):
            return number.group()
    glued = _NUMBER_AFTER_TITLE.search(preamble[0].text) if preamble else None
    return glued.group(1) if glued else None  # a page run into one line: …的通知文府办规〔2023〕29号各镇…


_NUMBER_AFTER_TITLE = re.compile(rf"(?:{'|'.join(map(re.escape, GRAMMAR.meta['title_endings']))})"
                                 r"([\u4e00-\u9fff]{1,6}[〔\[(【]\d{4}[〕\])】]\d{1,4}[号號])")


def _signature_date(lines: list[Line], notice_end: int = 0) -> str | None:
    """The date under the signature (a line of its own, best right after the issuer), or a 成文日期
    field. A date garbled (2022121日, 2024327: 年 and 月 lost) under a signature or in the notice
    before the tasks (`notice_end`) is the page date whose digits it prints, or its only reading."""
    fields = _fields(lines)
    dated = sorted((_DATE_FIELD_ORDER.index(label), date) for label, value, _ in fields
                   if label in _DATE_LABELS and (date := _field_date(value)))
    if dated:
        return dated[0][1]  # 成文日期 before 发文日期 where a box prints both: the signature date, not the sending
    found, table_rows = None, _table_rows(lines)
    draft = any(_DRAFT_MARK.search(ln.text) for ln in lines[:notice_end])
    for i, ln in enumerate(lines):
        if ln.no in table_rows:
            continue
        ymd = _date_of(ln.text) or _broken_date(lines, i) or _bracketed_date(ln.text, draft)
        if ymd is None and (i < notice_end or i > 0 and _SIGNER.search(lines[i - 1].text)):
            if (m := _YEAR_MARK_LOST.match(ln.text)) and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
                return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"  # 20251月13: 年, 日 lost
            if (m := _GARBLED_DATE.match(ln.text)) and (date := _ungarbled(m.group(1) + m.group(2), fields)):
                return date
        signed = False
        if ymd is None and (m := _SIGNED_DATE.match(ln.text)) and (ymd := _date_of(m.group(m.lastindex))):
            signed = True  # `XX县人民政府办公室 二O一O年四月六日`: the issuer and its date on one line (minutes' cover)
        elif ymd is None and i < notice_end and (ymd := _glued_date(ln.text)):
            signed = True
        if ymd is None or (i > 0 and _PAGE_DATE_LINE.match(lines[i - 1].text)):
            continue  # no date, or a 发布日期 field's value its label's line break put on a line of its own
        y, mo, d = ymd
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            continue
        date = f"{y:04d}-{mo:02d}-{d:02d}"
        if signed or _DATE_FIELD.match(ln.text) or (i > 0 and _SIGNER.search(lines[i - 1].text)):
            return date
        found = found or date
    return found


def _table_rows(lines: list[Line]) -> frozenset[int]:
    """The physical lines that are a table's rows (a workbook's, a tab or `|` table's): a date in one (a
    deadline under 完成时限, a progress date) is no date of issue, whatever cell stands before it
    (各乡镇人民政府 ends as a signer does). A row holds `table_row_cells_min` cells and more and stands under
    the table's header (a row of two header words at least: 序号 | 工作任务 | 完成时限): a portal's field box
    in cells (索引号 | … | 主题分类) heads none, a page run onto one line parted into pieces is one line, and a
    signature set in a borderless table holds fewer cells (issuer | date)."""
    cells: dict[int, list[str]] = {}
    for ln in lines:
        cells.setdefault(ln.no, []).append(ln.text)
    rows, headed = set(), False
    for no, texts in cells.items():
        if len(texts) >= _TABLE_ROW_CELLS and headed:
            rows.add(no)
        elif len(texts) >= _TABLE_ROW_CELLS:
            headed = sum(t in GRAMMAR.header_words for t in texts) >= 2
    return frozenset(rows)


_TABLE_ROW_CELLS = GRAMMAR.meta["table_row_cells_min"]
_DATE_HEAD = re.compile(rf"^(?:\d{{4}}|{_CN_YEAR})年[\d一二三四五六七八九十]{{0,2}}月?$")


def _broken_date(lines: list[Line], i: int) -> tuple[int, int, int] | None:
    """A date a fixed-width wrap broke over two lines (a right-aligned signature date padded past the
    width: `2019年5月` / `14日`, `2019年5` / `月14日`): the date the two lines print together."""
    if i + 1 < len(lines) and _DATE_HEAD.match(lines[i].text):
        return _date_of(lines[i].text + lines[i + 1].text)
    return None


_DATE_TEXT = rf"(?:\d{{4}}|{_CN_YEAR})年[^年日]{{1,6}}日"
_SIGNATURE_MARK = rf"(?:[((](?:{'|'.join(GRAMMAR.meta['signature_marks'])})[))])?"
_GLUED_DATE = re.compile(rf"(?:{_DOC_NUMBER.pattern}|(?:{'|'.join(GRAMMAR.meta['glued_date_signers'])}){_SIGNATURE_MARK})\s*({_DATE_TEXT})"
                         rf"(?!{'|'.join(map(re.escape, GRAMMAR.meta['glued_date_not_before']))})")


def _glued_date(text: str) -> tuple[int, int, int] | None:
    """A date glued in the notice to its number (`川府发〔2011〕8号 二○一一年三月十七日`, a gazette's
    header) or to the issuer's name (`…社会保障局2022年8月18日2022年度…方案`, a page run into one
    line; a signer's bracketed mark between them, `…领导小组办公室(代)2024年3月22日`): the signature
    date, unless words of a sentence follow it (`市政府2022年3月1日召开的…`)."""
    m = _GLUED_DATE.search(text)
    return _date_of(m.group(1)) if m else None


_LEDE_DATE = re.compile(
    rf"(\d{{4}}年\d{{1,2}}月\d{{1,2}}日|{_CN_YEAR}年[一二三四五六七八九十]{{1,2}}月[一二三四五六七八九十]{{1,3}}日)"
    rf",?([^。;,《》]{{0,30}}?)(?:{'|'.join(GRAMMAR.meta['lede_issue_verbs'])})了?"
    rf"(?:《([^《》]+)》|本(?:{'|'.join(map(re.escape, GRAMMAR.meta['title_endings']))}))")
_LEDE_NOT_BETWEEN = tuple(GRAMMAR.meta["lede_date_not_between"])


def _lede_date(notice: list[Line], lines: list[Line]) -> str | None:
    """Where no signature, field or date line prints the issued date (a news site's reprint), the date a
    sentence of the notice gives to the document's own issuing (`X于2022年7月7日印发《<its title>》,全文如下`,
    `…日,X印发了本方案`): the document is its own when its title is printed again on a line of its own.
    A date before 前, 底, 起 … is a deadline or a start, and a cited document's title is printed in no line."""
    own_titles = {ln.text for ln in lines}
    for ln in notice:
        for m in _LEDE_DATE.finditer(ln.text):
            if any(w in m.group(2) for w in _LEDE_NOT_BETWEEN) or (m.group(3) and m.group(3) not in own_titles):
                continue
            ymd = _date_of(m.group(1))
            if ymd and 1 <= ymd[1] <= 12 and 1 <= ymd[2] <= 31:
                return f"{ymd[0]:04d}-{ymd[1]:02d}-{ymd[2]:02d}"
    return None


def _minutes_date(notice: list[Line]) -> str | None:
    """The meeting's date opening minutes (`2024年5月6日上午,…主持召开…会议,现纪要如下`): minutes are
    dated by their meeting where nothing else dates them."""
    m = next((m for ln in notice[:3] if (m := _MINUTES_OPENING.match(ln.text))), None)
    ymd = _date_of(m.group("date")) if m else None
    return f"{ymd[0]:04d}-{ymd[1]:02d}-{ymd[2]:02d}" if ymd and 1 <= ymd[1] <= 12 and 1 <= ymd[2] <= 31 else None


_MINUTES_OPENING = re.compile(GRAMMAR.meta["minutes_opening"])


def _ungarbled(digits: str, fields: list[tuple[str, str, int]]) -> str | None:
    """The date a run of digits prints (2022121: 2022-01-21 or 2022-12-01): the page's posting date
    when it prints the same digits, else the only reading that is a date."""
    readings = []
    for cut in range(5, len(digits)):
        mo, d = int(digits[4:cut]), int(digits[cut:])
        if 1 <= mo <= 12 and 1 <= d <= 31 and not digits[4:cut].startswith("0") and not digits[cut:].startswith("0"):
            readings.append(f"{digits[:4]}-{mo:02d}-{d:02d}")
    posted = {date for label, value, _ in fields if label in _PAGE_DATE_LABELS and (date := _field_date(value))}
    both = [r for r in readings if r in posted]
    if both:
        return both[0]
    return readings[0] if len(readings) == 1 else None


def notice_pieces(text: str) -> list[str]:
    """A notice run into one line (a sharing site's text) cut where its lines were: after its
    number (温府发〔2012〕41号), around a date (二○一二年四月九日), after 。 and :, so that the
    number, the title and the signature date stand on lines of their own, as printed."""
    cuts = {0, len(text)}
    for m in _NOTICE_BREAKS.finditer(text):
        cuts.update(m.span() if m.lastgroup == "date" else (m.end(),))
    bounds = sorted(cuts)
    return [text[a:b] for a, b in zip(bounds, bounds[1:]) if text[a:b]]


_NOTICE_BREAKS = re.compile(
    rf"(?P<number>{_DOC_NUMBER.pattern})|(?P<date>{_CN_YEAR}年[一二三四五六七八九十]{{1,2}}月"
    rf"[一二三四五六七八九十]{{1,3}}日|\d{{4}}年\d{{1,2}}月\d{{1,2}}日)|[。:]")


def _date_of(line: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a line that is only a date: 2023年5月12日, 二〇二三年五月十二日, or 成文日期:…."""
    if "日" not in line:  # a cheap test first, asked of every line: each of the three patterns holds a 日
        return None
    m = _DATE_FIELD.match(line) or _DATE_LINE.match(line)
    if m:
        return int(m.group(1)), int(m.group(2)), int(m.group(3))
    m = _CN_DATE_LINE.match(line)
    if m:
        year = int("".join(_CN_DIGIT[c] for c in m.group(1)))
        return year, cn_to_int(m.group(2)), cn_to_int(m.group(3))
    return None


_DATE_BRACKETS = frozenset(GRAMMAR.meta["date_line_brackets"])


_DRAFT_MARK = re.compile(rf"[((〔【](?:{'|'.join(GRAMMAR.meta['draft_marks'])})")


def _bracketed_date(line: str, draft: bool) -> tuple[int, int, int] | None:
    """The date of a line that is only a date in brackets (`(二OO八年二月二十六日)`, a notice's date over
    its number): the issued date, unless the text is a draft, whose bracketed date is the draft's."""
    if draft or len(line) <= 2 or line[0] + line[-1] not in _DATE_BRACKETS:
        return None
    return _date_of(line[1:-1])


def _title(preamble: list[Line]) -> str | None:
    for ln in preamble[:30]:
        t = ln.text
        if 6 <= len(t) <= 60 and t.endswith(("方案", "计划", "意见", "措施", "分工", "通知", "规划", "办法")) and "《" not in t:
            return t
    return None


_ALIAS_WORDS = tuple(GRAMMAR.meta["alias_words"])


def _implemented(purpose: list[str], own: str | None, jurisdiction: str | None) -> list[str]:
    """Numbers of the documents a plan says it implements; a title where no number is printed.

    A title alone counts only where the sentence says the plan carries it out (see
    `_carried_out_span`), and never the plan's own title (it names the plan's jurisdiction).
    """
    found: list[str] = []
    # the plan's own purpose sentence (…制定本方案) first, then a covering notice's
    for sentence in sorted(purpose, key=lambda s: "制定本" not in s and "制定如下" not in s):
        span = _carried_out_span(sentence)
        pos = 0
        for m in _TITLE.finditer(sentence):
            if m.start() < pos or sentence[:m.start()].endswith(_ALIAS_WORDS):
                continue  # (…38号,以下简称《指导意见》): a short name for the title before it
            after = sentence[m.end(): m.end() + 20]
            num = _DOC_NUMBER.match(after.lstrip("(")) if after.startswith("(") else None
            if num:
                item = num.group(0)
                pos = m.end() + 1 + num.end()
            else:
                item = m.group(1)
                pos = m.end()
                if span is None or not span[0] <= m.start() < span[1] or (jurisdiction and jurisdiction in item):
                    continue
            if item != own and item not in found:
                found.append(item)
    return found


def _carried_out_span(sentence: str) -> tuple[int, int] | None:
    """Where a purpose sentence names what the plan carries out: from its purpose word (贯彻, 根据 …)
    to its main clause (制定本方案, 现将…印发, 经…同意, 现提出…如下), or to its end after …精神.

    Titles outside it are the plan's own (现将《…》印发给你们) or named in passing. None when the
    sentence has neither a main clause nor 精神: it does not say the plan carries anything out.
    """
    masked = _TITLE.sub(lambda m: "《" + "○" * (len(m.group()) - 2) + "》", sentence)
    start = _PURPOSE.search(masked)
    if start is None:
        return None
    end = _MAIN_CLAUSE.search(masked, start.end())
    if end:
        return start.start(), end.start()
    return (start.start(), len(sentence)) if "精神" in masked else None
