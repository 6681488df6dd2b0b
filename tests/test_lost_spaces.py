"""Spaces a wrong decoding wrote as `?` are read back; a real question mark stays one."""
from resp.loader.text import lost_spaces_restored, to_lines

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
    """`?` inside an address (`a?id=3`), and `？` (a question mark as Chinese text prints it), are no lost spaces."""
    text = "http://example.org/a?id=3\n" * 6 + "工作怎么做？\n" * 6
    assert lost_spaces_restored(text) == text


def test_questions_closing_their_lines_stay_without_a_question_word():
    """A list of questions, some with no listed question word (`何时`, `几`, a yes/no `可以申请?`): a `?` closing
    a line closes a question; only `?` closing a table's cells or standing inside a name tell lost spaces."""
    text = "\n".join(["某县惠农补助问答", "一、群众常问", "1.补助何时到账?", "2.要交的表格有几份?",
                      "3.错过申报期还能补报?", "4.补助按何种标准核定?", "5.外地户口可以申请?",
                      "二、任务分工", "(一)发放补助。按季度发放。(县财政局牵头,县农业农村局配合)"])
    assert lost_spaces_restored(text) == text


def test_the_lines_read_have_their_spaces_back():
    lines = to_lines(_TABLE)
    assert not any("?" in line.raw for line in lines)
    assert any(line.text == "东湖新城" for line in lines)


def test_a_table_one_cell_a_line_is_told_by_its_row_numbers_and_closed_sentences():
    """Cells one a line: no `|` is left, but `1?` (a row's number alone) and `。?` take no question mark either."""
    cells = "\n".join(["序号?", "工作任务?", "牵头单位?", "1?", "建成展示中心。?", "东湖新城?", "2?",
                       "新增企业30家。?", "高新园区?", "3?", "完成道路改造。?", "县交通运输局?"])
    assert "?" not in lost_spaces_restored(cells)
