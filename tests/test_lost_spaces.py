"""Spaces a wrong decoding wrote as `?` are read back; a real question mark stays one."""
from resp.loader.read import decode_bytes, lost_spaces_restored

_TABLE = "\n".join(["附件?", "序号? | 工作任务? | 牵头单位? |", "1? | 建成展示中心。? | 东湖新城? |",
                    "2? | 新增企业30家。? | 刘 ?敏? | 高新园区? |"])


def test_question_marks_where_spaces_stood_are_read_as_spaces():
    restored = lost_spaces_restored(_TABLE)
    assert "?" not in restored
    assert "东湖新城  |" in restored and "刘  敏" in restored


def test_a_question_asked_keeps_every_question_mark():
    """One sentence asking (`是否…?`) shows the page's `?` are question marks: none is touched."""
    asking = _TABLE + "\n各单位是否已落实到位?"
    assert lost_spaces_restored(asking) == asking


def test_few_question_marks_stay():
    few = "序号? | 工作任务? | 牵头单位 |\n1 | 建成展示中心。 | 东湖新城 |"
    assert lost_spaces_restored(few) == few


def test_question_marks_inside_words_and_full_width_ones_stay():
    """`?id=3` in an address, and `？` (a question mark as Chinese text prints it), are no lost spaces."""
    text = "http://example.org/a?id=3\n" * 6 + "工作怎么做？\n" * 6
    assert lost_spaces_restored(text) == text


def test_decoded_bytes_have_their_spaces_back():
    assert "?" not in decode_bytes(_TABLE.encode("utf-8"), "t.txt")
