"""Lines → tasks: run every reader, keep the reading that ties the most responsibilities,
and turn its blocks into tasks with ids and roles (the contract's numbering rules).
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .blocks import ANNEX, ARABIC_TASK, ARTICLE, CUT_SUBHEADING, Block, cn_to_int, heading_of, int_to_cn
from .beside import with_prose_beside
from .columns import clause_cell_blocks, column_blocks
from .clauses import is_clause, parse_clause, without_name_brackets
from .duties import (department_heading, departments_in_turn, duty_blocks, group_duty_heading, introduced_duty_list,
                     lead_heading, numbered_subject_duty)
from .conventions import Conventions, first_governed, first_listed_lead
from .covering import items_given_covering_clauses
from .headlead import heading_leads_passed_down
from .prose import glued_labels_with_colons, prose_blocks
from .grammar import GRAMMAR
from .namelists import names_alone
from .rowlabels import labelled_rows
from .decimals import decimal_blocks
from .placed import placed_under_headings, restarts_placed_under_parts
from .decisions import decisions_by_number
from .carried import projects_parted
from .nextenum import enumerators_parted
from .fielditems import field_items_joined
from .records import Responsibility, Task
from .recordno import record_numbered
from .spaced import spaced_blocks
from .tables import table_blocks
from .text import Line


def blocks_to_tasks(blocks: list[Block], outline: "Outline | None" = None) -> tuple[list[Task], list[str]]:
    """Number the blocks as the contract says and parse their clauses; `outline`, the numbered
    lines of the whole document, shows numbering that restarts over items that carry no units."""
    tasks: list[Task] = []
    warnings: list[str] = []
    blocks = decisions_by_number(_article_paragraphs_joined(field_items_joined(_title_over_labels_dropped(blocks)), outline))
    blocks = heading_leads_passed_down(projects_parted(enumerators_parted(blocks)))
    if outline is not None:  # rows numbered by their place: a label cell `第一组` may number them as printed
        blocks = restarts_placed_under_parts(blocks, outline)
        blocks = labelled_rows(placed_under_headings(blocks, outline), [ln.text for ln in outline.lines])
    for block, base in zip(blocks, _base_ids(blocks, outline)):
        segments = [s for s in block.segments if s.cells]
        lead_text = "".join(s.text for s in block.segments if not s.cells).strip()
        for k, seg in enumerate(segments, 1):
            task_id = base if len(segments) == 1 else f"{base}.{k}"
            responsibilities, notes = [], []
            for clause, role in _label_lines_joined(seg.cells):
                found, why = parse_clause(clause, role)
                responsibilities.extend(r for r in found if not _garbled(r.unit))
                notes.extend(why + [f"'{r.unit}' is no unit's name; left out" for r in found if _garbled(r.unit)])
            text = _own_words(seg.text) if ":" in seg.text else seg.text
            if len(segments) == 1 and lead_text and lead_text not in text:
                text = (lead_text + text) if block.segments[0] is not seg else (text + lead_text)
            responsibilities = _lead_once(responsibilities)
            clause_text = ";".join(c for c, _ in seg.cells)
            if not responsibilities and notes:  # 责任单位:市 where a page is cut: no task is left
                notes = ["; ".join(notes) + "; no unit is left: the task is left out"]
            else:
                tasks.append(Task(task_id, block.section, text, responsibilities, clause_text))
            warnings.extend(f"task {task_id}: {w}" for w in notes)
    return tasks, warnings


def _title_over_labels_dropped(blocks: list[Block]) -> list[Block]:
    """A page that opens with the unit lines of an item of the page before (`牵头单位:…` / `责任单位:…`
    under the site's banner and the plan's title) and then its numbered items: the lines above those
    units are the plan's title (ending as a title does, no sentence in it), no task's words; the
    units are the item's that the page does not show."""
    first = blocks[0] if blocks else None
    if first is None or first.number is not None or first.section or not any(b.number for b in blocks[1:]):
        return blocks
    words = "".join(seg.text for seg in first.segments).strip()
    return blocks[1:] if words.endswith(_TITLE_ENDINGS) and not _SENTENCE_END.search(words) else blocks


_TITLE_ENDINGS = tuple(GRAMMAR.meta["title_endings"])
_SENTENCE_END = re.compile("[。;;]")


def _article_paragraphs_joined(blocks: list[Block], outline: "Outline | None") -> list[Block]:
    """A regulation's article whose paragraphs each give a duty to their own department (`第七条 A对…
    给予…。` / `B对…给予…。` / `C…`): the paragraphs with no number of their own after it, up to the
    next numbered task, are the article's, as an item's entries are (七.1 … 七.5), not tasks of the
    page's ordinals; an article numbers the whole of its text."""
    if outline is None:
        return blocks
    out: list[Block] = []
    for block in blocks:
        article = out[-1] if out and outline.opens_article(out[-1]) else None
        if article is not None and block.number is None and not block.section_path and block.has_clause():
            out[-1] = replace(article, segments=article.segments + block.segments)  # the reader's blocks stay
            continue
        out.append(block)
    return out


# the label of a field that holds the task's own words (项目名称:…项目内容:…): no part of the text
_TEXT_FIELD_LABEL = re.compile("(?:%s):" % "|".join(map(re.escape, GRAMMAR.layout["text_field_labels"])))
# a target's field after the problem's words (…偏低。整改目标:…): no part of the text
_TARGET_FIELD = re.compile("(?<=.)(?:%s):.*" % "|".join(map(re.escape, GRAMMAR.layout["target_labels"])))


def _own_words(text: str) -> str:
    return _TARGET_FIELD.sub("", _TEXT_FIELD_LABEL.sub("", text))


def _lead_once(found: list[Responsibility]) -> list[Responsibility]:
    """A lead listed again among its task's other units (a 责任单位 column that repeats the
    牵头单位 beside it) leads only."""
    leads = {r.unit for r in found if r.role == "lead"}
    return [r for r in found if r.role == "lead" or r.unit not in leads]


@lru_cache(maxsize=65536)
def _garbled(name: str) -> bool:
    """A name holding characters no unit's name has (县"卫生'局\\DETACH}//), or a level word
    alone (市: a name a cut page ends in): broken input."""
    return bool(_NEVER_IN_NAMES.search(without_name_brackets(name))) or name in _LEVEL_WORDS


_NEVER_IN_NAMES = re.compile("[" + re.escape(GRAMMAR.units["never_in_names"]) + "]")
_LEVEL_WORDS = frozenset(GRAMMAR.units["level_words"])


def _label_lines_joined(cells: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """`牵头单位:A` then `责任单位:B、C` on lines of their own are one clause, so that B and C
    support A (a 责任单位 list beside a lead); cells of a table column keep their column's role."""
    out: list[tuple[str, str | None]] = []
    for clause, role in cells:
        if out and role is None and out[-1][1] is None:
            out[-1] = (out[-1][0] + ";" + clause, None)
        else:
            out.append((clause, role))
    return out


def _base_ids(blocks: list[Block], outline: "Outline | None" = None) -> list[str]:
    """Each block's id before any sub-item number; a duty numbered under its department's
    numbered heading always shows the heading's numerals (二.1, 二.一.3)."""
    found = _printed_ids(blocks, outline)
    found = [".".join(b.section_path + (b.number,)) if b.under_heading and b.section_path else i
             for b, i in zip(blocks, found)]
    if outline is not None and outline.opens_past_first_heading():
        found = _counted_under_headings(blocks, found)
    return _runs_told_apart(blocks, _under_heading_tasks(blocks, found))


def _counted_under_headings(blocks: list[Block], ids: list[str]) -> list[str]:
    """A page that does not show its document's opening (its first heading `(五)` or `三、`, not the
    first) cannot tell an unnumbered task's ordinal in the document: each counts under its heading
    (五.1, 五.2; 三.一.1), and a heading's lone one takes the heading's numerals (六)."""
    under: dict[tuple[str, ...], list[int]] = {}
    for k, b in enumerate(blocks):
        if b.number is None and b.section_path:
            under.setdefault(b.section_path, []).append(k)
    out = list(ids)
    for path, members in under.items():
        base = ".".join(path)
        lone = len(members) == 1 and base not in ids
        for n, k in enumerate(members, 1):
            out[k] = base if lone else f"{base}.{n}"
    return out


def _under_heading_tasks(blocks: list[Block], ids: list[str]) -> list[str]:
    """A heading read as a task (`一、…` with its units) over items that repeat its numeral (`(一)…`):
    those items show the heading's numerals (一.一), so that no two tasks share an id."""
    if len(set(ids)) == len(ids):
        return ids
    taken = {i for b, i in zip(blocks, ids) if b.opens_section}
    return [".".join(b.section_path + (b.number,)) if i in taken and not b.opens_section and b.number
            and b.section_path else i for b, i in zip(blocks, ids)]


def _runs_told_apart(blocks: list[Block], ids: list[str]) -> list[str]:
    """Never two tasks with one id: where a numbering restarts under headings the page lost (a
    part heading run into the line without its numeral), each run of it takes its ordinal among
    the runs as prefix (1.一 … 2.一), as a heading's numeral would. A run that a shown heading's
    numeral already prefixes (一.2 under 一、) keeps its ids; the runs after it under that heading,
    whose own heading is lost, take theirs (2.一.2)."""
    if len(set(ids)) == len(ids):
        return ids
    runs = _numbering_runs(blocks)
    out = list(ids)
    for path in {b.section_path for b in blocks}:
        members = [i for i, b in enumerate(blocks) if b.section_path == path and b.number is not None]
        repeated = {ids[i] for i in members if ids.count(ids[i]) > 1}
        if not repeated:
            continue
        ordinals = sorted({runs[i] for i in members})
        if len(ordinals) < 2:  # one run: the repeat is a misread, no restart to tell apart
            continue
        for i in members:
            ordinal = ordinals.index(runs[i]) + 1
            if ordinal > 1 or not path:
                out[i] = f"{ordinal}.{ids[i]}"
    return out


def _numbering_runs(blocks: list[Block]) -> list[int]:
    """Each block's run of its numbering: a new run opens where a number of the same kind under the
    same headings starts again where the numbering began (一 二 三 then 一; 2…6 then 2); a stray
    number going back (a wrapped cell's 2 after row 3) opens none."""
    runs, first = [], {}
    run = 0
    for b in blocks:
        if b.number is not None:
            key = (b.section_path, b.number[:1].isdigit())
            n = _number_value(b.number)
            if key not in first:
                first[key] = n
            elif n == first[key]:
                run += 1
        runs.append(run)
    return runs


def _number_value(number: str) -> tuple[int, ...]:
    """A printed number as counts to compare (`1.2`, `1-2` → (1, 2); 三 → (3,); a letter `B` → (2,))."""
    if number.isascii() and number.isalpha():
        return (ord(number.upper()) - ord("A") + 1,)
    return tuple(int(x) for x in re.split(r"[.-]", number)) if number[:1].isdigit() else (cn_to_int(number),)


def _printed_ids(blocks: list[Block], outline: "Outline | None" = None) -> list[str]:
    """Each block's id before any sub-item number: its printed number, or its ordinal.

    Where numbering restarts under each heading the innermost heading's numeral is
    prefixed (七.3); where those headings restart too (一、(一)1. … 二、(一)1.), every
    numeral above it is, so that ids stay unique (二.一.1).
    """
    # numbering restarting only over items that carry no units counts where the page opens inside a part
    # (its tasks before the first part shown, whose items restart): elsewhere such items are a preamble's
    restart = _numbering_restarts(blocks) or bool(outline and (
        outline.part_after(blocks) and (outline.restarts(blocks) or _first_item_one(blocks))
        or outline.restarts_under_outer(blocks) or outline.restarts_after_opening(blocks)
        or outline.part_over_restart(blocks)))
    parts_shown = restart and _prefix_before_first_heading(blocks, outline)

    opening = _opening_ordinals(blocks, outline)

    def ids(depth: int | None) -> list[str]:
        out = []
        for ordinal, b in enumerate(blocks, 1):
            if b.number is None:
                out.append(_opening_id(opening, ordinal, _leading_unnumbered(blocks)) if opening else str(ordinal))
            elif restart and b.section_path:
                numerals = b.section_path if depth is None else b.section_path[-depth:]
                out.append(".".join(numerals + (b.number,)))
            else:
                out.append(b.number)
        return out

    innermost = ids(1)
    if len(set(innermost)) != len(innermost):
        return ids(None)
    restarting = _restarting_levels(blocks)
    if not restarting or not restart:
        return ids(None) if restart and (parts_shown or _outer_shown_unevenly(blocks)) else innermost
    return [_prefixed(b, restarting) if b.number is not None and b.section_path else i
            for b, i in zip(blocks, innermost)]


def _first_item_one(blocks: list[Block]) -> bool:
    """The first numbered task is item 1: on a page that opens inside a part (its tasks before the
    first part heading shown, 七、), the items' numbering began in that part, so it restarts under
    each part though the page shows one run of it (`[接上页] 1.… 2.… 七、…`: 六.1, 六.2)."""
    first = next((b.number for b in blocks if b.number is not None), None)
    return first is not None and first[:1].isdigit() and _number_value(first) == (1,)


def _outer_shown_unevenly(blocks: list[Block]) -> bool:
    """Under one outer heading, some ids show its numeral and some would not: a lone duty under (一)
    in 一、 is 一.一, so the duties of (三) in the same 一、 are 一.三.1, not 三.1."""
    shown = {b.section_path[0] for b in blocks
             if b.number is not None and not b.number[:1].isdigit() and len(b.section_path) == 1}
    return any(len(b.section_path) >= 2 and b.section_path[0] in shown for b in blocks if b.number is not None)


def _restarting_levels(blocks: list[Block]) -> set[int]:
    """Heading levels (0 = outermost) whose numerals recur under different headings above
    them: (一) under 一、 and again under 二、."""
    seen: dict[tuple[int, str], set[tuple[str, ...]]] = {}
    for b in blocks:
        path = b.section_path + ((b.number,) if b.number else ())
        for k in range(1, len(path)):
            seen.setdefault((k, path[k]), set()).add(path[:k])
    return {k for (k, _), parents in seen.items() if len(parents) > 1}


def _prefixed(b: Block, restarting: set[int]) -> str:
    """A block's id with the numerals of every heading its numbering restarts under, and of
    the headings those restart under in turn (一.三.1 where 1. restarts under (三), and (三)'s
    level under 一、)."""
    path = b.section_path + (b.number,)
    start = len(path) - 1
    while start > 0 and start in restarting:
        start -= 1
    return ".".join(path[start:])


def _prefix_before_first_heading(blocks: list[Block], outline: "Outline | None" = None) -> bool:
    """A page that opens inside section 六 shows its tasks before the heading 七、: they take
    the numeral before the first heading's (六.4), as far as it can be told. Where that heading is a
    part over a sub-heading (三、 then (一) over the restarted 1.), the tasks before take the part
    before it (二.2) and every id shows its part (三.一.1): True then."""
    first = next((b.section_path for b in blocks if b.section_path), None)
    part = outline and (outline.part_after(blocks) if first is None else outline.part_over_restart(blocks))
    if part:
        # the tasks (九)(十) stand before the first part shown, 六、, under which (一) restarts: 五.九
        _opening_tasks_under(blocks, int_to_cn(cn_to_int(part) - 1), lambda b: True)
        return False
    if not first or not first[0] or first[0].isdigit() or cn_to_int(first[0]) < 2:
        return False
    if len(first) > 1 and not _opening_items_numbered(blocks):
        return False
    before = int_to_cn(cn_to_int(first[0]) - 1)
    # (一)…(A牵头) is a heading's task: its own numeral
    return _opening_tasks_under(blocks, before, lambda b: b.number[:1].isdigit()) and len(first) > 1


def _opening_items_numbered(blocks: list[Block]) -> bool:
    """Every task before the first heading shown is an item `2、…` (not an unnumbered paragraph)."""
    opening = [b for b in blocks[:next(k for k, b in enumerate(blocks) if b.section_path)] if b.has_clause()]
    return bool(opening) and all(b.number is not None and b.number[:1].isdigit() for b in opening)


def _opening_tasks_under(blocks: list[Block], numeral: str, takes) -> bool:
    """The numbered tasks before the first heading shown (those `takes` accepts) stand under `numeral`."""
    moved = False
    for b in blocks:
        if b.section_path:
            break
        if b.number is not None and takes(b):
            b.section_path, moved = (numeral,), True
    return moved


def _leading_unnumbered(blocks: list[Block]) -> int:
    return next((i for i, b in enumerate(blocks) if b.number is not None or b.section_path), len(blocks))


def _opening_id(opening: str, ordinal: int, leading: int) -> str:
    if ordinal > leading:
        return str(ordinal)
    return opening if leading == 1 else f"{opening}.{ordinal}"


def _opening_ordinals(blocks: list[Block], outline: "Outline | None" = None) -> str | None:
    """A page that opens inside section 六 with unnumbered tasks before the heading 七 (or its
    task 七) shows: one takes 六, several take 六 before their ordinals (六.1, 六.2); None where
    the page does not so open. Where every task is such, the part heading after them shows it
    though it holds no task (a duty list, then `三、强化考核` and its remarks: 二.1 …)."""
    k = _leading_unnumbered(blocks)
    if k == len(blocks) and outline and (part := outline.part_after(blocks)):
        return int_to_cn(cn_to_int(part) - 1)
    if k < 1 or k == len(blocks):
        return None
    first = blocks[k].section_path[:1] or (blocks[k].number,)
    if first[0] and first[0].isdigit() and not blocks[k].section_path:
        return str(int(first[0]) - 1) if int(first[0]) >= 2 else None  # …防护能力。(A负责) before 12、: 11
    if not first[0] or first[0][:1].isdigit() or cn_to_int(first[0]) < 2:
        return None
    return int_to_cn(cn_to_int(first[0]) - 1)


def _numbering_restarts(blocks: list[Block]) -> bool:
    """Does a number come again, or go back? A heading read as a task over the numbered tasks
    under it (一、…(A总牵头) then 1.) is no step in their numbering; such headings have a
    numbering of their own ((一)(二) under 一、, again under 二、)."""
    return _goes_back([b for b in blocks if not b.opens_section]) or _goes_back(
        [b for b in blocks if b.opens_section])


def _goes_back(blocks: list[Block]) -> bool:
    """Does a task's number come again or fall below the one before it (a numbering that restarts
    under each part, so the ids need the part's numeral)? A heading read as a task after the items
    of the heading before it is no restart (`_next_heading`)."""
    previous, before = None, None
    for b in blocks:
        if b.number is None:
            continue
        n = _number_value(b.number)
        if previous is not None and n <= previous and not _next_heading(before, b):
            return True
        previous, before = n, b
    return False


def _next_heading(before: Block, b: Block) -> bool:
    """A heading read as a task ((二)…由X负责) after the items 1.…6. of the heading before it ((一)):
    its numeral follows that heading's, no restart of the items' numbering."""
    depth = len(b.section_path)
    return (b.number is not None and not b.number[:1].isdigit() and before.number[:1].isdigit()
            and before.section_path[:depth] == b.section_path and len(before.section_path) > depth
            and cn_to_int(b.number) > cn_to_int(before.section_path[depth]))


_SENTENCE_END = re.compile("[" + re.escape(GRAMMAR.table["numbering"]["heading_glued_after"]) + "]")


class Outline:
    """The numbered lines of a whole document, those whose items carry no units too: headings
    (一、 (一) 第一部分) and items (1.), each as (line index, level, numeral). A page that opens
    inside part 四 shows its tasks (七)…(十) and then `五、` with phases (一)…(三) that name no
    unit: the numbering restarts there though no task shows it."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.items: list[tuple[int, int, str]] = []
        for i, ln in enumerate(lines):
            head = heading_of(ln.text)
            if head is not None:
                self.items.append((i, head.level, head.numeral))
            elif (m := ARABIC_TASK.match(ln.text)) is not None and not names_alone(ln.text):
                self.items.append((i, 3, m.group(1)))  # a ranking `1、A县;2、B区` is no run of items
        last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].text.strip()), None)
        self.cut: int | None = None  # a page cut right after an item's number: (一
        if last is not None and (m := CUT_SUBHEADING.match(lines[last].text.strip())):
            self.items.append((last, 2, m.group(1)))
            self.cut = last

    def _goes_back(self, levels: tuple[int, ...]) -> bool:
        """Does any of these levels' numbering come again or go back among all numbered lines,
        those of items that carry no units too?"""
        for level in levels:
            previous = None
            for _, lv, numeral in self.items:
                if lv != level:
                    continue
                n = cn_to_int(numeral)
                if previous is not None and n <= previous:
                    return True
                previous = n
        return False

    def restarts(self, blocks: list[Block]) -> bool:
        """Does the numbering the tasks use come again or go back among all numbered lines?"""
        numbers = [b.number for b in blocks if b.number is not None and "." not in b.number]
        if not numbers:
            return False
        return self._goes_back((3,) if numbers[0][:1].isdigit() else (2,))

    def restarts_under_outer(self, blocks: list[Block]) -> bool:
        """Does the tasks' numbering come again after a heading of a kind the page used before it?
        Items before a task show it though they name no unit (1.…3. under 三、, then task 1. under 四、),
        unless an annex stands between (a notice's list, then its annex's tasks); after the tasks,
        only an item the page is cut at does (task (八) under 一、, then 二、 and `(一`): whole items
        naming no unit there are another list (工作措施), a cut one may be the next task. Kinds rank
        by first appearance: one first seen after the tasks' own is inside them, and a preamble's
        list, before the first heading, is under none; on a page that opens past its first heading
        (`(四)` … `三、`) they rank as printed levels do (一、 over (一) over 1、), the part shown later."""
        level = self._tasks_level(blocks)
        if level is None:
            return False
        seen: list[int] = []
        rank = (lambda lv: lv) if self.opens_past_first_heading() else seen.index
        previous, outer_between = None, False
        for i, lv, numeral in self.items:
            if lv not in seen:
                seen.append(lv)
            if lv != level:
                outer_between |= previous is not None and rank(lv) < rank(level)
                continue
            if previous is not None and outer_between and cn_to_int(numeral) <= cn_to_int(previous[1]) and (
                    self._task_after_list(previous[0], (i, numeral), blocks, {lv for lv in seen if rank(lv) < rank(level)})
                    or i == self.cut and self._holds_task(previous, blocks)):
                return True
            previous, outer_between = (i, numeral), False
        return False

    def restarts_after_opening(self, blocks: list[Block]) -> bool:
        """A page that opens inside a task of the part before (a clause line over the first part
        heading shown, 二 at least), with item 1 of the tasks right under that heading: the parts
        before held tasks and yet the numbering begins again at 1, so it restarts under each part
        though the page shows but one part heading (七、 then 1.: 七.1)."""
        parts = [(i, numeral) for i, lv, numeral in self.items if lv <= 1]
        if not parts or parts[0][1].isdigit() or cn_to_int(parts[0][1]) < 2:
            return False
        heading = parts[0][0]
        after = next((item for item in self.items if item[0] > heading), None)
        if after is None or after[1] != 3 or _number_value(after[2]) != (1,):
            return False
        return self._holds_task((after[0], after[2]), blocks) and any(
            is_clause(ln.text) for ln in self.lines[:heading])

    def _task_after_list(self, earlier: int, item: tuple[int, str], blocks: list[Block], outer: set[int]) -> bool:
        """Does the run at `item` hold a task with no annex heading since line `earlier`? An annex's
        items are its own list, never the tasks that follow the plan's list."""
        return self._run_holds_task(item[0], outer, blocks) and not any(
            ANNEX.match(ln.text) for ln in self.lines[earlier:item[0]])

    def _run_holds_task(self, start: int, outer: set[int], blocks: list[Block]) -> bool:
        """Does the run of items that opens at line `start` hold a task, up to the next heading of an
        outer kind? Its first items may name no unit (四、 1、…2、 then task 3、): the run restarts all the same."""
        for i, lv, numeral in self.items:
            if i < start:
                continue
            if lv in outer:
                return False
            if self._holds_task((i, numeral), blocks):
                return True
        return False

    def _holds_task(self, item: tuple[int, str], blocks: list[Block]) -> bool:
        """Is the numbered line a task's own: its number the task's, its words the task's opening (a
        notice that sums up the tasks repeats their words under other numbers)?"""
        text = self._item_words(item[0])
        return any(b.number == item[1] and len(frag) >= 4 and frag in text
                   for b in blocks for frag in (next((s.text for s in b.segments if s.text), "")[:6],))

    def _item_words(self, index: int) -> str:
        """A numbered line's words: a number alone on its line (a one-line page parted at its
        spaces: `1.` / `完善…`) has them on the line after it."""
        text = self.lines[index].text
        numbered = ARABIC_TASK.match(text.strip())
        if numbered and not numbered.group(2).strip() and index + 1 < len(self.lines):
            text += self.lines[index + 1].text
        return text

    def _tasks_level(self, blocks: list[Block]) -> int | None:
        """The kind of numbered line the first numbered task found on its line stands on (a task whose
        words were taken apart by its clauses, `植树工具:(…)`, shows no line of its own)."""
        numbered = (b for b in blocks if b.number is not None and "." not in b.number)
        line = next((i for i in map(self.line_of, numbered) if i is not None), None)
        return next((lv for i, lv, _ in self.items if i == line), None)

    def line_of(self, block: Block, start: int = 0) -> int | None:
        text = next((s.text for s in block.segments if s.text), "")
        frag = text[:6]  # the words as printed open it (a department after a title is cut from the text)
        if len(frag) < 4:
            return None
        return next((i for i in range(start, len(self.lines)) if frag in self.lines[i].text), None)

    def opens_article(self, block: Block) -> bool:
        """Does the block's line open with its article's number (`第七条 人力资源部门对…`)?"""
        if block.number is None or block.section_path or block.number[:1].isdigit():
            return False
        line = self.line_of(block)
        m = ARTICLE.match(self.lines[line].text.strip()) if line is not None else None
        return bool(m) and m.group(1) == block.number

    def opens_past_first_heading(self) -> bool:
        """Is the page's first numbered heading (一、, (一), 第一部分) not its kind's first (`(五)`, `三、`):
        a page that opens part-way through its document?"""
        first = next(((i, lv, numeral) for i, lv, numeral in self.items if lv <= 2), None)
        if first is None or first[2].isdigit() or cn_to_int(first[2]) < 2:
            return False
        return not self._heading_glued_before(first[0], first[1])

    def _heading_glued_before(self, index: int, level: int) -> bool:
        """Does a heading of this level stand after a sentence's end inside a line before `index`
        (`…分解如下。一、总体要求:…`)? Then the page shows its earlier heading, only joined to the
        paragraph above (a line join): a whole plan, not a page opening part-way."""
        for ln in self.lines[:index]:
            pieces = _SENTENCE_END.split(ln.text)[1:]
            if any((head := heading_of(piece)) is not None and head.level == level for piece in pieces):
                return True
        return False

    def part_over_restart(self, blocks: list[Block]) -> str | None:
        """The numeral of the first part heading shown (二 at least) where the page's first tasks, items
        `(七)…(九)`, stand before it and its own items start that numbering again (`三、` then `(一)`): a
        page that opens inside the part before, whatever the items under the heading hold."""
        first = self.line_of(blocks[0]) if blocks and blocks[0].number is not None else None
        parts = [(i, numeral) for i, lv, numeral in self.items if lv <= 1]
        if first is None or not parts or parts[0][0] <= first:
            return None
        heading, numeral = parts[0]
        before = [(lv, n) for i, lv, n in self.items if first <= i < heading]
        after = next(((lv, n) for i, lv, n in self.items if i > heading), None)
        if numeral.isdigit() or cn_to_int(numeral) < 2 or not before or after is None:
            return None
        restarted = before[-1][0] == after[0] == 2 and cn_to_int(after[1]) <= cn_to_int(before[-1][1])
        return numeral if restarted else None

    def part_after(self, blocks: list[Block]) -> str | None:
        """The numeral of the first part heading (一、) shown, where every task stands before it and no
        part heading before them, and it is not the first part (二 at least): a page that opens inside
        the part before it."""
        if not blocks:
            return None
        first = self.line_of(blocks[0])
        last = self.line_of(blocks[-1], first) if first is not None else None
        if last is None:
            return None
        parts = [(i, numeral) for i, lv, numeral in self.items if lv <= 1]
        if not parts or any(i <= last for i, _ in parts):
            return None
        numeral = parts[0][1]
        return numeral if not numeral.isdigit() and cn_to_int(numeral) >= 2 else None


# Readers of responsibility clauses, tried on every document; duty lists name no role, so
# they are read only where no clause was found.
READERS = (("table", table_blocks), ("spaced table", spaced_blocks), ("prose", prose_blocks),
           ("clause cells", clause_cell_blocks),  # it wins only with more triples than prose
           ("decimal paragraphs", lambda lines: decimal_blocks(lines, (prose_blocks, duty_blocks))))
FALLBACK = ("duty list", duty_blocks)
# Readers that win a tie with an earlier one. The decimal paragraphs reader reads only a page whose
# tasks are numbered by decimal section numbers (`2.3.1`, grammar `decimal_lines_min` of them): there
# the same triples read with those numbers as ids beat a reading that cuts `2.3.1` into `2.3` + text.
_WINS_TIES = frozenset({"decimal paragraphs"})


def find_tasks(lines: list[Line], conventions: Conventions | None = None) -> tuple[list[Task], list[str], str]:
    """The tasks of a document, its warnings and the reader that read them.

    A table whose rows keep their cells is read by column, nothing to guess, with the numbered
    prose tasks printed before and after it (loader/beside.py); otherwise
    every reader reads the document and the reading with the most (task, unit, role)
    triples wins (the earlier on a tie, except a reader in `_WINS_TIES`); duty lists only
    where no clause was found."""
    lines = items_given_covering_clauses(lines)  # `以上任务由X牵头` gives X to each item above it
    outline = Outline(lines)
    rows = column_blocks(lines)[0]
    tasks, warnings = blocks_to_tasks(rows)
    if any(t.responsibilities for t in tasks):
        beside = with_prose_beside(lines, rows)
        if beside is not None:
            tasks, warnings = blocks_to_tasks(beside, outline)
        return with_conventions(tasks, conventions, lines), warnings, "columns"
    best: tuple[list[Task], list[str]] = ([], [])
    best_count, best_rule = -1, ""
    glued = glued_labels_with_colons(lines)  # prose reads them itself, with the quoted runs of them
    for rule, reader in READERS + (FALLBACK,):
        if rule == FALLBACK[0] and best_count > 0 and not _duty_headings(lines, best_count):
            break
        if rule in _NEEDS and not _NEEDS[rule](lines):
            continue
        blocks, reader_warnings = reader(lines if reader is prose_blocks else glued)
        tasks, warnings = blocks_to_tasks(blocks, outline)
        count = sum(len(t.responsibilities) for t in tasks)
        if blocks and (count > best_count or (count == best_count and rule in _WINS_TIES)):
            best, best_count, best_rule = (tasks, reader_warnings + warnings), count, rule
    return record_numbered(with_conventions(best[0], conventions, lines), lines), best[1], best_rule


def _names_a_number_column(lines: list[Line]) -> bool:
    """Can the clause-cell reader read here at all? It reads only under a header that opens with a
    序号 cell, whose word (perhaps spaced out, 序 号) the text then holds: a document without one is
    refused at a glance instead of being scanned for header rows line by line."""
    text = "".join(ln.text for ln in lines).replace(" ", "")
    return any(word in text for word in _NUMBER_COLUMN_WORDS)


_NUMBER_COLUMN_WORDS = tuple(word for word, kind in GRAMMAR.header_words.items() if kind == "number")
# a reader's cheap test of the text, run before it: where the test fails the reader would find nothing
_NEEDS = {"clause cells": _names_a_number_column}


def _two_or_more(test, lines: list[Line]) -> bool:
    """Do two lines or more pass `test`? A reader's cheap question: it stops at the second line found
    instead of testing every line of a long plan."""
    found = (True for line in lines if test(line.text))
    return next(found, False) and next(found, False)


def _duty_headings(lines: list[Line], found: int) -> bool:
    """Headings that give their tasks a lead (`(一)省统计局牵头的工作`), or two or more that name a
    department over its tasks (`(九)县公安局主要工作任务:`): duty lists compete with the other
    readings even where clauses are found (their 协同单位 / 协助单位 lines). Where the clause
    readings found only a few triples (`found`), also departments as the subjects of their duties:
    numbered (`(七)市建委负责…`), in turn, or under a line that introduces them (a phase
    `由市爱卫办组织…` below them is no plan of clauses)."""
    if any(lead_heading(ln.text) for ln in lines) or _two_or_more(department_heading, lines):
        return True
    if _two_or_more(group_duty_heading, lines):  # (一)综合协调组。负责…
        return True
    if found >= _FEW_TRIPLES:
        return False
    if introduced_duty_list(lines) or departments_in_turn(lines):
        return True
    return _two_or_more(numbered_subject_duty, lines)


_FEW_TRIPLES = GRAMMAR.layout["duty_subjects_compete_below"]


def with_conventions(tasks: list[Task], conventions: Conventions | None, lines: list[Line]) -> list[Task]:
    """A document's stated rule (第一责任单位为牵头单位) applied to every list without role words;
    a rule said `下同` inside a list holds from that list on."""
    if conventions and conventions.first_listed_leads:
        first = first_governed([t.text for t in tasks], lines, conventions.from_line)
        for task in tasks[first:]:
            pairs = first_listed_lead([(r.unit, r.role) for r in task.responsibilities])
            task.responsibilities = [Responsibility(unit, role) for unit, role in pairs]
    return tasks
