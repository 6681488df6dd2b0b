"""Web-page furniture above a breadcrumb: banner names go, an info box's labelled rows stay."""
from resp.loader.furniture import without_furniture


def test_banner_name_over_crumb_is_dropped_with_the_crumb():
    lines = ["县文旅局", "您现在所在的位置: 网站首页> 政府信息公开 > 工作计划", "某县文化旅游安全职责分工", "一、县文旅局负责景区检查。"]
    assert without_furniture(lines) == ["某县文化旅游安全职责分工", "一、县文旅局负责景区检查。"]


def test_info_box_rows_over_crumb_stay_for_the_metadata():
    lines = ["县文旅局", "发文机关  某县人民政府办公室  成文日期", "发布日期    有效性  有效",
             "您的位置:首页 > 政府机构 > 通知", "某县文化旅游安全职责分工"]
    assert without_furniture(lines) == ["发文机关  某县人民政府办公室  成文日期", "发布日期    有效性  有效",
                                        "某县文化旅游安全职责分工"]


def test_government_banner_over_crumb_stays_as_the_site_field():
    lines = ["某某市人民政府", "当前位置:某某市人民政府>>督查通报", "关于民生实事推进情况的通报", "1.新建幼儿园"]
    assert without_furniture(lines) == ["网站:某某市人民政府", "关于民生实事推进情况的通报", "1.新建幼儿园"]
