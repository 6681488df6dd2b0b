"""Guards a review asked for: an official's title inside a body's name (市总工会, 书记处) names no person;
a sentence parted by commas is no list of departments named by their functions."""
import pytest

from resp.loader import duties, fallback


@pytest.mark.parametrize("search", [duties._OFFICIAL.search, fallback._OFFICIAL.search])
def test_a_title_inside_a_bodys_name_is_no_official(search):
    assert search("一、市总工会牵头的工作") is None
    assert search("(二)县委书记处") is None
    assert search("由张某某总工负责,规划处落实。") is not None
    assert search("由李某某副主席负责") is not None


def test_a_sentence_parted_by_commas_is_no_list_of_functions():
    from resp.loader.clauses import function_list

    assert not function_list("坚持问题导向,压实各部门")
    assert not function_list("消防经费保障,督促市直有关部门")
    assert function_list("市科技,财政,统计等部门")
    assert function_list("交通,公安部门")
    assert function_list("市科技、财政、人力资源和社会保障等部门")
