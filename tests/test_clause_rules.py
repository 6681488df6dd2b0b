"""Clause rules met on real published plans: 及 between a bureau's offices and its units,
a rule said inside a clause, a unit list run on into the next part heading."""
from resp.loader.clauses import parse_clause, split_units


def pairs(clause: str) -> list[tuple[str, str]]:
    return [(r.unit, r.role) for r in parse_clause(clause)[0]]


def test_ji_parts_offices_taken_together_and_units():
    assert split_units("其他股室及属下单位") == ["其他股室", "属下单位"]
    assert split_units("文物及非遗保护股") == ["文物及非遗保护股"]


def test_rule_inside_a_clause_names_no_unit():
    assert pairs("负责单位:水利部、发展改革委。未明确牵头单位的,由所列负责单位按职责分工负责,下同") == [
        ("水利部", "responsible"), ("发展改革委", "responsible")]
    assert pairs("负责单位:甲部、乙部,未列明牵头单位的,由所列各单位分别负责") == [
        ("甲部", "responsible"), ("乙部", "responsible")]


def test_list_stops_where_a_role_word_opens_the_next_heading():
    assert pairs("责任部门:养护所配合做好专项整治工作") == [("养护所", "responsible")]
    assert pairs("责任单位:县财政局配合") == [("县财政局", "support")]


def test_zong_qiantou_label():
    assert pairs("总牵头单位:县委依法治县委员会办公室") == [("县委依法治县委员会办公室", "lead")]
