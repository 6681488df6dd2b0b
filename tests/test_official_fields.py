"""prose.role_fields_after_officials: a line of `;`-parted fields that opens with an official's
field still carries its task's units."""
from resp.loader.prose import role_fields_after_officials


def test_the_officials_field_drops_out_whatever_it_holds():
    for officials in ("王某", "王某、李某", "按《年度工作要点》分工(王某、李某)"):
        line = f"责任领导:{officials};责任单位:招商局、侨联;配合单位:相关乡镇,有关部门。"
        assert role_fields_after_officials(line) == "责任单位:招商局、侨联;配合单位:相关乡镇,有关部门"


def test_a_line_with_no_role_field_stays_an_officials_line():
    assert role_fields_after_officials("分管领导:王某") is None
    assert role_fields_after_officials("责任领导:王某;完成时限:年底前") is None
    assert role_fields_after_officials("时限要求:持续推进") is None
