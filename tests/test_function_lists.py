"""Departments named by their functions (`市科技、财政、统计等部门`) are one list of units; a notice's
addressees in groups (`各镇党委、政府,各街道党工委、办事处,县级各有关部门`) are not."""
from resp.loader.clauses import function_list


def test_a_function_list_parted_by_dun_or_by_the_comma_printed_for_it():
    assert function_list("市科技、财政、统计等部门")
    assert function_list("市科技,财政,统计等部门")


def test_addressees_in_groups_mixing_dun_and_comma_are_no_function_list():
    assert not function_list("各镇党委、政府,各街道党工委、办事处,县级各有关部门")
