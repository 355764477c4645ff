"""Observations: number + unit + indicator + year + subject."""

from decimal import Decimal

import pytest

from kg.nlp.observations import format_decimal, parse_number


def observations(nlp, text):
    doc = nlp(text)
    label = {k: e.label for k, e in doc._.entities.items()}
    return [(label.get(o.subject, o.subject), o.indicator, o.value, o.unit, o.year) for o in doc._.observations]


# fmt: off
CASES = [
    ("2025年，高平市优良天数首次达300天。", ("高平市", "优良天数", "300", "天", "2025")),
    ("晋城市生态环境局高平分局2025年争取到上级资金1.4亿元。", (None, "争取到上级资金", "1.4", "亿元", "2025")),
    ("该局累计接收交办晋中市群众信访举报件374件，已办结360件，办结率96.3%。", ("晋中市", "群众信访举报件", "374", "件", "")),
    ("该局累计接收交办晋中市群众信访举报件374件，已办结360件，办结率96.3%。", ("晋中市", "办结率", "96.3", "%", "")),
    ("晋中市生态环境局通过开展非法倾倒固体废物排查整治，清理固废10.61万吨。", (None, "清理固废", "10.61", "万吨", "")),
    ("2025年，晋中市PM2.5年均浓度30微克，首次达到国家二级标准。", ("晋中市", "PM2.5年均浓度", "30", "微克/立方米", "2025")),
    ("2024年，杭州市空气综合指数达3.83，较“十三五”末改善23.4%。", ("杭州市", "空气综合指数改善", "23.4", "%", "2024")),
    ("2024年，杭州市空气综合指数达3.83，较“十三五”末改善23.4%。", ("杭州市", "空气综合指数", "3.83", "无量纲", "2024")),
    ("2023年，成都市优良天数比例同比78.4%，较上年增加5.4个百分点。", ("成都市", "优良天数比例增加", "5.4", "个百分点", "2023")),
    ("晋城市生态环境局高平分局帮助59家企业完成信用修复。", (None, "帮助企业完成信用修复", "59", "家", "")),
    ("2023年洞庭湖区域发现越冬水鸟2.8万只。", ("洞庭湖", "区域发现越冬水鸟", "2.8", "万只", "2023")),
    ("2022年，西安市PM10平均浓度降至七十二微克/立方米。", ("西安市", "PM10平均浓度", "72", "微克/立方米", "2022")),
    ("2024年四川省203个国考断面水质优良率达99.5%。", ("四川省", "国考断面", "203", "个", "2024")),
    ("2024年四川省203个国考断面水质优良率达99.5%。", ("四川省", "国考断面水质优良率", "99.5", "%", "2024")),
    ("2024年，四川省水质改善。成都市力争2025年全市污水处理率达到98%。若尔盖县黑颈鹤增至1200余只。",
     ("若尔盖县", "黑颈鹤", "1200", "只", "2024")),
    ("2024年巢湖全湖水质达到Ⅲ类，为1979年有监测记录以来最好水平。合肥市蓝藻水华面积同比下降42.3%。",
     ("合肥市", "蓝藻水华面积同比下降", "42.3", "%", "2024")),
    ("合肥市十八联圩湿地累计记录鸟类298种。", (None, "记录鸟类", "298", "种", "")),
    ("晋中市生态环境局分别制定整改措施69项、154项。", (None, "整改措施", "154", "项", "")),
]
# fmt: on


@pytest.mark.parametrize("text,expected", CASES)
def test_observation(nlp, text, expected):
    got = observations(nlp, text)
    subject, *rest = expected
    matches = [g for g in got if list(g[1:]) == rest and (subject is None or g[0] == subject)]
    assert matches, f"{expected} not in {got}"


@pytest.mark.parametrize("text", [
    "4月3日下午，召开会议。",
    "SO2、CO、NOx连续5年稳定。",
    "在“十四五”收官的2025年。",
    "办结率在晋城市排名第1。",
    "会议议定五项事项。",
    "晋中市生态环境局从3个方面推进工作。",
    "晋中市实现“两个确保”，抓好3个重点。",
])
def test_no_observation(nlp, text):
    assert observations(nlp, text) == []


@pytest.mark.parametrize("text,value", [
    ("300", "300"), ("1.40", "1.4"), ("三十", "30"), ("一百二十", "120"), ("两", "2"),
])
def test_numbers(text, value):
    assert format_decimal(parse_number(text)) == value


def test_format_decimal_never_uses_exponents():
    assert format_decimal(Decimal("1E+2")) == "100"
