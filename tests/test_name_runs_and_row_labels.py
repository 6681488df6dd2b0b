"""A ranking of names is no run of items; a group label numbers its row (contract, task ids)."""
from resp.loader.blocks import Block, Segment
from resp.loader.namelists import names_alone
from resp.loader.rowlabels import labelled_rows


def test_a_ranking_of_places_is_names_alone():
    assert names_alone("1、萧县;2、埇桥区;3、灵璧县。")
    assert not names_alone("1、农村供水保障,牵头单位:市水利局。")  # a clause, though it ends in 局
    assert not names_alone("2.市发改委牵头")
    assert not names_alone("1.5亿元")


def _rows(*texts):
    return [Block(str(k), None, segments=[Segment(t, [("市X局", "lead")])]) for k, t in enumerate(texts, 1)]


def test_group_labels_number_rows_that_print_no_serial():
    got = labelled_rows(_rows("第九组", "第十组", "第十一组"), ["第九组", "| 市X局"])
    assert [b.number for b in got] == ["九", "十", "十一"]


def test_a_printed_serial_or_labels_out_of_turn_keep_the_numbers():
    assert [b.number for b in labelled_rows(_rows("第一组", "第二组"), ["1", "| 第一组"])] == ["1", "2"]
    assert [b.number for b in labelled_rows(_rows("第一组", "第三组"), [])] == ["1", "2"]
