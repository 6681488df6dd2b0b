"""Lines broken at a fixed width are joined back; other texts are left alone."""
from resp.loader.wrapped import join_wrapped, wrap_width

BROKEN = [
    "一、重点任务",
    "1.完善城市排水防涝设施,改造易涝积水点位二十",
    "处,建成区雨污分流改造率达到百分之八十。(牵",
    "头单位:市住房城乡建设局;配合单位:市水利局)",
    "2.建设城市内涝监测预警平台,接入雨量站与泵站",
    "运行数据,实现易涝点位实时预警和联动处置调度",
    "",
    "— 4 —",
    "",
    "工作。(牵头单位:市城市管理局)",
    "3.开展排水设施汛前检查,清淤疏浚管网一百公里",
]


def test_a_text_broken_at_one_width_is_joined():
    assert wrap_width(BROKEN) == 23  # 1 . 完善城市排水防涝设施 , 改造易涝积水点位二十
    assert join_wrapped(BROKEN) == [
        (1, "一、重点任务"),
        (2, "1.完善城市排水防涝设施,改造易涝积水点位二十处,建成区雨污分流改造率达到百分之八十。(牵"
            "头单位:市住房城乡建设局;配合单位:市水利局)"),
        (5, "2.建设城市内涝监测预警平台,接入雨量站与泵站运行数据,实现易涝点位实时预警和联动处置调度"
            "工作。(牵头单位:市城市管理局)"),
        (11, "3.开展排水设施汛前检查,清淤疏浚管网一百公里"),
    ]


def test_a_web_page_of_one_paragraph_a_line_is_left_alone():
    page = [
        "1.完善城市排水防涝设施,改造易涝积水点位二十处。(牵头单位:市住房城乡建设局)",
        "2.建设城市内涝监测预警平台。(牵头单位:市城市管理局;配合单位:市水利局、市气象局)",
        "3.开展排水设施汛前检查,清淤疏浚管网一百公里,汛期前完成全部检修任务并建立台账,逐月报送进展",
        "4.组建应急抢险队伍。(牵头单位:市应急管理局)",
        "5.加强宣传引导,普及防汛避险知识,提高群众自救互救能力",
    ]
    assert wrap_width(page) is None
    assert join_wrapped(page) == list(enumerate(page, 1))


def test_rows_of_numbers_are_never_joined():
    rows = ["沈阳市 26300 14465 29456 16200 32875 1808"] * 6 + ["大连市 22600 12430 25312 13921 28250 1553"]
    assert join_wrapped(rows) == list(enumerate(rows, 1))


def test_digits_alone_after_a_number_cut_at_the_width_are_its_tail():
    """`成文日期:2020-05-1` / `8`: the date's last digit, not a table row's number."""
    fields = ["发文机关:市政府 成文日期:2020-05-1", "8", "发文字号:甬政办发〔2020〕5号"]
    assert len(fields[0]) == wrap_width(BROKEN)
    lines = [line for _, line in join_wrapped(fields + BROKEN)]
    assert "发文机关:市政府 成文日期:2020-05-18" in lines


def test_a_time_cut_at_the_width_keeps_its_minutes():
    """`时间:2021-06-01 17:` / `15 来源:…`: the minutes, not a numbered row of cells."""
    story = "聚焦“幸福民生”。由镇公路站负责的村道硬化项目,整合交通、扶贫、一事一议等项目资金,建设东山、西岭、南湖等自然村内约十公里道路硬化,预计年底完成。"
    page = ["[ 字体:大 中 小 时间:2021-06-01 17:", "15 来源:青溪镇人民政府党政综合办公室 作者:管理员"]
    page += [story[i:i + 28] for _ in range(3) for i in range(0, len(story), 28)]
    assert wrap_width(page) == len(page[0]) == 28
    first = join_wrapped(page)[0][1]
    assert first.startswith("[ 字体:大 中 小 时间:2021-06-01 17:15 来源:青溪镇人民政府党政综合办公室 作者:管理员")
