"""The clause grammar's vocabulary, read once from data/grammar.toml.

Code holds the grammar's shape; the words (牵头, 配合单位, 按职责分工负责 …) are data.
"""
from __future__ import annotations

import hashlib
import marshal
import re
import tomllib
from re import _parser
from functools import cached_property
from pathlib import Path

from resp.data import data_path

from .regexcache import remembered

_CODE_DIGEST = hashlib.blake2b(Path(__file__).read_bytes(), digest_size=16).hexdigest()  # how tries and tables are built
_REMEMBERED_WORDS = 200  # a trie of this many words is built once a machine; a shorter one costs microseconds


def _digest(parts: list[str] | list[bytes]) -> str:
    """A digest of the parts, in their order, and of this module's code: the key of what they build."""
    joined = b"\0".join(parts) if parts and isinstance(parts[0], bytes) else "\0".join(parts).encode()
    return hashlib.blake2b(joined, digest_size=16).hexdigest() + _CODE_DIGEST


def alternation(words) -> str:
    """One regex alternative for a set of words, the longest first where one is a prefix of
    another; built as a trie (牵头(?:单位|部门)?…), which Python's re matches far faster than
    hundreds of plain alternatives tried one by one at every position. The tries of the label
    lists (thousands of words) are kept in the regex cache: building them was most of an import."""
    words = list(words)
    if len(words) < _REMEMBERED_WORDS:
        return _trie(words)
    return remembered("alternation:" + _digest(words), lambda: _trie(words))


def _trie(words: list[str]) -> str:
    """The trie of the words, whatever their order."""
    words = sorted({w for w in words if w})
    return _trie_pattern(words, 0) if words else ""


def opens_at_start(pattern: str) -> bool:
    """A pattern that matches only at the start of a string: `^` before the whole of it (`^a|b` may
    match b anywhere). Such patterns are matched at the start alone, apart from the words searched
    anywhere: one pattern holding both loses the engine's quick skip to a place its first characters
    stand, and tries every alternative at every character."""
    return list(_parser.parse(pattern))[:1] == [(_parser.AT, _parser.AT_BEGINNING)]


def _trie_pattern(words: list[str], depth: int) -> str:
    """The trie below one node: `words` sorted, all sharing their first `depth` characters, so each
    branch is a run of them. Walking the sorted list, not a tree of dicts, keeps building the tries of
    thousands of labels cheap at import."""
    ends = len(words[0]) == depth  # a word ends here; a longer one is tried first
    rest = words[1:] if ends else words
    branches, i = [], 0
    while i < len(rest):
        j, ch = i + 1, rest[i][depth]
        while j < len(rest) and rest[j][depth] == ch:
            j += 1
        branches.append(re.escape(ch) + _trie_pattern(rest[i:j], depth + 1))
        i = j
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
    return body


def _variants(pairs: str) -> dict[str, str]:
    """`负負 为爲為` → {负: 負, 为: 爲}, plus a table giving every traditional form."""
    table = {}
    for pair in pairs.split():
        table.update({ch: pair[0] for ch in pair[1:]})  # traditional → simplified, to invert below
    forms: dict[str, list[str]] = {}
    for trad, simp in table.items():
        forms.setdefault(simp, []).append(trad)
    return forms


def _spellings(word: str, forms: dict[str, list[str]]) -> list[str]:
    """The word and its traditional spellings (one per alternative form, not every mix)."""
    out = [word]
    for k in range(max((len(v) for ch in word if (v := forms.get(ch))), default=0)):
        alt = "".join(forms[ch][min(k, len(forms[ch]) - 1)] if ch in forms else ch for ch in word)
        if alt not in out:
            out.append(alt)
    return out


def _with_traditional(node, forms):
    """Every word list of the grammar, each word also in traditional characters."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            for spelling in (_spellings(key, forms) if isinstance(value, str) and len(key) <= 3 else [key]):
                out[spelling] = _with_traditional(value, forms)
        return out
    if isinstance(node, list):
        return [w for item in node for w in (_spellings(item, forms) if isinstance(item, str) else
                                               [_with_traditional(item, forms)])]
    return node


_CELL_COLUMNS = ("task", "number", "category", "time", "other")  # [columns] kinds naming a header's cells


def _with_composed_labels(table: dict) -> dict:
    """The [labels] lists plus every label [label_parts] composes (协同 + 责任 + 单位 → support):
    documents coin labels from these parts more freely than any list keeps up with."""
    parts = table["label_parts"]
    for role, prefixes in parts["prefixes"].items():
        words = table["labels"].setdefault(role, [])
        composed = [p + m + h for p in prefixes for m in parts["middles"] for h in parts["heads"]]
        words.extend(w for w in composed if w not in words and (w not in parts["heads"]))
    known = {w for words in table["labels"].values() for w in words}
    columns = {w for kind in _CELL_COLUMNS for w in table["columns"][kind]}
    for label, role in _shaped_labels(table["label_shapes"], parts["heads"], columns).items():
        if label not in known:
            table["labels"][role].append(label)
    for words in table["labels"].values():
        words.extend(_bracketed(words, parts))
    return table


def _shaped_labels(shapes: dict, heads: list[str], columns: set[str]) -> dict[str, str]:
    """Label → role for every label of the shape [label_shapes] states: a qualifier (perhaps closed by a
    body's word) before the role word, or one after it, then a kind (督查组 + 牵头 + 单位, 配合 + 实施 + 单位).
    Plans coin these from the work or body their units share; no list names them all. A qualifier that is
    a column's own header word (工作组) opens no label: `工作组牵头单位` is two header cells run together."""
    quals = shapes["qualifiers"]
    before = [q + end for q in quals for end in ["", *shapes["qualifier_ends"]] if q + end not in columns]
    shaped: dict[str, str] = {}
    for role, words in shapes["roles"].items():
        for word in words:
            stems = [q + word for q in before if q != word] + [word + q for q in quals if q != word]
            shaped.update({stem + head: role for stem in stems for head in heads})
    return shaped


def _bracketed(words: list[str], parts: dict) -> list[str]:
    """`责任科室(单位)` for 责任科室: a label printed with its head's alternative in brackets."""
    return [f"{w}({alt})" for w in words if len(w) <= parts["bracketed_label_max"] and w.endswith(tuple(parts["heads"]))
            for alt in parts["bracketed_heads"] if not w.endswith(alt)]


def _expanded_tables(grammar_toml: bytes, traditional_toml: bytes) -> tuple[dict, dict[str, list[str]]]:
    """The grammar's table with every label it composes and shapes, each word also in traditional
    characters; and the traditional forms of each simplified character."""
    pairs = tomllib.loads(traditional_toml.decode())
    variants = _variants(pairs["pairs"] + " " + pairs.get("text_pairs", ""))
    return _with_traditional(_with_composed_labels(tomllib.loads(grammar_toml.decode())), variants), variants


class Grammar:
    to_simplified: dict[int, str] = {}  # str.translate table: traditional character → simplified
    key = ""  # names the files and code the grammar was made from (regexcache.remembered)

    def derived(self, build):
        """`build(self)`, a table a module makes from the grammar's word lists (every qualifier before every
        role word), kept in the regex cache beside the grammar: thousands of labels make such tables cost
        more than a parse. `build` must read nothing but the grammar it is given; its code is in the key."""
        if not self.key:
            return build(self)
        code = hashlib.blake2b(marshal.dumps(build.__code__), digest_size=16).hexdigest()
        return remembered(f"derived:{self.key}:{code}", lambda: build(self))

    @cached_property
    def traditional_re(self) -> re.Pattern:
        """Any of the traditional characters the grammar knows."""
        return re.compile("[" + "".join(map(chr, self.to_simplified)) + "]")

    def __init__(self, table: dict):
        self.table = table
        self.layout = table["layout"]
        self.units = table["units"]
        self.columns = table["columns"]
        self.meta = table["meta"]

    @classmethod
    def load(cls) -> "Grammar":
        """The grammar of data/grammar.toml, its labels composed and shaped and spelled traditionally too:
        made from the two files once a machine (regexcache.remembered), as parsing and expanding them costs
        more than a plan's parse."""
        sources = [data_path("grammar.toml").read_bytes(), data_path("traditional.toml").read_bytes()]
        key = "grammar:" + _digest(sources)
        table, variants = remembered(key, lambda: _expanded_tables(*sources))
        grammar = cls(table)
        grammar.key = key
        grammar.to_simplified = {ord(t): s for s, forms in variants.items() for t in forms}
        return grammar

    @cached_property
    def keyword_role(self) -> dict[str, str]:
        """Role keyword → role; also `为` + a label (市财政局为配合单位)."""
        words = {w: role for role, ws in self.table["keywords"].items() if isinstance(ws, list) for w in ws}
        marker = self.table["keywords"]["label_as_keyword"]
        words.update({marker + label: role for label, role in self.label_role.items() if len(label) > 2})
        return words

    @cached_property
    def label_role(self) -> dict[str, str]:
        """Label → role: the listed and composed labels, and the bare ones (配合:)."""
        return {w: role for table in ("labels", "bare_labels") for role, words in self.table[table].items() for w in words}

    @cached_property
    def column_labels(self) -> dict[str, str]:
        """Labels that may head a table's column: all but the bare ones (配合 is running text too)."""
        return {w: role for role, words in self.table["labels"].items() for w in words}

    @cached_property
    def labels(self) -> str:
        """The role labels as one alternation, longest first (牵头单位 before 牵头)."""
        return alternation(self.label_role)

    @cached_property
    def keywords(self) -> str:
        """The role keywords as one alternation, longest first (牵头负责 before 牵头)."""
        return alternation(self.keyword_role)

    @cached_property
    def keyword_re(self) -> re.Pattern:
        """A role keyword that closes a group: followed by a separator or the end."""
        return re.compile(rf"({alternation(self.keyword_role)})(?=[;,。.、]|$)")

    @cached_property
    def closing_keyword_re(self) -> re.Pattern:
        """A role keyword closing a group anywhere in running text: also before a closing bracket."""
        return re.compile(rf"({alternation(self.keyword_role)})(?=[;,。.)】\]〕]|$)")

    @cached_property
    def label_re(self) -> re.Pattern:
        """A label opening a list: `牵头单位:` (the colon is required)."""
        return re.compile(rf"^({alternation(self.label_role)})[:]")

    @cached_property
    def label_anywhere_re(self) -> re.Pattern:
        """A role label inside a paragraph (`…以上部门分工:A牵头`), longest label first."""
        return re.compile(rf"(?:{alternation(self.label_role)})[:]")

    @cached_property
    def inner_label_re(self) -> re.Pattern:
        """A label inside a chunk, opening a new group: `…,配合单位:`, or `…局配合单位:` where
        only spaces (removed) stood between them. Longest label first, so 主要配合单位 stays whole."""
        return re.compile(rf"[,、]?((?:{alternation(self.label_role)})[:])")

    @cached_property
    def person_label_re(self) -> re.Pattern:
        """A line naming an official (`分管省领导:林克庆`): neither task text nor a unit."""
        return re.compile(rf"^({alternation(self.table['persons']['labels'])})[:]")

    @cached_property
    def not_in_names_re(self) -> re.Pattern:
        """A word no unit's name holds (要, 的, 做好): a verb or a phrase of running text."""
        return re.compile(alternation(self.units["not_in_names"]))

    @cached_property
    def brackets(self) -> list[tuple[str, str]]:
        return [(pair[0], pair[1]) for pair in self.layout["clause_brackets"]]

    @cached_property
    def openers(self) -> str:
        return "".join(o for o, _ in self.brackets)

    @cached_property
    def closers(self) -> str:
        return "".join(c for _, c in self.brackets)

    @cached_property
    def bracket_group_re(self) -> re.Pattern:
        """One bracketed remark that may be a clause; a () pair inside it is allowed."""
        alts = []
        for o, c in self.brackets:
            o, c = re.escape(o), re.escape(c)
            inner = r"[^()]" if o == r"\(" else rf"[^{o}{c}()]"
            alts.append(rf"{o}(?:{inner}|\([^()]*\))*{c}")
        return re.compile("|".join(alts))

    @cached_property
    def other_label_re(self) -> re.Pattern:
        """A line such as `时限要求:持续推进`: neither task text nor a clause."""
        return re.compile(rf"^({alternation(self.layout['other_labels'])})[:]")

    @cached_property
    def field_label_re(self) -> re.Pattern:
        """A field that is no role, wherever it opens (`责任领导:`, `完成时限:`, `咨询电话:`)."""
        return re.compile(rf"(?:{alternation(self.table['persons']['labels'] + self.layout['other_labels'])})(?=:)")

    @cached_property
    def marked_lead(self) -> tuple[str, ...]:
        return tuple(self.units.get("marked_lead", []))

    @cached_property
    def marked_lead_labelled_re(self) -> re.Pattern:
        """`(数据统计评估牵头单位)` closing a unit's name: a bracket whose words end with a lead label."""
        words = rf"[^()、,;:]{{1,{self.units['marked_lead_labelled_max']}}}"
        return re.compile(rf"\({words}(?:{alternation(self.units['marked_lead_labelled'])})\)$")

    @cached_property
    def places_collective_re(self) -> re.Pattern:
        """`相关街道板块`, `各镇街板块`: an opener, then only the words of places' kinds and groups."""
        kinds = self.units["level_words"] + self.units["level_compounds"] + self.units["after_each"] \
            + self.units["place_groups"]
        return re.compile(rf"(?:{alternation(self.units['collective_openers'])})(?:{alternation(kinds)}){{2,}}")

    @cached_property
    def header_words(self) -> dict[str, str]:
        """Table header word → column kind (task, number, category, time, or a role)."""
        words = {w: kind for kind, ws in self.columns.items() for w in ws}
        words.update(self.column_labels)
        words.update({w: "person" for w in self.table["persons"]["labels"]})
        return words

    @cached_property
    def header_re(self) -> re.Pattern:
        return re.compile(rf"({alternation(self.header_words)})")

    @cached_property
    def unit_suffix_re(self) -> re.Pattern:
        return re.compile(rf"(?:{alternation(self.units['suffixes'])})$")

    @cached_property
    def unit_start_re(self) -> re.Pattern:
        return re.compile(rf"^(?:{alternation(self.units['starts'])})")

    @cached_property
    def unit_start_anywhere_re(self) -> re.Pattern:
        return re.compile(rf"(?:{alternation(self.units['starts'])})")

    @cached_property
    def joined_collective_re(self) -> re.Pattern:
        """`各乡、镇人民政府`, `各县、市、区政府`: one unit although 、 stands inside it."""
        level = "[" + "".join(self.units["level_words"]) + "]"
        organ = alternation(self.units["organ_suffixes"])
        body = rf"[\u4e00-\u9fff]{{2,20}}?(?:{alternation(self.units['joint_bodies'])})"  # 盟、旗…领导小组
        paren = r"(?:\([^()]{1,8}\))?"  # 各市(县)、区政府
        last_level = rf"(?:{alternation(self.units['joined_last_levels'])})(?:{alternation(self.units['joined_last_organs'])})"
        return re.compile(rf"(?:(?<![\u4e00-\u9fff])|(?<=[和及与]))各?{level}{paren}(?:[、,]{level}{paren})*[、,]"
                          rf"(?:{level}{paren}(?:{organ}|{body}|{self._levels_departments})|{last_level})")

    @property
    def _levels_departments(self) -> str:
        """`两级财政部门`, `发展改革部门` after the levels: every level's department of one function, one unit."""
        counts = alternation(self.units["joined_level_counts"])
        function = rf"[\u4e00-\u9fff]{{2,{self.units['joined_function_max']}}}?"
        return rf"(?:{counts})?{function}(?:{alternation(self.units['joined_department_endings'])})"

    @cached_property
    def bracket_list_re(self) -> re.Pattern:
        """`(市,区)`, `〔市,区,特区〕`: a name's bracketed places parted by commas where 、 was printed as one."""
        word = rf"[\u4e00-\u9fff]{{1,{self.units['bracket_list_word_max']}}}"
        return re.compile(rf"(?<=[(〔【\[]){word}(?:,{word})+(?=[)〕】\]])")

    @cached_property
    def collective_re(self) -> re.Pattern:
        """`X等有关部门`, also with a short qualifier: `X等省级有关单位`, `X等市直有关单位`."""
        qualifier = rf"[^等、,;]{{0,{self.units['collective_qualifier_max']}}}?"
        return re.compile(rf"等({qualifier}(?:{alternation(self.units['collectives'])}))$")


GRAMMAR = Grammar.load()


def simplified(text: str) -> str:
    """The text with the grammar's traditional characters made simplified, one for one."""
    return text.translate(GRAMMAR.to_simplified)
