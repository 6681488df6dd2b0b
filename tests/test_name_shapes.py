"""Unit names beside their own offices and with their places in angle brackets."""
import pytest

from resp.loader.clauses import split_units, units_spaced_apart, without_name_brackets


@pytest.mark.parametrize("line, read", [
    ("区民政局 养老服务科", "区民政局 养老服务科"),          # the bureau's own office: no list partner
    ("区民政局 区财政局", "区民政局、区财政局"),            # two units spaced apart
    ("办公室 种植业股 畜牧股", "办公室、种植业股、畜牧股"),  # offices listed alone, no prefixed unit
    ("区民政局 区政府办公室", "区民政局、区政府办公室"),    # a prefixed office is a unit of its own
    ("市场监管局 质量科", "市场监管局、质量科"),            # 市场 is no place's prefix
])
def test_an_office_after_its_prefixed_unit_keeps_its_space(line, read):
    assert units_spaced_apart(line) == read


@pytest.mark.parametrize("text, names", [
    ("市教育局,市委农办,各县<市、区>人民政府", ["市教育局", "市委农办", "各县<市、区>人民政府"]),
    ("市教育局、各县〈市,区〉人民政府", ["市教育局", "各县〈市、区〉人民政府"]),
    ("县财政局<市、区", ["县财政局<市", "区"]),  # never closed: no name's bracket
])
def test_a_short_angle_bracket_inside_a_name_is_its_places(text, names):
    assert split_units(text) == names


def test_only_a_names_bracket_is_no_broken_input():
    assert without_name_brackets("各县<市、区>人民政府") == "各县人民政府"
    assert without_name_brackets("县<卫生局") == "县<卫生局"
