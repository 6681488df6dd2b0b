"""Every canned query answered by a plain networkx traversal: the benchmark's baseline.

One function a query, named after its `.cypher` file, taking the same parameters and
returning the same rows (as tuples, unordered): `bench/run.py` times both and checks
that the row counts agree, so the baseline answers the same question, not an easier
one. The graph is `EmbeddedStore.graph()` (node ids "Label:key", edges keyed by type).
The one thing prepared outside the timing is a list of node ids per label, what a
networkx user keeps anyway; everything else is a scan or a walk of the adjacency.
"""
from __future__ import annotations

from collections import Counter, defaultdict

ROLE_TYPES = ("LEADS", "SUPPORTS", "IMPLEMENTS", "RESPONSIBLE_FOR")
# the rows of stats.cypher: every label, every role, the derived relationships
COUNTED_LABELS = ("Document", "Jurisdiction", "Task", "Unit", "Target")
COUNTED_TYPES = ROLE_TYPES + ("CITES", "MIRRORS", "CARRIES")


class Baseline:
    def __init__(self, graph):
        self.g = graph
        self.by_label = defaultdict(list)
        for n, d in graph.nodes(data=True):
            self.by_label[d["label"]].append(n)

    # --- small helpers -------------------------------------------------------

    def _attrs(self, n):
        return self.g.nodes[n]

    def _out(self, n, *types):
        return [(v, d) for _, v, k, d in self.g.out_edges(n, keys=True, data=True) if k in types]

    def _in(self, n, *types):
        return [(u, d) for u, _, k, d in self.g.in_edges(n, keys=True, data=True) if k in types]

    def _units_named(self, unit, jurisdiction):
        return [u for u in self.by_label["Unit"]
                if unit in (self._attrs(u).get("name"), self._attrs(u).get("canonical_name"))
                and (not jurisdiction or self._attrs(u).get("jurisdiction") == jurisdiction)]

    def _documents_of(self, jurisdiction_node):
        return [d for d, _ in self._in(jurisdiction_node, "ISSUED_BY")]

    def _tasks_of_documents(self, docs):
        return [(doc, t) for doc in docs for t, _ in self._out(doc, "HAS_TASK")]

    def _holders(self, task):
        """(unit, role) rows of a task, or one (None, None) when nobody holds it."""
        rows = [(u, d["role"]) for u, d in self._in(task, *ROLE_TYPES)]
        return rows or [(None, None)]

    def _task_rows(self, pairs):
        rows = []
        for doc, t in pairs:
            for u, role in self._holders(t):
                rows.append((doc, t, u, role))
        return rows

    # --- the canned queries --------------------------------------------------

    def coverage(self, jurisdiction):
        lower = f"Jurisdiction:{jurisdiction}"
        if lower not in self.g or not self._documents_of(lower):
            return []
        lower_tasks = {t for _, t in self._tasks_of_documents(self._documents_of(lower))}
        uppers, frontier = [], [lower]
        for _ in range(6):
            frontier = [p for j in frontier for p, _ in self._out(j, "PART_OF")]
            uppers.extend(frontier)
        rows = []
        for uj in uppers:
            for _, ut in self._tasks_of_documents(self._documents_of(uj)):
                carried = [(lt, d["score"], d["kind"]) for lt, d in self._in(ut, "CARRIES") if lt in lower_tasks]
                rows.extend((uj, ut, lt, s, k) for lt, s, k in carried or [(None, None, None)])
        return rows

    def documents(self):
        return [(d, self._attrs(d).get("source"), self._attrs(d).get("jurisdiction"))
                for d in self.by_label["Document"]]

    def find_jurisdictions(self, text):
        return [(j,) for j in self.by_label["Jurisdiction"]
                if text in (self._attrs(j).get("name") or "") or text in (self._attrs(j).get("short_name") or "")]

    def find_units(self, text, jurisdiction=""):
        return [(u,) for u in self.by_label["Unit"]
                if (text in (self._attrs(u).get("name") or "") or text in (self._attrs(u).get("canonical_name") or ""))
                and (not jurisdiction or self._attrs(u).get("jurisdiction") == jurisdiction)]

    def governments(self):
        return [(j, p) for j in self.by_label["Jurisdiction"]
                for p in ([p for p, _ in self._out(j, "PART_OF")] or [None])]

    def lead_load(self, top=10):
        counts = Counter({u: len(self._out(u, "LEADS")) for u in self.by_label["Unit"]})
        ranked = sorted(((self._attrs(u)["key"], c) for u, c in counts.items() if c), key=lambda kc: (-kc[1], kc[0]))
        return ranked[:top]

    def mirrors(self, unit, jurisdiction=""):
        rows = []
        for u in self._units_named(unit, jurisdiction):
            rows += [(u, v, "down") for v, _ in self._out(u, "MIRRORS")]
            rows += [(u, v, "up") for v, _ in self._in(u, "MIRRORS")]
        return rows

    def partners(self, unit, jurisdiction=""):
        shared = defaultdict(set)
        for u in self._units_named(unit, jurisdiction):
            for t, _ in self._out(u, *ROLE_TYPES):
                for p, _ in self._in(t, *ROLE_TYPES):
                    if p != u:
                        shared[(u, p)].add(t)
        return [(u, p, len(ts)) for (u, p), ts in shared.items()]

    def plans_around(self, jurisdiction):
        place = f"Jurisdiction:{jurisdiction}"
        if place not in self.g:
            return []
        above, frontier = set(), [place]
        for _ in range(6):
            frontier = [p for j in frontier for p, _ in self._out(j, "PART_OF")]
            above.update(d for j in frontier for d in self._documents_of(j))
        return [(len(self._documents_of(place)), len(above))]

    def plan_responsibilities(self, jurisdiction):
        j = f"Jurisdiction:{jurisdiction}"
        if j not in self.g:
            return []
        return self._task_rows(self._tasks_of_documents(self._documents_of(j)))

    def stats(self):
        labels = Counter(d["label"] for _, d in self.g.nodes(data=True))
        types = Counter(k for _, _, k in self.g.edges(keys=True))
        places = Counter(self._attrs(t).get("jurisdiction") or "(unknown)" for t in self.by_label["Task"])
        return ([("label", x, labels[x]) for x in COUNTED_LABELS]
                + [("type", x, types[x]) for x in COUNTED_TYPES]
                + [("jurisdiction", x, n) for x, n in places.items()])

    def tasks(self, unit, role="", jurisdiction=""):
        return [(u, t, d["role"]) for u in self._units_named(unit, jurisdiction)
                for t, d in self._out(u, *ROLE_TYPES) if not role or d["role"] == role]

    def topic_carries(self, text, jurisdiction=""):
        rows = []
        for lt in self.by_label["Task"]:
            a = self._attrs(lt)
            if text not in (a.get("text") or ""):
                continue
            for ut, d in self._out(lt, "CARRIES"):
                b = self._attrs(ut)
                if text in (b.get("text") or "") and (
                        not jurisdiction or jurisdiction in (a.get("jurisdiction"), b.get("jurisdiction"))):
                    rows.append((lt, ut, d["score"]))
        return rows

    def topic_neighbourhood(self, text, jurisdiction="", max_tasks=1000):
        pairs = []
        for t in self.by_label["Task"]:
            a = self._attrs(t)
            if text in (a.get("text") or "") and (not jurisdiction or a.get("jurisdiction") == jurisdiction):
                pairs += [(doc, t) for doc, _ in self._in(t, "HAS_TASK")]
        pairs.sort(key=lambda dt: (self._attrs(dt[0])["id"], self._attrs(dt[1])["ordinal"]))
        return self._task_rows(pairs[:max_tasks])

    def unit_neighbourhood(self, unit, jurisdiction="", max_tasks=1000):
        tasks = {t for s in self._units_named(unit, jurisdiction) for t, _ in self._out(s, *ROLE_TYPES)}
        rows = set()
        for t in sorted(tasks, key=lambda t: self._attrs(t)["key"])[:max_tasks]:
            for doc, _ in self._in(t, "HAS_TASK"):
                rows.update((doc, t, u, d["role"]) for u, d in self._in(t, *ROLE_TYPES))
        return list(rows)

    # --- the national view ---------------------------------------------------

    def _function_level(self, u):
        level = next((self._attrs(j).get("level") for j, _ in self._out(u, "BELONGS_TO")), None)
        return (self._attrs(u).get("function") or "(unresolved)", level or "(unknown)")

    def load_by_function(self):
        groups = defaultdict(lambda: (set(), Counter()))
        for u in self.by_label["Unit"]:
            held = self._out(u, *ROLE_TYPES)
            if held:
                units, roles = groups[self._function_level(u)]
                units.add(u)
                roles.update(d["role"] for _, d in held)
        return [(f, lv, len(us), rs["lead"], rs["support"]) for (f, lv), (us, rs) in groups.items()]

    def topic_leads_by_function(self, text, jurisdiction=""):
        groups = defaultdict(list)
        for u, t in self.who_leads(text, jurisdiction):
            groups[self._function_level(u)].append((u, t))
        return [(f, lv, len({self._attrs(t).get("jurisdiction") for _, t in pairs} - {None}),
                 len({t for _, t in pairs}), len(pairs)) for (f, lv), pairs in groups.items()]

    def _below(self, j, depth=3):
        found, frontier = [], [j]
        for _ in range(depth):
            frontier = [c for p in frontier for c, _ in self._in(p, "PART_OF")]
            found.extend(frontier)
        return found

    def dropped_tasks(self, jurisdiction="", top=20):
        uppers = [j for j in self.by_label["Jurisdiction"]
                  if (not jurisdiction and self._attrs(j).get("level") == "province")
                  or self._attrs(j).get("name") == jurisdiction]
        rows = []
        for uj in uppers:
            lower = [lj for lj in set(self._below(uj)) if self._documents_of(lj)]
            tasks_of = {lj: {t for _, t in self._tasks_of_documents(self._documents_of(lj))} for lj in lower}
            for _, ut in self._tasks_of_documents(self._documents_of(uj)):
                carriers = {lt for lt, _ in self._in(ut, "CARRIES")}
                carried = sum(1 for lj in lower if tasks_of[lj] & carriers)
                if lower:
                    rows.append((ut, len(lower), carried, len(lower) - carried))
        rows.sort(key=lambda r: -r[3])
        return rows[:top]

    def without_plan(self, jurisdiction):
        j = f"Jurisdiction:{jurisdiction}"
        if j not in self.g:
            return []
        return [(c,) for c in set(self._below(j)) if not self._documents_of(c)]

    def units(self, jurisdiction=""):
        return [(u, len({t for t, _ in self._out(u, *ROLE_TYPES)})) for u in self.by_label["Unit"]
                if not jurisdiction or self._attrs(u).get("jurisdiction") == jurisdiction]

    def units_unresolved(self, jurisdiction=""):
        return [row for row in self.units(jurisdiction) if not self._attrs(row[0]).get("resolved")]

    def who_leads(self, text, jurisdiction=""):
        return [(u, t) for t in self.by_label["Task"]
                if text in (self._attrs(t).get("text") or "")
                and (not jurisdiction or self._attrs(t).get("jurisdiction") == jurisdiction)
                for u, _ in self._in(t, "LEADS")]

    def who_leads_task(self, jurisdiction, task):
        return [(u, t) for t in self.by_label["Task"]
                if self._attrs(t).get("jurisdiction") == jurisdiction and self._attrs(t).get("id") == task
                for u, _ in self._in(t, "LEADS")]
