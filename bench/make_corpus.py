"""Build a realistic national-scale corpus of plans from the seeds' own layouts.

    python bench/make_corpus.py --docs 3000 --out /tmp/corpus [--seed 1]

Each province, prefecture and county plan is drawn from real administrative divisions
(data/divisions/divisions.csv). A province's plan takes the tasks of one seed plan;
the plans below it carry those tasks down with the units renamed for their level and
place (省卫生健康委 → 州卫生健康委 → 县卫生健康局), drop some and add others from the
other seeds. Each plan is written in one of the five seed layouts (run-together table,
prose with 责任单位 clauses, web table with 牵头/配合 columns, prose with several clauses
per task, tab-indented Word table), so the parser meets all of them. Deterministic for
a given --seed.
"""
from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

from resp.loader.parse import parse_file
from resp.loader.places import Place, all_places
from resp.loader.records import LEVELS

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "data" / "seeds").glob("*.txt"))
LAYOUTS = ("runon_table", "prose_clauses", "web_table", "prose_multi", "word_table")
PREFIX = {"province": "省", "prefecture": "市", "county": "县"}
# a county's department names its bureaus 局 where the province has a 厅 or 委
COUNTY_SUFFIX = {"厅": "局", "卫生健康委": "卫生健康局", "发展改革委": "发展改革局"}


@dataclass
class PlanTask:
    text: str
    lead: list[str]  # unit names without their place prefix (卫生健康委)
    support: list[str]
    implement: list[str]


def load_places() -> dict[str, Place]:
    """Every division of data/divisions, by code (resp.loader.places)."""
    return {p.code: p for p in all_places()}


def seed_tasks() -> list[list[PlanTask]]:
    """The seeds' tasks with their units stripped of the 省/市/县 prefix."""
    plans = []
    for path in SEEDS:
        doc = parse_file(path)
        tasks = []
        for t in doc.tasks:
            by_role = {"lead": [], "support": [], "implement": []}
            for r in t.responsibilities:
                role = "support" if r.role == "responsible" else r.role
                if role == "implement":
                    continue  # re-made per level below
                name = r.unit[1:] if r.unit[:1] in "省市县州" else r.unit
                if name and name not in by_role[role]:
                    by_role[role].append(name)
            if by_role["lead"]:
                tasks.append(PlanTask(t.text, by_role["lead"], by_role["support"], []))
        plans.append(tasks)
    return plans


def unit_name(base: str, level: str, prefix: str, place: Place) -> str:
    if base.startswith(("人行", "人民银行")):  # a seed's branch names its own city: name this one's
        return f"人民银行{place.name}支行"
    if base.startswith(("各", "国家", "团")) or "联席会议" in base:
        return base
    if level == "county":
        for old, new in COUNTY_SUFFIX.items():
            if base.endswith(old):
                base = base[: -len(old)] + new
                break
    return prefix + base


def place_prefix(place: Place) -> str:
    """How the place's own units begin: 省卫生健康委, 自治区…, 州…, 区…, 旗…, 市… (直辖市 and 县级市)."""
    if place.name.endswith("自治区"):
        return "自治区"
    if place.name.endswith(("州", "盟", "县", "区", "旗", "市")):
        return place.name[-1]
    return PREFIX[place.level]


def adapt(task: PlanTask, place: Place, rnd: random.Random) -> PlanTask:
    prefix = place_prefix(place)
    text = task.text.replace("全省", "全" + prefix).replace("省级", prefix + "级")
    implement = {"province": ["各州(市)党委和政府"], "prefecture": ["各县(市、区)人民政府"], "county": ["各乡镇人民政府"]}
    return PlanTask(
        text,
        [unit_name(u, place.level, prefix, place) for u in task.lead],
        [unit_name(u, place.level, prefix, place) for u in task.support if rnd.random() > 0.1],
        implement[place.level],
    )


def clause(t: PlanTask) -> str:
    groups = ["、".join(t.lead) + "牵头"]
    if t.support:
        groups.append("、".join(t.support) + "配合")
    groups.append("、".join(t.implement) + "落实")
    return ";".join(groups)


def target_table(areas: list[str], rnd: random.Random) -> list[str]:
    """Seed 001's annex: childcare places per area for three years (Target nodes)."""
    lines = ["附件", "县区托位建设任务表", "县区 2023年 2024年 2025年",
             "总托位数(个) 普惠托位数(个) 总托位数(个) 普惠托位数(个) 总托位数(个) 普惠托位数(个)"]
    for area in areas:
        total = rnd.randint(300, 5000)
        cells = []
        for year in range(3):
            grown = total + total * year // 3
            cells += [str(grown), str(grown * 4 // 5)]
        lines.append(" ".join([area, *cells]))
    return lines


def render(layout: str, place: Place, parent: Place | None, tasks: list[PlanTask], number: str,
           parent_number: str | None = None, targets: list[str] = ()) -> str:
    head = [f"中共{place.name}委 {place.name}人民政府", f"关于印发{place.name}优化生育政策促进人口长期均衡发展实施方案的通知", number]
    if parent:
        cited = f"({parent_number})" if parent_number else ""  # by number: a CITES edge
        head.append(f"为贯彻落实《中共{parent.name}委 {parent.name}人民政府关于优化生育政策促进人口长期均衡发展的实施方案》{cited}精神,结合本地实际,制定本方案。")
    if layout == "runon_table":
        rows = "".join(f"{i}{t.text}{clause(t)}" for i, t in enumerate(tasks, 1))
        return "\n".join(head + ["序号工作任务责任单位" + rows]) + "\n"
    if layout == "prose_clauses":
        body = ["二、重点任务", "(一)落实生育政策"] + [f"{i}.{t.text}(责任单位:{clause(t)})" for i, t in enumerate(tasks, 1)]
        return "\n".join(head + body + list(targets)) + "\n"
    if layout == "prose_multi":
        body = ["二、重点任务"]
        for i, t in enumerate(tasks, 1):
            first = f"({'、'.join(t.lead)}牵头" + (f",{'、'.join(t.support)}及{'、'.join(t.implement)}按职责分工负责)" if t.support else ")")
            body.append(f"{i}.{t.text}{first}")
        return "\n".join(head + body) + "\n"
    if layout == "web_table":
        cells = ["附件", f"{place.name}重点任务分工表", "重点任务", "牵头单位", "配合单位", "一、", "落实", "生育", "政策"]
        for i, t in enumerate(tasks, 1):
            cells += [f"{i}.{t.text}", "、".join(t.lead), "、".join(t.support)]
        return "\n".join(head) + "\n\n" + "\n\n".join(cells) + "\n"
    cells = ["附件1", "重点任务分工清单", "\t\t序号", "\t\t工作任务", "\t\t责任单位", ""]
    for i, t in enumerate(tasks, 1):
        cells += [f"\t\t{i}", f"\t\t{t.text}", f"\t\t{clause(t)}", ""]
    return "\n".join(head + cells) + "\n"


def choose_places(places: dict[str, Place], n: int, rnd: random.Random) -> list[Place]:
    """Roughly the national mix: 1% provinces, 10% prefectures, 89% counties, parents first."""
    by_level = {lvl: [p for p in places.values() if p.level == lvl] for lvl in LEVELS}
    want = {"province": max(1, n // 100), "prefecture": max(1, n // 10)}
    want["county"] = max(0, n - want["province"] - want["prefecture"])
    chosen = []
    for level in LEVELS:
        pool = by_level[level]
        for k in range(want[level]):
            chosen.append(pool[k % len(pool)] if k < len(pool) else rnd.choice(pool))
    return chosen[:n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    places = load_places()
    plans = seed_tasks()
    pool = [t for plan in plans for t in plan]
    base_plan: dict[str, list[PlanTask]] = {}
    numbers: dict[str, str] = {}  # place code -> the number of its plan
    children: dict[str, list[str]] = {}
    for p in places.values():
        children.setdefault(p.parent_code, []).append(p.name)
    args.out.mkdir(parents=True, exist_ok=True)
    written = 0
    for i, place in enumerate(choose_places(places, args.docs, rnd)):
        province = place
        while province.parent_code:
            province = places[province.parent_code]
        if province.code not in base_plan:
            base_plan[province.code] = plans[rnd.choice((0, 2, 4))]  # the table seeds carry the most rows
        upper = base_plan[province.code]
        kept = [t for t in upper if rnd.random() > 0.2]  # some tasks dropped on the way down
        kept += rnd.sample(pool, k=min(len(pool), rnd.randint(0, 4)))  # some added
        tasks = [adapt(t, place, rnd) for t in kept]
        parent = places.get(place.parent_code) if place.parent_code else None
        layout = LAYOUTS[i % len(LAYOUTS)]
        number = f"{place.name[:2]}发〔2023〕{i + 1}号"  # unique, so a citation names one plan
        numbers.setdefault(place.code, number)
        targets = []
        if layout == "prose_clauses" and place.level == "prefecture":
            targets = target_table(children.get(place.code, [])[:12], rnd)
        path = args.out / f"{i:05d}_{place.code}_{layout}.txt"
        text = render(layout, place, parent, tasks, number, numbers.get(parent.code) if parent else None, targets)
        path.write_text(text, encoding="utf-8")
        written += 1
    print(f"wrote {written} plans to {args.out}")


if __name__ == "__main__":
    main()
