"""An official's title inside a body's name (市总工会, 书记处) names no person: the line searches of the
duty-list reader and the last-resort reader look for officials anywhere in a line."""
import pytest

from resp.loader import duties, fallback


@pytest.mark.parametrize("search", [duties._OFFICIAL.search, fallback._OFFICIAL.search])
def test_a_title_inside_a_bodys_name_is_no_official(search):
    assert search("一、市总工会牵头的工作") is None
    assert search("(二)县委书记处") is None
    assert search("由张某某总工负责,规划处落实。") is not None
    assert search("由李某某副主席负责") is not None
