"""A word space that cuts one of the grammar's words is taken out; one between two names stays (loader/text.py)."""
from resp.loader.text import without_invisible


def test_space_cutting_a_label_or_role_word_is_taken_out():
    assert without_invisible("配\u00a0合\u00a0单\u00a0位:区财政局") == "配合单位:区财政局"
    assert without_invisible("牵头\u00a0责任单位") == "牵头责任单位"
    assert without_invisible("建立健全部\u00a0门联动机制") == "建立健全部门联动机制"


def test_space_between_two_names_stays():
    assert without_invisible("区财政局\u3000区教育局") == "区财政局\u3000区教育局"
    assert without_invisible("首页\u3000政务公开") == "首页\u3000政务公开"
