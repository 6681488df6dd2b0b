"""One responsibility clause → [(unit, role)]: the clause grammar.

A clause is a sequence of groups separated by `;` (or by `,` right after a role
keyword); each group is a list of units closed by a keyword (`A、B牵头`), opened by
a label (`牵头单位:A、B`), or bare. The keyword and label words are data
(data/grammar.toml); this module only knows the grammar's shape:

    clause  := [label ":"] group ((";" | ",") group)*
    group   := [label ":"] units [keyword]
    units   := unit (("、" | "," | "及" | "和") unit)*      (及/和 only between two units)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .grammar import GRAMMAR, alternation, simplified
from .places import candidates
from .records import Responsibility
from .units import is_function_stem, named_whole

_OPEN, _CLOSE = "(《〈[“〔【", ")》〉]”〕】"
_OPEN_RE = re.compile("[" + re.escape(_OPEN) + "]")


@lru_cache(maxsize=None)
def _seps_re(seps: str) -> re.Pattern:
    return re.compile("[" + re.escape(seps) + "]")


@dataclass
class Group:
    units_text: str
    role: str | None  # from a keyword or a label; None when the group lacks both
    keyword: str | None = None


def split_top(text: str, seps: str) -> list[str]:
    """Split on any of `seps`, but never inside brackets: 县(市、区) stays whole."""
    if not _OPEN_RE.search(text):
        return _seps_re(seps).split(text)
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in seps:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def strip_wrapping(text: str) -> str:
    text = text.strip()
    while len(text) >= 2 and any(
        text[0] == o and text[-1] == c and (o != "(" or _balanced(text[1:-1])) for o, c in GRAMMAR.brackets
    ):
        text = _without_stray_closers(text[1:-1]).strip()
    if text and text[0] in GRAMMAR.openers and not any(c in text for o, c in GRAMMAR.brackets if o == text[0]):
        text = text[1:]  # a bracket never closed: the page was cut inside the clause
    return text.strip("。.;,")



def stray_closers(text: str, enclosed: bool = True) -> set[int]:
    """Where a closing mark stands with no opening of its kind open before it, inside a bracket
    of another kind (or anywhere in an `enclosed` clause's words): a slip of the writer's
    (`[A牵头,B配合,…不再列出)]`) that ends no bracket, so it must not end or break the clause."""
    if all(text.count(o) >= text.count(c) for o, c in GRAMMAR.brackets):
        return set()  # every closing mark has its opening somewhere (the usual case): no walk
    stray, opened = set(), []
    for i, ch in enumerate(text):
        if ch in GRAMMAR.openers:
            opened.append(ch)
        elif ch in GRAMMAR.closers:
            opening = GRAMMAR.openers[GRAMMAR.closers.index(ch)]
            if opening in opened:
                del opened[len(opened) - 1 - opened[::-1].index(opening):]
            elif opened or enclosed:
                stray.add(i)
    return stray


def _without_stray_closers(words: str) -> str:
    """A bracketed clause's words without the closing marks that end nothing in them."""
    stray = stray_closers(words)
    return "".join(ch for i, ch in enumerate(words) if i not in stray) if stray else words


def _balanced(s: str) -> bool:
    depth = 0
    for ch in s:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def split_groups(clause: str, default_role: str | None = None) -> list[Group]:
    """Cut a clause into role groups, reading labels and keywords."""
    return list(_split_groups(clause, default_role))


@lru_cache(maxsize=65536)
def _split_groups(clause: str, default_role: str | None) -> tuple[Group, ...]:
    """A clause's label-led groups (units text, role), cached: a unit cell is read twice."""
    # a table's unit cell is read twice, as a unit list (is_unit_list) and as a clause (_parse_clause)
    groups: list[Group] = []
    label_role, labelled = default_role, False
    for chunk in _split_at_labels(split_top(without_officials(strip_wrapping(clause)), ";。")):
        chunk = chunk.strip(",")
        if not chunk:
            continue
        m = GRAMMAR.label_re.match(chunk) or (_MEMBER_LABEL.match(chunk) if labelled else None)
        field_role = None  # the role of a label opening this chunk (its list ends where a part names its own)
        if m:
            label_role, labelled = _LABEL_ROLE[m.group(1)], True
            field_role = label_role
            chunk = _without_run_on_phrase(chunk[m.end():])
        chunk_role = label_role
        if GRAMMAR.keyword_re.search(chunk):  # A牵头B负责: a lead glued to the group after it
            chunk = _GLUED_LEAD.sub(r"\1,", chunk)
        pos = 0
        for km in GRAMMAR.keyword_re.finditer(chunk):
            if depth_at(chunk, km.start()) != 0 or _role_word_in_name(chunk, pos, km):
                continue
            units_text = _without_convening(_without_role_qualifiers(chunk[pos:km.start()].strip(",")), groups)
            word = km.group(1)
            groups.extend(_field_then_own_group(units_text, field_role if pos == 0 else None, word))
            pos = km.end()
        rest = _without_convening(chunk[pos:].strip(","), groups)
        if (closed := _closed_by_bare_words(rest)):
            groups.extend(closed)
        elif rest:
            # 责任单位: is a container when keywords follow inside it, a role when none do
            explicit = chunk_role if (chunk_role != "responsible" or pos == 0) else None
            groups.append(Group(rest, explicit))
    return tuple(g for g in groups if g.units_text)


_CLOSING_WORD_ROLE = {w: role for role, words in GRAMMAR.table["closing_words"].items()
                      for w in words if role in GRAMMAR.table["keywords"]}
_CLOSING_WORD = re.compile(rf"({alternation(_CLOSING_WORD_ROLE)})$")


def _closed_by_bare_words(rest: str) -> list[Group]:
    """`X指导,各镇(街道)实施` left after a clause's keywords: words of running text (grammar [closing_words]) are role
    words only where each comma part is a list of whole units closed by one, so `实施…工程`, `…工程实施` and a
    slogan's `部门指导、` stay text."""
    groups = []
    for part in split_top(rest, ","):
        m = _CLOSING_WORD.search(part)
        units_text = part[:m.start()] if m else ""
        if not units_text or not is_unit_list(units_text):
            return []
        groups.append(Group(units_text, _CLOSING_WORD_ROLE[m.group(1)], m.group(1)))
    return groups


def _field_then_own_group(units_text: str, field_role: str | None, word: str) -> list[Group]:
    """`配合单位:A,各乡镇落实`: a comma inside a labelled field ends the label's list where the part after it is units
    closed by a role word of their own, so A keeps the label's role and 各乡镇 takes its word's. A 责任单位 field
    is a container whose keywords decide; a word of the label's own role closes one list."""
    role = GRAMMAR.keyword_role[word]
    parts = split_top(units_text, ",")
    listed, own = ",".join(parts[:-1]), parts[-1]
    if field_role in (None, "responsible", role) or not listed or not is_unit_list(own) or not listed_units(listed):
        return [Group(units_text, role, word)]
    return [Group(listed, field_role), Group(own, role, word)]


def _without_convening(units_text: str, groups: list[Group]) -> str:
    """`由A牵头,会同B、C协同推进`: 会同 opening the group after a lead's says A convenes the units after it;
    the word is no part of the first one's name (no place `会同省`). The group keeps its own role word."""
    word = next((w for w in _CONVENES if units_text.startswith(w)), "")
    if word and groups and groups[-1].role == "lead" and GRAMMAR.unit_start_re.match(units_text[len(word):]):
        return units_text[len(word):]
    return units_text


# a body's members' label (成员单位:), a role's only after a role label in the same clause (grammar [member_labels])
_MEMBER_ROLE = {w: role for role, words in GRAMMAR.table["member_labels"].items() for w in words}
_MEMBER_LABEL = re.compile(rf"^({alternation(_MEMBER_ROLE)})[:]")
_LABEL_ROLE = {**_MEMBER_ROLE, **GRAMMAR.label_role}


def _role_word_in_name(chunk: str, pos: int, km: re.Match) -> bool:
    """Is the role word the end of a unit's name (`政协办`: 协办 after 政)? The name's part before it is too short
    to name a unit alone (grammar role_word_name_head_max), and with the word it is a unit's name."""
    head = re.split("[、,]", chunk[pos:km.start()])[-1]
    return 0 < len(head) <= GRAMMAR.units["role_word_name_head_max"] and looks_like_unit(head + km.group(1))


_GLUED_KEYWORD = re.compile(rf"({GRAMMAR.keywords})(?=[^;,。.、:()])")


def _without_run_on_phrase(listed: str) -> str:
    """A label's list up to a role word glued between its last unit and words that are no unit
    (`责任部门:园林局配合做好专项整治工作`, a flattened page's next part heading run on with no break):
    the list stops at that unit; the role word opens the next phrase, it closes no group here."""
    for m in _GLUED_KEYWORD.finditer(listed):
        last_name = re.split("[、,]", listed[: m.start()])[-1]
        rest = listed[m.end():]
        if not depth_at(listed, m.start()) and looks_like_unit(last_name) and not re.search("[、,;。]", rest) \
                and not looks_like_unit(rest) and not GRAMMAR.keyword_re.search(rest):
            return listed[: m.start()]
    return listed


_ROLE_QUALIFIERS = tuple(sorted(GRAMMAR.units["role_word_qualifiers"] + GRAMMAR.units["role_word_adverbs"],
                                 key=len, reverse=True))  # 还将, 要: adverbs before the role word too
_ADVERB_WITHIN = tuple(GRAMMAR.units["role_word_adverbs_within"])


def _without_role_qualifiers(units_text: str) -> str:
    """`A、B按照职责分工分别` before 牵头负责, `A、B等部门还将` before 负责 → `A、B`: how the units share the task
    and when is no part of the last unit's name (grammar role_word_qualifiers, role_word_adverbs), however
    many of those words stand there; a word the adverb ends (`主要`) stays."""
    while (word := next((w for w in _ROLE_QUALIFIERS if units_text.endswith(w)), "")) and len(units_text) > len(word) \
            and not units_text.endswith(_ADVERB_WITHIN):
        units_text = units_text[:-len(word)]
    return units_text


_SUFFIX_ENDS = "".join(sorted({w[-1] for w in GRAMMAR.units["suffixes"]}))
# 县司法局牵头各行政机关负责, A配合B落实: a group's role word after a unit's ending, another unit's opening
# right after it (grammar [units] glued_role_words, traditional spellings too)
_GLUED_WORDS = "|".join(w for w in GRAMMAR.keyword_role
                        if w.translate(GRAMMAR.to_simplified) in GRAMMAR.units["glued_role_words"])
_GLUED_LEAD = re.compile(rf"(?<=[{_SUFFIX_ENDS}])({_GLUED_WORDS})(?={GRAMMAR.unit_start_anywhere_re.pattern})")


def without_officials(body: str) -> str:
    """A clause without its officials and other fields: `责任领导:杜新国;牵头单位:区发改局;完成时限:
    2023年底` → `牵头单位:区发改局`; and without a deadline closing it (`…分别负责,年内持续推进`)."""
    for clean in (without_joined_persons, _without_cut_word, _without_officials_first, _without_qualifier, _without_remarks, _without_deadline):
        body = clean(body)
    if ":" not in body:
        return body
    kept = [part for part in _split_at_fields(body) if not _is_other_field(part.strip(",;"))]
    return ";".join(p.strip(",;") for p in kept)


# a field of no role: an official's, a deadline's (GRAMMAR.field_label_re), a target's (`责任单位:A任务目标:…`), or
# a bare deadline's, a field only inside a clause (`责任单位:A 时间:2022年底`)
_CLAUSE_FIELD_LABELS = alternation(GRAMMAR.layout["target_labels"] + GRAMMAR.layout["clause_deadline_labels"])
_NO_ROLE_FIELD = re.compile(rf"{GRAMMAR.field_label_re.pattern}|(?:{_CLAUSE_FIELD_LABELS})(?=:)")
_CLAUSE_FIELD = re.compile(rf"^(?:{_CLAUSE_FIELD_LABELS}):")


def _split_at_fields(body: str) -> list[str]:
    """`A;B` and `牵头单位:X,完成时限:Y`: a field label opens a part even after a comma."""
    fields = list(_NO_ROLE_FIELD.finditer(body))
    roles = list(GRAMMAR.label_anywhere_re.finditer(body)) if fields else []
    # 牵头领导:谢瑞武,牵头单位:市发改委: a role's label after a field opens a part too; a field's
    # own label opens one even glued to the word before (…各县市党委和政府责任人:…), as a table
    # flattened without separators prints it
    cuts = sorted({m.start() for m in fields if m.start() > 0}
                  | {m.start() for m in roles if m.start() > 0 and body[m.start() - 1] in ",;"})
    return [body[a:b] for a, b in zip([0] + cuts, cuts + [len(body)])] if cuts else split_top(body, ";")


def _is_other_field(part: str) -> bool:
    """An official's, a deadline's or a target's field: it names no unit of the task."""
    return bool(GRAMMAR.person_label_re.match(part) or GRAMMAR.other_label_re.match(part) or _CLAUSE_FIELD.match(part))


def _split_at_labels(chunks: list[str]) -> list[str]:
    """`牵头单位:A,配合单位:B` (or `牵头单位:A 配合单位:B`) has two groups even without a `;`."""
    out = []
    for chunk in chunks:
        start = 0
        for m in GRAMMAR.inner_label_re.finditer(chunk):
            if m.start() > start and depth_at(chunk, m.start()) == 0:
                out.append(chunk[start:m.start()])
                start = m.start(1)
        out.append(chunk[start:])
    return out


def depth_at(text: str, index: int) -> int:
    """How many brackets are open at `index` (0 where the text holds none)."""
    return _depths(text)[index] if _has_brackets(text) else 0


@lru_cache(maxsize=4096)
def _has_brackets(text: str) -> bool:
    return bool(_OPEN_RE.search(text))


@lru_cache(maxsize=4096)
def _depths(text: str) -> tuple[int, ...]:
    """The bracket depth before each character, computed once a text (long run-on lines)."""
    out, depth = [0], 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        out.append(depth)
    return tuple(out)


_LEAD_UNLESS_LED = frozenset(GRAMMAR.table["closing_words"]["lead_unless_led"])


def assign_roles(groups: list[Group], default_role: str | None = None) -> tuple[list[tuple[str, str]], list[str]]:
    """Give every group its role (see the contract's Roles section); return (group roles, warnings)."""
    has_lead = any(g.role == "lead" and g.keyword not in _LEAD_UNLESS_LED for g in groups)
    any_keyword = any(g.role is not None for g in groups)
    roles: list[str] = []
    warnings: list[str] = []
    for i, g in enumerate(groups):
        role = g.role
        if role == "lead" and g.keyword in _LEAD_UNLESS_LED and has_lead:
            role = "support"  # A牵头,B指导: the unit guiding works beside the lead
        elif role == "responsible":
            role = "support" if has_lead else "responsible"
        elif role is None:
            if not any_keyword or all(x.role == "responsible" and not x.keyword for x in groups if x.role):
                role = default_role or "responsible"
            else:
                later = [x.role for x in groups[i + 1:] if x.role]
                earlier = [r for r in roles]
                if not earlier and not has_lead:
                    role = "lead"
                elif "implement" in earlier:
                    role = "implement"
                else:
                    role = "support"
                if later or earlier:
                    warnings.append(f"group '{g.units_text}' has no role word, taken as {role}")
        roles.append(role)
    return [(g.units_text, r) for g, r in zip(groups, roles)], warnings


_KEPT_DUN = "\x00"  # a 、 inside a joined collective, kept through the split


def _kept_dun(m: re.Match) -> str:
    """The 、 (or the comma printed for it) of a joined collective or a name's bracketed list, kept."""
    return re.sub("[、,]", _KEPT_DUN, m.group())


_LEVEL_COMPOUND = re.compile(alternation(GRAMMAR.units["level_compounds"]))


def _attributive_joined_re() -> re.Pattern:
    """`省、中直负有…职责的部门`: levels joined by 、 before one description ending in its organ (grammar
    attributive_levels, attributive_endings): the levels qualify the one description, so one unit."""
    units = GRAMMAR.units
    level = alternation(units["level_words"] + units["attributive_levels"])
    description = rf"[\u4e00-\u9fff]{{2,{units['attributive_max']}}}?(?:{alternation(units['attributive_endings'])})"
    return re.compile(rf"(?:(?<![\u4e00-\u9fff])|(?<=[和及与]))各?(?:{level})(?:、(?:{level}))+{description}")


_ATTRIBUTIVE_JOINED = _attributive_joined_re()


def _with_joined_kept(text: str) -> str:
    """The 、 of every joined collective (`各县、市、区政府`, `省、中直负有…职责的部门`) kept through the split;
    a level word of two characters (`各县、特区、区人民政府`, grammar level_compounds) stands in it as the bare
    level word it ends with, so that the pattern of bare level words reads it too."""
    text = _ATTRIBUTIVE_JOINED.sub(_kept_dun, text)
    compounds = list(_LEVEL_COMPOUND.finditer(text))
    if not compounds:
        return GRAMMAR.joined_collective_re.sub(_kept_dun, text)
    kept = GRAMMAR.joined_collective_re.sub(_kept_dun, _LEVEL_COMPOUND.sub(lambda m: m.group()[-1], text))
    out, at_text, at_kept = [], 0, 0  # the kept copy is the text with each compound one character long
    for m in compounds:
        plain = m.start() - at_text
        out += [kept[at_kept:at_kept + plain], m.group()]
        at_text, at_kept = m.end(), at_kept + plain + 1
    return "".join(out) + kept[at_kept:]


def split_units(text: str) -> list[str]:
    """A list of unit names as printed, in order; 及/和 split only between two units."""
    return list(_split_units(text))


@lru_cache(maxsize=65536)
def _split_units(text: str) -> tuple[str, ...]:
    """A unit list's names, cached: the same lists recur row after row."""
    # a plan names the same units row after row, and its clauses are read twice (is_unit_list, parse_clause)
    names: list[str] = []
    text = _with_joined_kept(GRAMMAR.bracket_list_re.sub(_kept_dun, _NAME_BRACKET.sub(_kept_dun, text)))
    by_function = function_list(text)  # 城建、卫生和交通等部门: departments named by their functions
    for piece in split_top(text, "、,;/"):  # 市发改委/市财政局 as 市发改委、市财政局
        piece = piece.strip().replace(_KEPT_DUN, "、")
        piece = piece.removesuffix(next((r for r in _UNIT_REMARKS if piece.endswith(r)), ""))
        piece = _PLATE_NOTE.sub("", piece) if piece.endswith(")") else piece
        for prefix in GRAMMAR.units["strip_prefixes"]:
            if piece.startswith(prefix) and len(piece) > len(prefix) + 1:
                piece = piece[len(prefix):]
                break
        piece = _DENG_BEFORE_CONJ.sub("", piece)  # 地税局等和各市州人民政府: the 等 closes 地税局
        for part in (p for alt in _split_alternatives(piece) for p in _split_conjunction(alt, by_function)):
            names.extend(_with_collective(part))  # A等省直有关部门和B: both parts, then the 等
    return tuple(n for n in names if n and n not in _NEVER_UNITS)


_NEVER_UNITS = frozenset(GRAMMAR.units["never_units"])


def _name_bracket_re() -> re.Pattern:
    """A short bracket glued inside a name (`各县<市、区>人民政府`, grammar [units] name_brackets): the
    name's places, as `(市、区)` is; a character of the name on each side, so a lone `<` is none."""
    body = rf"[\u4e00-\u9fff、,]{{1,{GRAMMAR.units['name_bracket_max']}}}"
    pairs = "|".join(re.escape(o) + body + re.escape(c) for o, c in GRAMMAR.units["name_brackets"])
    return re.compile(rf"(?<=[\u4e00-\u9fff])(?:{pairs})(?=[\u4e00-\u9fff])")


_NAME_BRACKET = _name_bracket_re()
_NAME_OPENERS = tuple(o for o, _ in GRAMMAR.units["name_brackets"])


def without_name_brackets(name: str) -> str:
    """The name with its bracketed places set aside, so that their `<>` read as no broken input."""
    return _NAME_BRACKET.sub("", name) if any(o in name for o in _NAME_OPENERS) else name


def units_spaced_apart(raw: str) -> str:
    """`市发改委 市财政局 统计局`: PDF and Excel exports part a list's units by spaces, which
    normalisation removes; a space between two whole units becomes the 、 it stands for, so
    that the names are not read glued. Not where the right-hand name is an organ of the place
    before it (各县(市、区) 人民政府 is one collective) nor inside a word (县交通 运输局)."""
    if " " not in raw and "\u3000" not in raw:
        return raw
    return _SPACED_PAIR.sub(lambda m: "、" if _parted_units(m.string[: m.start()], m.string[m.end():]) else m.group(), raw)


_SPACED_PAIR = re.compile(r"(?<=[\u4e00-\u9fff)])[ \u3000]+(?=[\u4e00-\u9fff])")
_LEFT_NAME = re.compile(r"[^\s:;,、。()]+(?:\([^()]*\))?$")
_RIGHT_NAME = re.compile(r"^(?:[^\s:;,、。()]|\([^()]*\))+")  # 市财政(地税)局
_RIGHT_SPAN = 80  # the right-hand name and the mark after it lie within this many characters


def _parted_units(before: str, after: str) -> bool:
    # 地税局等和各市、县人民政府: the 、 of a joined collective does not part the list from a cell
    after = _with_joined_kept(after[:_RIGHT_SPAN])
    left, right = _LEFT_NAME.search(before), _RIGHT_NAME.match(after)
    if not (left and right and looks_like_unit(left.group())) or right.group().startswith(_BARE_ORGANS):
        return False
    if _office_inside(left.group(), right.group()):
        return False
    if _in_a_list(before[: left.start()], after[right.end():]):
        return False  # 区发改委 区工信局、区住建局: a list that parts its units by 、 is parted by a space from another cell
    first = _spaced_unit(_without_glued_label(after, right.end()))
    # 责任单位 或牵头单位: a table's header spaced out, no units
    return bool(first) and not GRAMMAR.header_re.search(left.group() + " " + first)


def _office_inside(left: str, right: str) -> bool:
    """Whether the name right of a space is an office inside the unit left of it (`区民政局 养老服务科`:
    a 负责科室 cell after its 牵头单位 cell): an internal office's ending and no place's prefix after a
    unit printed with one. A list's partner is a unit of its own; the office is no partner."""
    return (right.endswith(_INTERNAL_OFFICE_ENDINGS) and not _PLACE_PREFIX.match(right)
            and bool(_PLACE_PREFIX.match(left)) and not left.startswith(_FALSE_PREFIXES))


_INTERNAL_OFFICE_ENDINGS = tuple(GRAMMAR.units["internal_office_endings"])
_FALSE_PREFIXES = tuple(GRAMMAR.meta["false_prefixes"])  # 市场监管局 opens with no place's prefix


def _in_a_list(left_of: str, right_of: str) -> bool:
    """Whether the name left of a space closes a list or the name right of it opens one, the space
    then parting two cells: after or before a `、`; or a `,` list of units' names that stands as a
    cell of its own (`审批。 县发改委,行政审批局 县有关部门` / `增长。 区发改委 区工信局,区住建局`: a
    mirror that writes each 、 as a comma, a table run onto one line). Not a label's list that
    parts its names by spaces and commas both (`责任单位:区林水局 城管局 财政局,各街道`,
    `…等相关单位,各区县政府 新区管委会`)."""
    if left_of.endswith("、") or right_of.startswith("、"):
        return True
    if left_of.endswith(","):
        head, run = _LAST_RUN.match(left_of[:-1]).groups()
        return _lone_cell(head) and all(map(looks_like_unit, run.split(",")))
    after = _RIGHT_NAME.match(right_of[1:]) if right_of.startswith(",") else None
    return bool(after) and looks_like_unit(after.group()) and _lone_cell(left_of)


def _lone_cell(left_of: str) -> bool:
    """Whether a name stands as a cell of its own: at the start or after a space, with no unit's
    name before that space (`城管局 财政局` is a list spaced out, not two cells)."""
    if left_of and not left_of[-1].isspace():
        return False
    name = _LEFT_NAME.search(left_of.rstrip())
    return not (name and looks_like_unit(name.group()))


_LAST_RUN = re.compile(r"(.*?)([^\s:;。()]*)$", re.S)  # the text after a line's last space


def _without_glued_label(after: str, end: int) -> str:
    """The right-hand name without the next list's label glued to it (`城管局 卫健局配合单位:…`: the
    label opens the next list, and 单位 would make the whole token a unit)."""
    label = GRAMMAR.label_anywhere_re.search(after, 1, end + 1)
    return after[: label.start()] if label and label.group().endswith(":") else after[:end]


def _spaced_unit(token: str) -> str | None:
    """The unit a spaced-apart token is: the whole token, or a unit its role keyword closes
    (区人社局牵头). Not a unit that merely opens a sentence (`负责组织…事件处理的方案` ends a prefix in
    处, `加强与市卫生局等…` in 局): on a page run onto one line that is a unit's duty beside it.
    The 等 closing a list (`物价局等。`, `地税局等和各市人民政府`) ends the unit too."""
    return next((token[: m.end()] for m in _ANY_SUFFIX.finditer(token)
                 if looks_like_unit(token[: m.end()]) and not GRAMMAR.not_in_names_re.search(token[: m.end()])
                 and (m.end() == len(token) or GRAMMAR.keyword_re.match(token, m.end())
                      or token[m.end():] == "等" or _DENG_BEFORE_CONJ.match(token, m.end()))), None)
_DENG_BEFORE_CONJ = re.compile(r"等(?=(?:以及|和|及|与)[各省市县区州])")


def _with_collective(piece: str) -> list[str]:
    """`A等有关部门` → A and the collective; `A、B等部门` and `A等` → A alone."""
    m = GRAMMAR.collective_re.search(piece)
    tail = None
    if m and m.start() > 0:
        tail, piece = m.group(1), piece[: m.start()]
    elif piece.endswith("等") and len(piece) > 2:
        piece = piece[:-1]
    names = list(_split_glued(piece))
    if tail and _COUNTED.sub("", tail) not in GRAMMAR.units["closing_only"]:
        names.append(tail)
    return names


_COUNTED = re.compile(r"^[\d一二三四五六七八九十两]+个?")  # A、B等8部门, 等十个单位: a count closes the list too


_CONJ = re.compile(r"以及|及|和|与")


# an organ named bare after 和 belongs to the place before it: 各县党委和人民政府, 高新区党工委和管委会
_BARE_ORGANS = tuple(GRAMMAR.units["organ_suffixes"] + GRAMMAR.units["bare_organs"])
_CONJOINED_ENDINGS = tuple(GRAMMAR.units["conjoined_endings"] + GRAMMAR.units["conjoined_zone_endings"])
# a mass organisation named whole and short (工会, 妇联, 残联: grammar short_names) is a unit of its own before 和
_SHORT_NAMES = frozenset(GRAMMAR.units["short_names"])


_DIVISION_UNIT_ENDINGS = tuple(GRAMMAR.units["conjoined_division_endings"])


def _parallel_divisions(left: str, right: str) -> bool:
    """`环境监测处和农村环境监督管理处`: a department's internal divisions joined by 和, both named with
    the same ending, are two units (though 处 alone ends phrases too: 市场运行和消费促进处 is one)."""
    ending = next((e for e in _DIVISION_UNIT_ENDINGS if left.endswith(e)), "")
    return bool(ending) and len(left) >= 3 and right.removesuffix("等").endswith(ending)


_ALTERNATIVE = re.compile(alternation(GRAMMAR.units["alternative_separators"]))


def _split_alternatives(piece: str) -> list[str]:
    """`平台公司或项目建设单位`: units offered one or the other are each a unit of the list, but only where
    every part is unit-shaped, for 或 stands inside phrases too (`检测或评估中心`)."""
    cuts = [m for m in _ALTERNATIVE.finditer(piece) if not depth_at(piece, m.start())]
    if not cuts:
        return [piece]
    bounds = [0] + [x for m in cuts for x in (m.start(), m.end())] + [len(piece)]
    parts = [piece[a:b] for a, b in zip(bounds[::2], bounds[1::2])]
    return parts if all(looks_like_unit(p.removesuffix("等")) for p in parts) else [piece]


def _split_conjunction(piece: str, by_function: bool = False) -> list[str]:
    """A piece's names parted at 及/和 where both sides are units (`by_function`: the list names its
    departments by their functions, `卫生和交通等部门`)."""
    for m in _CONJ.finditer(piece):
        if depth_at(piece, m.start()) != 0:
            continue
        left, right = piece[: m.start()], piece[m.end():]
        if by_function and _joined_functions(left, m.group(), right):
            return [left] + _split_conjunction(right, by_function)
        opens_unit = GRAMMAR.unit_start_re.match(right) or (
            (len(left) >= 3 and left.endswith(_CONJOINED_ENDINGS) or left in _SHORT_NAMES)  # 残联和老龄委
            and not right.startswith(_BARE_ORGANS))
        if looks_like_unit(left) and (opens_unit or _parallel_divisions(left, right)):  # 环保厅和内蒙古电力监管办
            rest = _split_conjunction(right)
            rest_closed = [x.removesuffix("等") for x in rest]  # 指挥部办公室和市卫生健康委等: the 等 closes the list
            if all(looks_like_unit(x) and (len(x) >= 3 or x in _SHORT_NAMES) for x in rest_closed):  # not 县有关部门和单位
                return [left] + rest
    return [piece]


_JOINED_FUNCTION = re.compile(rf"[\u4e00-\u9fff]{{2,{GRAMMAR.units['conjoined_function_max']}}}")


def _joined_functions(left: str, conj: str, right: str) -> bool:
    """`卫生和交通(等部门)`: two functions' names joined, each short and bare (no place opening it, no organ's
    ending: `县教育和体育局` is one bureau), together no function's own name (住房和城乡建设, 文化和旅游)."""
    right_name = right.split("等", 1)[0]
    bare = all(_JOINED_FUNCTION.fullmatch(name) and not GRAMMAR.unit_start_re.match(name)
               and not GRAMMAR.unit_suffix_re.search(name) for name in (left, right_name))
    return conj == "和" and bare and not is_function_stem(f"{left}{conj}{right_name}")


# the prefixes that open a government's unit (省, 市, 县 …: grammar [meta] unit_prefixes)
_PLACE_PREFIX = re.compile("|".join(map(re.escape, sorted(GRAMMAR.meta["unit_prefixes"], key=len, reverse=True))))


def _split_glued(piece: str) -> list[str]:
    """Two units whose separating space normalisation removed (`市规划局 市建设局`): split where
    a unit of four characters or more ends and another opens with a government's prefix
    (not 有关/各, which qualify the unit before them: 省安委会有关成员单位)."""
    described = next((d for d in _DESCRIPTORS if d in piece[:-3]), None)
    if described:  # 包片单位县气象局: the words before the name say what it is to the place
        return _split_glued(piece[piece.index(described) + len(described):])
    if len(piece) < 8 or "(" in piece:
        return [piece]
    run = _run_of_units(piece) if len(piece) >= _RUN_MIN else [piece]
    if len(run) > 1:
        return run
    for m in _PLACE_PREFIX.finditer(piece, 4):
        left, right = piece[: m.start()], piece[m.start():]
        if (len(right) >= 4 and looks_like_unit(left) and GRAMMAR.unit_suffix_re.search(left)
                and looks_like_unit(right) and left not in _BRANCH_HEADS and not _inside_area_word(piece, m.start())):
            return [left] + _split_glued(right)
    return [piece]


def _inside_area_word(piece: str, at: int) -> bool:
    """Does a word that ends like a place but names none (社区, 园区, 小区: grammar `[meta] not_places`)
    run across `at`? Its level character is no government's prefix: `县城东社区管委会` is one unit,
    not `县城东社` + `区管委会`."""
    return any(piece.startswith(word, start) for word in _NOT_PLACES
               for start in range(max(0, at - len(word) + 1), at))


_NOT_PLACES = tuple(GRAMMAR.meta["not_places"])


_RUN_MIN = GRAMMAR.units["glued_run_min"]
_DESCRIPTORS = tuple(GRAMMAR.units["unit_descriptors"])


def _run_of_units(piece: str) -> list[str]:
    """A long cell of units printed with nothing between them (`区文广旅游体育局湘湖国家旅游度假区
    瓜沥镇临浦镇`): cut after every unit's ending where each piece is a unit of three characters or
    more, three pieces at least; otherwise the name as printed (市公安局交警支队 is one unit)."""
    ends = sorted({m.end() for m in _ANY_SUFFIX.finditer(piece)})
    best: dict[int, list[str] | None] = {0: []}
    for end in ends:  # best[end]: the most pieces that cut piece[:end] into units
        options = [best[start] + [piece[start:end]] for start in best
                   if best[start] is not None and end - start >= 3 and _whole_unit(piece[start:end])]
        best[end] = max(options, key=len) if options else None
    pieces = best.get(len(piece))
    return pieces if pieces and len(pieces) >= 3 else [piece]


def _whole_unit(name: str) -> bool:
    """A unit of its own inside a run: not a system's head its branch follows (中国人民银行…支行),
    not opened by another unit's ending of two characters or more (支行营业管理部; 所前镇 is a town);
    opened by a government's prefix (区委宣传部) or a place itself (瓜沥镇, 湘湖国家旅游度假区), so
    that 省…部门联席会议成员单位 is never cut."""
    return (looks_like_unit(name) and name not in _BRANCH_HEADS and not _LONG_SUFFIX.match(name)
            and bool(GRAMMAR.unit_start_re.match(name) or name.endswith(_RUN_PLACE_ENDINGS)))


_RUN_PLACE_ENDINGS = tuple(GRAMMAR.units["run_place_endings"])
_LONG_SUFFIX = re.compile("|".join(map(re.escape, [w for w in GRAMMAR.units["suffixes"] if len(w) >= 2])))
_ANY_SUFFIX = re.compile(f"(?:{'|'.join(map(re.escape, sorted(GRAMMAR.units['suffixes'], key=len, reverse=True)))})")


_BRANCH_HEADS = frozenset(GRAMMAR.units["branch_heads"])
_UNIT_REMARKS = tuple(GRAMMAR.units["unit_remarks"])
_PLATE_NOTE = re.compile(GRAMMAR.units["plate_note"])  # 值班信息科(加挂市政府总值班室牌子)
_PAREN = re.compile(r"\([^()]*\)")
# a deadline: 2023年底前, 2024年6月底前, 2023—2025年, 6月底完成, 长期坚持 (grammar [columns] time_phrases)
_DATE = r"(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|末|中旬|上旬|下旬)?(?:前|以前|之前)?"
_TIME_PHRASE = "|".join(re.escape(w) for w in sorted(GRAMMAR.columns["time_phrases"], key=len, reverse=True))
_WHOLE_TIME_CELL = re.compile(rf"(?:(?:\d{{4}}年?[—\-至~])?{_DATE})?(?:{_TIME_PHRASE})*")


_DEADLINE = re.compile(
    rf"(?:{_DATE}|{'|'.join(map(re.escape, GRAMMAR.columns['deadline_times']))})+"
    rf"(?:{'|'.join(map(re.escape, GRAMMAR.columns['deadline_verbs']))})*")


_DATED = re.compile(rf"^(?:\d{{4}}年|\d{{1,2}}月|{'|'.join(re.escape(w) for w in GRAMMAR.columns['deadline_times'] if len(w) > 1)})")


_YEAR_MONTH = re.compile(r"^\d{4}年\d{1,2}月")


def is_deadline(text: str) -> bool:
    """A deadline closing a clause: a 完成时限 cell, or 年内持续推进, 2024年底前完成, 长期坚持, or a
    short phrase that opens with a date (6月底前出台相关措施): no unit's name begins so."""
    return bool(text) and (is_time_cell(text) or _DEADLINE.fullmatch(text) is not None
                           or (len(text) <= 20 and _DATED.match(text) is not None)
                           or _YEAR_MONTH.match(text) is not None)  # 2021年2月公布预算信息,2021年8月…


_STANDING_CUES = tuple(GRAMMAR.table["conventions"]["standing_cues"])
# a standing sentence run on after the units with a comma (…,以下均需各县市区落实,不再逐一列出): from
# 以下…均 to the sentence's end, its cue perhaps cut off with the page
_STANDING_TAIL = re.compile(r"[,;](?:以下|下列|今后|其余)(?:各项|各|所有)?(?:工作|任务|事项)?均[^。;]*")


# 分管副省长、协管副秘书长负责,省发改委牵头,…: officials named by their titles first, no units
_OFFICIALS_FIRST = re.compile(
    rf"(?:[\u4e00-\u9fff]{{0,4}}?(?:{'|'.join(map(re.escape, GRAMMAR.table['persons']['titles']))})、?)+"
    rf"(?:负责|牵头|分管|主抓|协管)?[,;]")
_TITLE_ENDS = frozenset(t[-1] for t in GRAMMAR.table["persons"]["titles"])
# The words a role word opens with, as a page cut inside one leaves them (…总队等按职责分): no unit
_CUT_WORDS = frozenset(w[:k] for w in GRAMMAR.keyword_role for k in range(2, len(w)))


def _without_officials_first(body: str) -> str:
    """A clause without the officials it names by title before its units, after its label if any."""
    if not _TITLE_ENDS.intersection(body[:60]):
        return body  # no official's title near the start (a cheap test before the pattern)
    label = GRAMMAR.label_re.match(body)  # 任务分工:张某某副省长负责,省粮食局总牵头
    start = label.end() if label else 0
    m = _OFFICIALS_FIRST.match(body, start)
    return body[:start] + body[m.end():] if m and m.end() < len(body) else body


_PERSONS = GRAMMAR.table["persons"]
_JOINERS = frozenset("".join(_PERSONS["label_joiners"]))
_JOINED_PERSONS = re.compile(rf"((?:{GRAMMAR.labels}))(?:{alternation(_PERSONS['label_joiners'])})"
                             rf"(?:{alternation(_PERSONS['joined_to_label'])})(?=[:])")


def without_joined_persons(body: str) -> str:
    """`责任单位及责任人:A、B主要领导` → `责任单位:A、B主要领导`: a role label joined to a persons' word
    still labels the role's units; left whole, its persons' word would cut the list off as an official's field."""
    return _JOINED_PERSONS.sub(r"\1", body) if ":" in body and _JOINERS.intersection(body) else body


def _without_cut_word(body: str) -> str:
    """A clause the page's end cut inside its last role word, without that word's first part."""
    for k in range(min(6, len(body) - 1), 1, -1):
        if body[-k:] in _CUT_WORDS and body[-k:] not in GRAMMAR.keyword_role:
            return body[:-k].removesuffix("等")
    return body


def _without_qualifier(body: str) -> str:
    """A clause opened by a short remark before its first label (`预期性指标,牵头单位:…`); not by a
    group its role word closes (`区发改局牵头;责任单位:…`: the keyword form of a lead's label)."""
    m = GRAMMAR.label_anywhere_re.search(body)
    before = body[: m.start() - 1] if m else ""
    if m and 0 < m.start() <= 10 and body[m.start() - 1] in ",;" and not re.search(r"[,;:()]", before) \
            and not GRAMMAR.keyword_re.search(before):
        return body[m.start():]
    return body


def _without_remarks(body: str) -> str:
    """A clause without the sentences in it that assign nothing to this task: no role word, no
    label, not a list of units (`…按职责分工负责。具体任务均涉及相关州(市)人民政府,不再做分工`), or a
    word of a standing rule (`以下各项工作均需各县区政府落实,不再列出`)."""
    body = _STANDING_TAIL.sub("", body)  # …,以下均需各县市区落实,不再逐一列出
    sentences = [kept for x in split_top(body, "。") if x and (kept := _without_rule(x))]
    body = "。".join(sentences) if sentences else body
    if len(sentences) < 2:
        return body
    kept = [x for x in sentences if not any(cue in x for cue in _STANDING_CUES) and (
        GRAMMAR.label_anywhere_re.search(x) or re.search(GRAMMAR.keywords, x) or is_unit_list(x))]
    return "。".join(kept) if kept else body


_RULE_CUE = re.compile("|".join(GRAMMAR.table["conventions"]["rule_cues"]))


def _without_rule(sentence: str) -> str:
    """A clause's sentence up to the rule it states for every list (`未明确牵头单位的,由所列负责单位按职责
    分工负责,下同`): a rule speaks of lists, it names no unit; the words before it stay (`A、B负责,下同`)."""
    cue = next((m for m in _RULE_CUE.finditer(sentence) if not depth_at(sentence, m.start())), None)
    if cue is None:
        return sentence
    return sentence[: max(sentence.rfind(",", 0, cue.start()), sentence.rfind(";", 0, cue.start()), 0)]


def _without_deadline(body: str) -> str:
    """The clause without the deadlines that close it (`A牵头,B负责,2024年底前完成`)."""
    while True:
        cut = max(body.rfind(","), body.rfind(";"))
        if cut <= 0 or not is_deadline(body[cut + 1:].rstrip("。.")):
            return body
        body = body[:cut]


@lru_cache(maxsize=65536)
def is_time_cell(text: str) -> bool:
    """A whole 完成时限 cell: a date, a span of years, a phrase such as 长期坚持, or a date and a phrase.

    Stricter than _TIME_CELL (a cell that merely mentions a time), as it must tell where a
    run-on row's time cell ends.
    """
    return bool(text) and _WHOLE_TIME_CELL.fullmatch(text) is not None


_PERSON_NOUNS = tuple(GRAMMAR.table["persons"]["nouns"])
_PLACE_NOUNS = tuple(GRAMMAR.units["not_unit_endings"])


@lru_cache(maxsize=65536)
def looks_like_unit(name: str) -> bool:
    """A unit name by its shape: a known ending (局, 委, 政府 …) or a collective (各县区)."""
    if not name or len(name) > 40:
        return False
    bare = _PAREN.sub("", _unmark(name)) if _marked_lead(name) else _PAREN.sub("", name)
    if len(bare) < 2 or bare.endswith(_PERSON_NOUNS) or bare.endswith(_PLACE_NOUNS):
        return False  # 村干部: a person, though 部 ends units' names; 农村用户厕所: a place, though 所 does
    if GRAMMAR.places_collective_re.fullmatch(bare):
        return True  # 相关街道板块: the streets and zones concerned
    if bare.startswith("各") and (len(bare) >= 3 or bare[1:] in GRAMMAR.units["level_words"]):
        return _each_collective(bare)  # 各县区, 各乡镇(街道); 各镇; not 各区县做好…的技术, 各方
    if bare in GRAMMAR.units["collectives"] or bare in GRAMMAR.units["short_names"]:
        return True
    return len(bare) >= 3 and bool(GRAMMAR.unit_suffix_re.search(bare))


# The kinds of unit a `各` collective may end in: a level (各县区, 各镇), townships or schools (各乡镇, 各学校),
# departments or units (各部门, 各成员单位), a short name (各村), the grammar's own each_kinds; or any unit's ending.
_EACH_KINDS = tuple(GRAMMAR.units["level_words"] + GRAMMAR.units["level_compounds"] + GRAMMAR.units["after_each"]
                    + GRAMMAR.units["after_each_schools"] + GRAMMAR.units["collectives"]
                    + GRAMMAR.units["short_names"] + GRAMMAR.units["each_kinds"])
_ROLE_CLOSING = re.compile(rf"(?:{GRAMMAR.keywords})$")


def _each_collective(bare: str) -> bool:
    """Is `各…` a unit? Only when it ends in a unit's kind, before any role word closing it (各股室配合):
    `各方`, `各界`, `各方面` name everyone and no body, so a role word after them and an adverb
    (`动员各方共同参与`) is a verb; a phrase's word inside (`各区县做好…`) is no name."""
    own = _ROLE_CLOSING.sub("", bare)
    kind = own.endswith(_EACH_KINDS) or GRAMMAR.unit_suffix_re.search(own) is not None
    return kind and not GRAMMAR.not_in_names_re.search(bare)


@lru_cache(maxsize=65536)
def is_unit_list(text: str) -> bool:
    """True when a line or cell is nothing but units and role words (a table's unit cell)."""
    if not text or text.endswith("。") or len(text) > 400:
        return False
    groups = split_groups(text)
    if not groups:
        return False
    # 越秀区(配合), 县级市(配合): a unit marked as supporting is read without its mark
    names = [n.removesuffix(_support_mark(n)) for g in groups for n in split_units(g.units_text)]
    return bool(names) and (all(looks_like_unit(n) or county_division(n) for n in names) or _after_each(names)
                            or all(function_list(g.units_text) for g in groups))



def listed_units(text: str) -> bool:
    """A list of units alone, parted by 、 or by the commas a page prints for it (`A,B,C`): every
    piece a unit and no role word among them, for a clause's groups are parted by commas too
    (`A牵头,B配合`)."""
    if "," not in text:
        return is_unit_list(text)
    return not GRAMMAR.keyword_re.search(text) and all(is_unit_list(piece) for piece in text.split(","))

_PIECE = re.compile(r"[^,;。:]+")


@lru_cache(maxsize=16384)
def commas_as_dun(text: str) -> str:
    """`A,B,C牵头,D配合`: the commas a page prints for a unit list's 、 read as 、 (`A、B、C牵头,D配合`), so
    that a reader taking a list reads it as printed either way: a comma parts two units where the
    words before it since the last role word (or list opening) are units alone and the piece after
    it is units (with its role word); not where a role word closes the piece before (`A牵头,B配合`).
    The same length as `text`, so positions stay its."""
    if "," not in text:
        return text
    chars = list(text)
    pieces = list(_PIECE.finditer(text))
    for left, right in zip(pieces, pieces[1:]):
        if text[left.end()] == "," and _ends_in_units(left.group()) and is_unit_list(right.group().strip()):
            chars[left.end()] = "、"
    return "".join(chars)


def _ends_in_units(piece: str) -> bool:
    """Are the words after a piece's last role word (all of it, with none) units alone?"""
    last = None
    for last in GRAMMAR.keyword_re.finditer(piece):
        pass
    tail = piece[last.end():].lstrip("、") if last else piece
    return bool(tail.strip()) and not GRAMMAR.keyword_re.search(tail) and is_unit_list(tail.strip())


# departments named by their functions, closed by 部门 (`市科技、财政、统计…等部门`, `交通、公安部门`; the
# comma a page prints for 、 too, but one mark throughout: `各乡镇党委、政府,街道党工委、办事处,区级各有关部门`
# mixes them, a notice's addressees in groups); parted by commas, the list is closed by 等 or
# its names are short (交通,公安部门), never by 各 (`坚持问题导向,压实各部门` is a sentence, not a list)
_FUNCTION = rf"[\u4e00-\u9fff]{{2,{GRAMMAR.units['function_name_max']}}}"
_SHORT_FUNCTION = r"[\u4e00-\u9fff]{2,4}"
_FUNCTION_LIST = re.compile(rf"^(?:{_FUNCTION}(?:(?:、{_FUNCTION})+(?:等)?|(?:,{_FUNCTION})+等)"
                            rf"|{_SHORT_FUNCTION}(?:,{_SHORT_FUNCTION})+(?<!各))(?:有关|相关)?部门$")


def function_list(text: str) -> bool:
    """`市科技、财政、统计、规划…等部门`: departments named by their functions, two at least, the list
    closed by (等)部门; each a unit as printed."""
    return bool(_FUNCTION_LIST.match(text)) and not GRAMMAR.not_in_names_re.search(text)


def county_division(name: str) -> bool:
    """A county-level division named alone among units (黄埔区、南沙区政府): its government. Full
    names only (黄埔区, not 黄埔), as the gazetteer knows them, in simplified or traditional
    characters (堯都區: a mirror's copy names the same district)."""
    return 3 <= len(name) <= 6 and name.endswith(_DIVISION_ENDINGS) and bool(candidates(simplified(name), "county"))


_DIVISION_ENDINGS = tuple(GRAMMAR.units["division_endings"])


_AFTER_EACH = frozenset(GRAMMAR.units["after_each"] + GRAMMAR.units["after_each_schools"])


def _after_each(names: list[str]) -> bool:
    """Every name a unit, `镇街` in `各平台、镇街` too: a collective of townships or streets after a
    各 part of its list."""
    return all(looks_like_unit(n) or (n in _AFTER_EACH and any(m.startswith("各") for m in names[:k]))
               for k, n in enumerate(names))


@lru_cache(maxsize=65536)
def is_clause(text: str) -> bool:
    """Does a parenthesised remark assign responsibility? `(责任单位:…)`, `(A牵头,B配合)`, `(各市州政府负责)`."""
    body = without_officials(strip_wrapping(text))
    if not body:
        return False
    if GRAMMAR.label_re.match(body):
        return True
    if text.strip()[:1] in GRAMMAR.openers and _LABEL_AFTER_SENTENCE.search(body):
        return True  # 〔A、B按职责分工负责。责任单位:C、D。〕: a bracket whose second sentence is a label's
    groups = split_groups(body)
    if not groups or not any(g.keyword for g in groups):
        return cut_unit_list(text)
    last = body.rstrip("。.;,")
    ends_with_role = GRAMMAR.keyword_re.search(last) and any(last.endswith(g.keyword or "\0") for g in groups)
    if not ends_with_role and not _cut_open(text.strip()):
        return False
    # 市科技、财政…等部门协同: departments named by their functions are units as printed, in any group
    # (`A牵头,发改、卫生等部门配合`)
    names = [(n, function_list(g.units_text)) for g in groups if g.units_text for n in split_units(g.units_text)]
    return bool(names) and sum(by_function or looks_like_unit(n) for n, by_function in names) >= max(1, len(names) * 0.6)


_LABEL_AFTER_SENTENCE = re.compile(rf"。{GRAMMAR.label_anywhere_re.pattern}")


def _cut_open(text: str) -> bool:
    """A bracket the text opens and the page's end never closes: its last group may lack its role word."""
    return text[:1] in GRAMMAR.openers and text[-1:] not in GRAMMAR.closers


def cut_unit_list(text: str) -> bool:
    """`(市科技局、市发展改革委、市`: a bracket the page's end cuts inside a list of units before any
    role word: units (responsible), every name but the cut last one a unit's, two at least."""
    text = text.strip()
    if not _cut_open(text) or "、" not in text or GRAMMAR.keyword_re.search(text):
        return False
    names = text[1:].split("、")
    return len(names) >= 3 and all(looks_like_unit(n) for n in names[:-1])


def parse_clause(text: str, default_role: str | None = None) -> tuple[list[Responsibility], list[str]]:
    """A clause → responsibilities in order of appearance, and warnings about implied roles."""
    if cut_unit_list(text) and not looks_like_unit(text[text.rfind("、") + 1:].strip()):
        text = text[:text.rfind("、")]  # (A、B、人民: the page cut the last name before its ending
    pairs, warnings = _parse_clause(text, default_role)
    return [Responsibility(unit, role) for unit, role in pairs], list(warnings)


def assigning_sentence(text: str) -> str | None:
    """`由A会同B、C等部门研究提出落实意见` → `A牵头;B、C等部门配合`; `由A、B负责,有关部门配合` → `A、B负责,
    有关部门配合`: a sentence that gives a task to units, in the clause grammar; None when it is not one."""
    if (requested := requested_clause(text)) and requested[1] == len(text):
        return requested[0]  # 请A牵头,B配合 (minutes)
    text = without_named_official(text)
    if given := _given_by_verb(text):
        return given
    convening = convening_sentence(text) if text.startswith(_OPENER) else None
    if convening and _convened_work(text, convening[1]):
        return None  # 由A会同B开展项目谋划: the work after B's list is the task's text (_convening_part), no clause
    return convening[0] if convening else None  # 由A会同B负责: 会同 gives the work, whatever the verb


def _given_by_verb(text: str) -> str | None:
    """`由A、B负责,C配合`, `由A会同B研究提出…`: a `由` sentence whose units are followed by an assigning verb
    ([units] assigning_verbs), in the clause grammar; None when no such verb follows them."""
    m = _ASSIGNING.match(text)
    if not m:
        return None
    units, rest = m.group(1), text[m.end(1):]
    convener, others = units, ""
    for word in _CONVENES:
        if word in units:
            convener, _, others = units.partition(word)
            break
    if not (is_unit_list(convener) or _closing_parties(text, convener)) or (
            others and not is_unit_list(_strip_deng(others))):
        return None
    if others:
        return f"{convener}牵头;{others}配合"
    tail = rest.split(",", 1)[1] if "," in rest else ""
    verb = _assigned_verb(rest)
    said = re.match(GRAMMAR.keywords, rest)  # the verb as printed (負責 too)
    if said and not (tail and is_clause(tail)) and (group := _next_group(rest, said.end())):
        tail = rest[group[0]:group[1]]  # 由A负责、B配合做好…, 由A负责B配合…
    elif said and tail and not is_clause(tail) and rest[said.end():said.end() + 1] == "," \
            and (convened := convened_units(tail)):
        tail = f"{convened[0]}配合"  # 由A牵头,组织B、C等部门…: B and C support
    if tail and not is_clause(tail) and (doers := _next_doers(tail)):
        return f"{convener}{verb},{doers}负责"  # 由A、B提出…,C制定方案并组织实施: C's part of the work
    return f"{convener}{verb}" + (f",{tail}" if tail and is_clause(tail) else "")


def _next_doers(tail: str) -> str | None:
    """The units opening the part after a `由A…` sentence's comma with a verb that gives work
    (`由A提出意见,B制定方案并组织实施`): they do that part of the task, responsible; None where the
    part opens otherwise (`市政府同意后…`) or holds a lead's or support's word (`B做好配合`: the clause grammar's)."""
    m = _ASSIGNING.match(_OPENER + tail)
    if not m or _SHARING_WORD.search(tail) or not is_unit_list(m.group(1)):
        return None
    return m.group(1)


_OPENER = GRAMMAR.units["assigning_opener"]
_SHARING_WORD = re.compile(alternation(GRAMMAR.table["keywords"]["lead"] + GRAMMAR.table["keywords"]["support"]))


# An implement word closing its part of a `由` sentence, perhaps after an adverb: the grammar's one
# implement list ([keywords] implement), so `由A负责落实。` reads as `(A负责落实)` does.
_CLOSING_IMPLEMENT = re.compile(rf"(?:{'|'.join(map(re.escape, GRAMMAR.units['assigning_adverbs']))})?"
                                rf"({alternation(GRAMMAR.table['keywords']['implement'])})(?=[,;。]|$)")


def _assigned_verb(rest: str) -> str:
    """The role word a `由A…` sentence gives A in the clause grammar: a lead's word as printed (牵头, 承办);
    an implement word closing its part of the sentence (`由各县区人民政府落实。`, `由A、B负责落实。`), so that
    it reads as the same list in a bracket or a clause does; else 负责 (responsible: `由A负责。`)."""
    lead = next((w for w in GRAMMAR.table["keywords"]["lead"] if rest.startswith(w)), None)
    implement = _CLOSING_IMPLEMENT.match(rest)
    return lead or (implement.group(1) if implement else "负责")


_CONVENED = re.compile(rf"(?:{'|'.join(map(re.escape, GRAMMAR.units['convened_by_lead']))})")
# `…等部门`, `…等相关单位`: the collective words that close a list (grammar units.collectives)
_COLLECTIVES = "|".join(map(re.escape, sorted(GRAMMAR.units["collectives"], key=len, reverse=True)))
_CONVENED_DENG = re.compile(rf"等(?:{_COLLECTIVES})")


def _closed_by_deng(text: str, start: int) -> tuple[str, int] | None:
    """`组织A、B等部门…`, the page's 、 printed as commas too (`组织教育,公安,城管等部门…`): a list of units
    from `start` closed by `等部门` within the sentence part (before `;。:`), no role word in it; the
    list and where it ends, or None."""
    stop = min((i for i in (text.find(c, start) for c in ";。:") if i >= 0), default=len(text))
    deng = _CONVENED_DENG.search(text, start, stop)
    names = text[start:deng.end()] if deng else ""
    if names and is_unit_list(names) and ("," not in names or not GRAMMAR.keyword_re.search(names)):
        return names, deng.end()
    return None


_CHARGED_VERB = re.compile(alternation(w for w, role in GRAMMAR.keyword_role.items() if role == "responsible"))
_CONVENES = tuple(GRAMMAR.units["convenes"])


def charged_convening(duty: str) -> tuple[str, str] | None:
    """`负责会同B…` opening a unit's duty: (its role word, the units it convenes), read the same by the prose
    and the duty readers: a unit charged with work that convenes others leads it and they support, as
    `由A会同B负责` says; None where the duty convenes no one."""
    verb = _CHARGED_VERB.match(duty)
    after = duty[verb.end():] if verb else ""
    convened = convened_opening(after)
    return (verb.group(), convened[0]) if convened else None


def convened_opening(text: str) -> tuple[str, int] | None:
    """`会同B、C开展…` opening a duty (`X会同…`, `X:会同…`, `负责会同…`): (B、C, where they end) by the one rule
    for 会同 that `A会同B…` sentences follow (_convened_before_verb), so the list ends before the task's verb
    (`会同市检疫所开展…` convenes 市检疫所); None where `text` opens with no 会同."""
    return _convened_before_verb(text) if text.startswith(_CONVENES) else None


def convened_units(text: str) -> tuple[str, int] | None:
    """`组织应急、商务、交通、公安等部门按照…开展…` right after a lead's `X牵头,`: the units the lead
    brings in (support; `由A会同B…` reads the same) and where they end in `text`; None when the words
    after the verb are no units (`组织开展…`). The list is closed by `等部门`, or ends where a unit's
    name (opened by a place's or a collective's word: `组织专业扑火队伍` names none) is followed by a
    word that is no unit's."""
    found = _convened_lists(text)
    return found[-1] if found else None


def _convened_lists(text: str) -> list[tuple[str, int]]:
    """Each reading of the units after a `convened_by_lead` word opening `text` (convened_units), shortest
    first: the list closed by `等部门` alone, else every list of units by their shape ending at a unit's ending."""
    m = _CONVENED.match(text)
    if not m:
        return []
    start = m.end()
    stop = min((i for i in (text.find(c, start) for c in ",;。:") if i >= 0), default=len(text))
    if closed := _closed_by_deng(text, start):
        return [closed]
    return [(text[start:found.end()], found.end()) for found in _ANY_SUFFIX.finditer(text, start, stop)
            if text[found.end():found.end() + 1] not in ("、", "和", "及", "(") and _shaped_units(text[start:found.end()])]


def _shaped_units(names: str) -> bool:
    """A list of units each by its shape and opened by a place's or a collective's word, or named whole by the
    unit tables (`某某旗人民政府`: a named place's government opens with its own name, no level word)."""
    return is_unit_list(names) and all(looks_like_unit(n) and (GRAMMAR.unit_start_re.match(n) or named_whole(n))
                                       for n in split_units(names))


def _convened_before_verb(text: str) -> tuple[str, int] | None:
    """The units after 会同 when any verb may follow them (`会同县公安局建立联动机制`): the longest list whose
    names the unit tables know whole, as a task's verb may end in a unit's one-character ending (联, 行, 处);
    the longest by shape where none is known (convened_units); never a list holding a verb of a task (建立, 开展)."""
    found = [f for f in _convened_lists(text) if not _TASK_VERB.search(f[0])]
    known = [f for f in found if all(named_whole(n) for n in split_units(f[0]))]
    return (known or found or [None])[-1]


_TASK_VERB = re.compile(alternation(GRAMMAR.table["fallback"]["heading_task_verbs"]))  # no unit's name holds one


_REQUEST_VERB = re.compile(rf"(?:{'|'.join(map(re.escape, GRAMMAR.units['request_verbs']))})")


def requested_clause(text: str) -> tuple[str, int] | None:
    """`请县财政局按会议讨论意见…` → (`县财政局负责`, 6); `请县教育局牵头,县住建局配合,于…` → (`县教育局牵头,
    县住建局配合`, …): minutes asking units to do the work, in the clause grammar, and where the request's
    units (and the groups after a role word) end; None when 请 asks no unit (`请各单位…`, `请结合实际…`)."""
    opener = GRAMMAR.units["request_opener"]
    if not text.startswith(opener):
        return None
    if convening := _requested_convening(text, len(opener)):
        return convening
    start, stop = len(opener), min((i for i in (text.find(c) for c in ",;。:") if i >= 0), default=len(text))
    for found in reversed(list(_ANY_SUFFIX.finditer(text, start, stop))):
        names = text[start:found.end()]
        if not (is_unit_list(names) and all(looks_like_unit(n) and GRAMMAR.unit_start_re.match(n)
                                            and not n.startswith(_GENERIC_OPENERS + ("各",)) for n in split_units(names))):
            continue
        said = GRAMMAR.keyword_re.match(text, found.end())
        if said and said.start(1) == found.end():
            end = said.end(1)
            while (group := _next_group(text, end)) is not None:  # 请A牵头,B配合,…
                end = group[1]
            return text[start:end], end
        if _REQUEST_VERB.match(text, found.end()):
            return f"{names}负责", found.end()
    return None


def _requested_convening(text: str, start: int) -> tuple[str, int] | None:
    """`请A会同B、C等部门…` → (`A牵头;B、C等部门配合`, …): the unit asked convenes others, so it leads and
    they support, as `由A会同B…` reads (会同 is here no request verb that leaves A merely responsible)."""
    return _convening_at(text, start)


def _convening_at(text: str, start: int) -> tuple[str, int] | None:
    """`A会同B、C…` from `start` → (`A牵头;B、C配合`, where B's list ends): 会同 says A convenes the units
    after it, so A leads and they support whatever verb follows. A is a list of units by their shape, opened
    by a place's word (no collective, no role word in it), before 会同 in the same sentence part; None else."""
    stop = min((i for i in (text.find(c, start) for c in ",;。:") if i >= 0), default=len(text))
    at = min((i for i in (text.find(w, start, stop) for w in _CONVENES) if i > start), default=None)
    convened = _convened_before_verb(text[at:]) if at else None
    if not convened:
        return None
    convener = text[start:at]
    if GRAMMAR.keyword_re.search(convener) or not is_unit_list(convener) or not all(
            GRAMMAR.unit_start_re.match(n) and not n.startswith(_GENERIC_OPENERS + ("各",)) for n in split_units(convener)):
        return None
    return f"{convener}牵头;{convened[0]}配合", at + convened[1]


def convening_sentence(text: str) -> tuple[str, int] | None:
    """`由A会同B、C开展…` or `A会同B负责` opening `text`: (the clause, where B's list ends), read by the one
    rule for 会同 (a unit list, 会同, a unit list, then any verb); None where it opens otherwise, or where
    the units after 会同 are only collectives (`由A会同相关社区确定…`: a remark on how the work is shared)."""
    found = _convening_at(text, len(_OPENER) if text.startswith(_OPENER) else 0)
    convened = found[0].partition(";")[2].removesuffix("配合") if found else ""
    return found if any(not n.startswith(_GENERIC_OPENERS) for n in split_units(convened)) else None


def _convening_clause(text: str) -> str | None:
    """A clause `A会同B负责` (in brackets or a sentence of its own, `(A会同B负责,C配合)`): A lead, B support,
    the groups after its role word as printed; None where the clause is no such one, so 会同 never stays
    inside one unit's name."""
    found = convening_sentence(text)
    said = GRAMMAR.keyword_re.match(text, found[1]) if found else None
    rest = text[said.end():].lstrip(",;") if said and said.start(1) == found[1] else None
    if rest is None or rest and not is_clause(rest):
        return None
    return found[0] + (f";{rest}" if rest else "")


def _next_group(text: str, at: int) -> tuple[int, int] | None:
    """Where another group of units and its role word follows a verb at `at`, with or without a
    `、` or a comma between (`A负责、B配合做好…`, `A负责B配合…`, `A牵头,B配合,在…`): its (start, end)."""
    start = at + (text[at:at + 1] in ("、", ","))
    found = re.search(GRAMMAR.keywords, text[start:])
    if found is None or not _opens_group(text[start:start + found.start()]) \
            or not is_clause(text[start:start + found.end()]):
        return None
    return start, start + found.end()


def _opens_group(units: str) -> bool:
    """Do the words before a later role word open a group of units: a unit's opening (市, 县, 各…), or
    departments named by their functions (`发改、卫生、农牧等部门配合`), which open with no place."""
    return bool(GRAMMAR.unit_start_re.match(units)) or function_list(units)


_ASSIGNING_VERB = re.compile(rf"(?:{'|'.join(map(re.escape, GRAMMAR.units['assigning_adverbs']))})?"
                             rf"(?:{'|'.join(map(re.escape, GRAMMAR.units['assigning_verbs']))})")


def leading_assignment(part: str) -> tuple[str, str] | None:
    """`由A负责在…开展…` → (`A负责`, `在…开展…`): a part of a sentence that opens by giving
    itself to units, and its text, what follows the verb; None when it opens otherwise."""
    m = _ASSIGNING.match(part)
    verb = _ASSIGNING_VERB.match(part, m.end()) if m else None
    if verb is None:
        return _convening_part(part)
    group = _next_group(part, verb.end())  # 由A负责、B配合做好…: B's group is the clause's too
    end = group[1] if group else verb.end()
    if not group and part[end:end + 1] == "," and (convened := convened_units(part[end + 1:])):
        end += 1 + convened[1]  # 由A牵头,组织B、C等部门按照…: the units the lead brings in
    clause = assigning_sentence(part[:end])
    text = part[end:].lstrip(",").removeprefix("的")  # 由A负责的<project>: the project
    return (clause, text) if clause and len(text) >= 4 else None


def _convening_part(part: str) -> tuple[str, str] | None:
    """`由A会同B、C开展专项整治` → (`A牵头;B、C配合`, `开展专项整治`): a part opening with 由 and the one 会同
    rule gives itself to those units whatever its verb; its text is what follows B's list."""
    found = convening_sentence(part) if part.startswith(_OPENER) else None
    text = _convened_work(part, found[1]) if found else ""
    return (found[0], text) if text else None


def _convened_work(sentence: str, end: int) -> str:
    """The task's own words after the units of `由A会同B…` (what follows B's list, grammar [units]
    convened_work_min characters or more); "" where only a role word or a stop follows them."""
    text = sentence[end:].lstrip(",")
    return text if len(text.rstrip("。")) >= _CONVENED_WORK_MIN else ""


_CONVENED_WORK_MIN = GRAMMAR.units["convened_work_min"]


_PERSON_NAME = r"[\u4e00-\u9fff]{2,3}"
_NAMED_OFFICIAL = re.compile(rf"^{re.escape(GRAMMAR.units['assigning_opener'])}({_PERSON_NAME}(?:、{_PERSON_NAME})*)"
                             rf"({alternation(GRAMMAR.table['persons']['titles'])})?"
                             rf"(?:{alternation(GRAMMAR.units['assigning_adverbs'])})?(?:牵头|负责|分管|主抓),")


def without_named_official(text: str) -> str:
    """`由马娜牵头,区收储办、区自然资源和规划分局负责,…`, `由张某、李某副厅长分别负责,A处落实`: officials
    named by name (two or three characters each, with no unit's shape unless a title they share follows:
    鲁某会 is a name) before the units are no units; the sentence is read from the units on, 由 kept, so
    that their own word gives their role."""
    m = _NAMED_OFFICIAL.match(text)
    names = m.group(1).split("、") if m else []
    if not m or any(name.startswith(_GENERIC_OPENERS) or not m.group(2) and (
            looks_like_unit(name) or GRAMMAR.unit_suffix_re.search(name)) for name in names):
        return text  # 由县委牵头, 由政府牵头, 由各地牵头: no person
    rest = text[:1] + text[m.end():]
    named = _ASSIGNING.match(rest)
    return rest if named and is_unit_list(named.group(1)) else text


_GENERIC_OPENERS = tuple(GRAMMAR.units["generic_subjects"]) + ("其", "该", "本", "我")


def _closing_parties(sentence: str, names: str) -> bool:
    """`由经营者负责` as the whole of its part of a sentence: the bodies it names are whoever the
    plan gives the task to (owners, operators, villages), though not units by their shape."""
    if sentence.rstrip(",;。") not in {f"由{names}{w}" for w in _CLOSING_VERBS}:
        return False
    parts = split_units(names)
    return bool(parts) and all(looks_like_unit(n) or n.endswith(_PARTY_ENDINGS) for n in parts)


_CLOSING_VERBS = tuple(GRAMMAR.table["keywords"]["responsible"])
_PARTY_ENDINGS = tuple(GRAMMAR.units["assigned_party_endings"])


def _strip_deng(units: str) -> str:
    return re.sub(r"等(?:有关|相关)?部门$", "", units)


_ASSIGNING = re.compile(rf"^{re.escape(GRAMMAR.units['assigning_opener'])}(.{{2,80}}?)"
                        rf"(?!{'|'.join(map(re.escape, GRAMMAR.units['assigning_person_nouns']))})"
                        rf"(?=(?:{'|'.join(map(re.escape, GRAMMAR.units['assigning_adverbs']))})?"
                        rf"(?:{'|'.join(map(re.escape, GRAMMAR.units['assigning_verbs']))}))")


@lru_cache(maxsize=65536)
def _parse_clause(text: str, default_role: str | None) -> tuple[tuple, tuple]:
    """A clause's (unit, role) pairs and warnings, cached: the same cells recur in every row."""
    # the same cells (县卫生健康委 …) recur in every row of every plan: parse each once
    text = (assigning_sentence(text.rstrip("。")) or _convening_clause(strip_wrapping(text.rstrip("。"))) or subject_as_clause(text)
            or _assigning_parts(text))
    groups = split_groups(text, default_role if default_role != "responsible" else None)
    pairs, warnings = assign_roles(groups, default_role)
    out = [(name, role) for units_text, role in pairs for name in split_units(units_text) if not is_time_cell(name)]
    marked = [i for i, (name, _) in enumerate(out)
              if _marked_lead(name)]
    if marked:  # 市卫生健康委(牵头)、市财政局: the marked unit leads, the others support
        out = [
            (_unmark(name), "lead") if i in marked else (name, "support" if role == "responsible" else role)
            for i, (name, role) in enumerate(out)
        ]
    out = [(name.removesuffix(mark), "support") if (mark := _support_mark(name)) else (name, role) for name, role in out]
    return tuple(out), tuple(warnings)


def _assigning_parts(text: str) -> str:
    """`(牵头单位:A、B);由某某副厅长负责,C处落实`: a task's clause cells joined by `;`, one of them a sentence
    that gives the task to units after the bracket: each cell read on its own, the bracket unwrapped and
    the sentence in the clause grammar (C implement); the text as it stands when no cell is such a sentence."""
    parts = split_top(text, ";") if ";" in text else []
    assigned = [assigning_sentence(p.rstrip("。")) for p in parts]
    if not any(assigned[1:]):
        return text
    return ";".join(a or strip_wrapping(p) for p, a in zip(parts, assigned))


_MARKED_SUPPORT = tuple(GRAMMAR.units["marked_support"])


def _support_mark(name: str) -> str:
    """The bracketed 配合 after a unit (县财政局(配合)): the unit supports whatever its clause's label."""
    return next((m for m in _MARKED_SUPPORT if name.endswith(m) and len(name) > len(m) + 1), "")


_MARKED_BEFORE = tuple(GRAMMAR.units["marked_lead_before"])


def _marked_before(name: str) -> bool:
    """★A, *A: a lead mark before the name; a run of marks (`***管理局`) masks letters of a name, no mark.
    A mark opening a paragraph that goes on into a sentence is a bullet, taken off before (loader/text.py)."""
    return name.startswith(_MARKED_BEFORE) and name[1:2] != name[:1]


def _mark_after(name: str) -> str:
    """The lead mark closing a name: one of the grammar's (`(牵头)`, `*`), or a bracket whose words end with
    a lead label (`(数据统计评估牵头单位)`); "" when none."""
    exact = next((mark for mark in GRAMMAR.marked_lead if name.endswith(mark)), "")
    labelled = GRAMMAR.marked_lead_labelled_re.search(name)
    return exact or (labelled.group() if labelled and labelled.start() > 1 else "")


def _marked_lead(name: str) -> bool:
    """A lead mark before the name (★A) or after it (A(牵头)): the unit leads."""
    return _marked_before(name) or bool(_mark_after(name))


def _unmark(name: str) -> str:
    """The name without its lead mark (★X, X*), which says its role, not its name."""
    if _marked_before(name):
        return name[1:]
    return name[: len(name) - len(_mark_after(name))]


def split_text_clause(body: str) -> tuple[str, str] | None:
    """A glued row's task text and its unit cell: at the last 。, else where the units begin."""
    cut = body.rfind("。")
    if cut >= 0 and is_unit_list(body[cut + 1:]):
        return body[: cut + 1], body[cut + 1:]
    for m in GRAMMAR.unit_start_anywhere_re.finditer(body, cut + 1 if cut >= 0 else 1):
        if is_unit_list(body[m.start():]) and not _owned_collective_at(body, m.start()):
            return body[: m.start()], body[m.start():]
    return None


_OWNED_COLLECTIVE = re.compile(rf"(?:{alternation(GRAMMAR.units['owned_collective_owners'])})"
                               rf"{GRAMMAR.units['owned_collective_opener']}[^、,;。]*")


def _owned_collective_at(body: str, start: int) -> bool:
    """Does `start` stand inside a collective of a government's own (`市政府|各有关部门`, `市政府各|有关部门`)?
    The government's name is part of it, so no task text ends there."""
    return any(m.start() < start < m.end() for m in _OWNED_COLLECTIVE.finditer(body))


_SUBJECT = GRAMMAR.units["subject_clause"]
_PIECE_START = r"(?:^|(?<=[,;。:]))"
_SUBJECT_NAMES = r"([^,;。:()]{2,80}?)"
# `A、B需落实好属地主体责任` / `A、B落实` / `A、B负主体责任`: a unit list, a modal word, a role closing the piece
_SUBJECT_ROLE = re.compile(
    rf"{_PIECE_START}{_SUBJECT_NAMES}({alternation(_SUBJECT['modals'])})?"
    rf"(?:({'|'.join(_SUBJECT['implement'])})|({'|'.join(_SUBJECT['responsible'])})|({GRAMMAR.keywords}))(?=[,;。]|$)")
# `A、B、C等单位要每天更新…`: a unit list closed by 等单位, then a modal word: the sentence's subject
_SUBJECT_CLOSED = re.compile(
    rf"{_PIECE_START}{_SUBJECT_NAMES}(?:{alternation(_SUBJECT['closers'])})(?:{alternation(_SUBJECT['closed_modals'])})")
_IMPLEMENT_WORD, _RESPONSIBLE_WORD = "落实", "负责"


def subject_clauses(body: str) -> list[tuple[int, int, str]]:
    """(start, end, clause) for each piece of a paragraph that opens with units as the subject of their role
    (`…,A、B需落实好属地主体责任,确保…`: A and B implement; `A、B、C等单位要…`: responsible), wherever it
    stands in its sentence: minutes give a part of the work so. The clause in the grammar's own words
    (`A、B落实`). A sentence's ordinary subject (`各地要…`, `我们要…`) names no unit of its own: none."""
    found = []
    for m in _SUBJECT_ROLE.finditer(body):
        names, modal, implement, responsible, word = m.groups()
        if implement and not modal:
            continue  # 督促X落实主体责任: X the object of a verb; 需/要/应 say it is the subject
        if _own_subject(names):
            said = implement or responsible or word  # a role word as printed where the grammar knows it (负主体责任)
            role = said if GRAMMAR.keyword_re.fullmatch(said) else _IMPLEMENT_WORD if implement else _RESPONSIBLE_WORD
            found.append((m.start(), m.end(), names + role))
    for m in _SUBJECT_CLOSED.finditer(body):
        if _own_subject(m.group(1)):
            found.append((m.start(), m.end(), m.group(1) + _RESPONSIBLE_WORD))
    return sorted(found)


def _own_subject(names: str) -> bool:
    """A unit list by the shared test, with no role word inside, not opened by 由/请 (another clause's form),
    naming a unit of its own besides collectives (`各相关单位` alone is a notice's addressee)."""
    if GRAMMAR.keyword_re.search(names) or names.startswith(_OPENING_WORDS) or not is_unit_list(names):
        return False
    return any(not name.startswith(_GENERIC_OPENERS) for name in split_units(names))


_OPENING_WORDS = tuple(GRAMMAR.units["strip_prefixes"])


def subject_as_clause(text: str) -> str | None:
    """A clause read by subject_clauses, as the grammar reads it (`A、B需落实好…责任` → `A、B落实`)."""
    found = subject_clauses(text)
    return found[0][2] if len(found) == 1 and found[0][:2] == (0, len(text)) else None
