"""The interleaved reader's role phrases (a qualifier and a role word) are split into their parts and
looked up, not expanded into a table of every pair (issue 20): the same phrases and their first
characters must be recognised as the table did."""
from resp.loader.interleaved import _is_role_phrase, _opens_role_phrase


def test_role_words_alone_and_after_a_qualifier_are_phrases():
    for phrase in ["牵头", "负责", "按职责分工负责", "按照职责分工牵头", "分别负责", "共同负责", "为主落实", "为牵头单位"]:
        assert _is_role_phrase(phrase), phrase


def test_near_misses_are_not_phrases():
    for text in ["按职责分工", "按职责分工负", "分别", "职责分工负责", "按职责分工市局", "牵头牵头", "负责x", "为"]:
        assert not _is_role_phrase(text), text


def test_first_characters_of_a_phrase_open_one():
    for cut in ["按", "按职责分工负", "按职责分工", "负", "分别负", "为牵头单", "共"]:
        assert _opens_role_phrase(cut), cut
    for cut in ["市", "按职责分工市", "分别x", "负责x"]:
        assert not _opens_role_phrase(cut), cut
