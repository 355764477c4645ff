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
    # a year inside a title (a plan's span) dates no figure after it; the year before it does
    ("2021年，合肥市召开会议。合肥市实施《湿地保护规划（2022—2030年）》。合肥市累计修复湿地43公顷。",
     ("合肥市", "修复湿地", "43", "公顷", "2021")),
    ("长江干流监测到的鱼类物种数已从禁渔前的193种增加到227种，长江江豚种群数量达到1249头。长江宜昌段水质好。",
     ("长江", "干流监测到的鱼类物种数", "227", "种", "")),
    ("长江干流监测到的鱼类物种数已从禁渔前的193种增加到227种，长江江豚种群数量达到1249头。长江宜昌段水质好。",
     ("长江", "长江江豚种群数量", "1249", "头", "")),
    ("晋中市生态环境局分别制定整改措施69项、154项。", (None, "整改措施", "154", "项", "")),
    ("四川省生态环境厅印发规划，明确到2025年全省地表水国考断面水质优良比例达到95%以上。",
     ("四川省生态环境厅", "地表水国考断面水质优良比例", "95", "%", "2025")),
    ("黑龙江省扎龙国家级自然保护区迎来首批丹顶鹤，数量达到320只。", ("扎龙国家级自然保护区", "数量", "320", "只", "")),
    ("厦门市生态环境局对12家重点排污单位开展执法检查。", ("厦门市生态环境局", "重点排污单位开展执法检查", "12", "家", "")),
    ("2024年，重庆市长江干流水质保持Ⅱ类，74个国控断面水质优良比例达到100%。",
     ("重庆市", "国控断面水质优良比例", "100", "%", "2024")),
    ("安徽省合肥市巢湖流域2024年共投入治理资金35.6亿元，实施工程项目126个。",
     ("合肥市", "投入治理资金", "35.6", "亿元", "2024")),
    # things done and money spent belong to the bureau that did them, not to a lake named in between
    ("湖州市生态环境局长兴分局联合县公安局，对太湖沿岸3家企业开展突击检查，罚款共计42.6万元。",
     ("湖州市生态环境局长兴分局", "沿岸企业开展突击检查", "3", "家", "")),
    ("湖州市生态环境局长兴分局联合县公安局，对太湖沿岸3家企业开展突击检查，罚款共计42.6万元。",
     ("湖州市生态环境局长兴分局", "罚款", "42.6", "万元", "")),
    ("三江源国家公园内藏羚羊种群数量已恢复至7万余只。", ("三江源国家公园", "藏羚羊种群数量", "7", "万只", "")),
    ("济南市章丘区今年共查处环境违法案件45起，罚没款合计386万元。", ("章丘市", "罚没款", "386", "万元", "")),
    # a year after 较 is the baseline of a change, not the year of the figures
    ("2023年，乌江流域26个国控断面水质优良比例达100%，较2020年提高3.8个百分点。",
     (None, "国控断面水质优良比例提高", "3.8", "个百分点", "2023")),
    # 近年来 says its own span: the sentence before dates nothing in it (issue 12)
    ("2023年，贵州省乌江流域水质优良比例较2020年提高3.8个百分点。近年来，全省累计投入治理资金86.4亿元。",
     ("贵州省", "投入治理资金", "86.4", "亿元", "")),
    ("2023年，贵州省乌江流域水质优良比例较2020年提高3.8个百分点。近年来，全省累计投入治理资金86.4亿元。",
     ("乌江", "水质优良比例提高", "3.8", "个百分点", "2023")),
    ("2024年安阳市环境改善。安阳河、卫河等主要河流水质稳步提升，全市8个国考断面水质全部达到考核目标。",
     ("安阳市", "国考断面水质全部达到考核目标", "8", "个", "2024")),
    ("甘肃省查处案件12宗，淘汰老旧车辆3200辆。", ("甘肃省", "淘汰老旧车辆", "3200", "辆", "")),
    ("甘肃省查处案件12宗，淘汰老旧车辆3200辆。", ("甘肃省", "查处案件", "12", "宗", "")),
    ("2023年，甘肃省新增光伏装机容量560万千瓦。", ("甘肃省", "新增光伏装机容量", "560", "万千瓦", "2023")),
    ("2023年，甘肃省工业废气中颗粒物排放浓度为8.5毫克/立方米。", ("甘肃省", "工业废气中颗粒物排放浓度", "8.5", "毫克/立方米", "2023")),
    ("武汉市黄陂区前川污水处理厂提标改造工程正式通水运行。该工程总投资2.8亿元。",
     ("武汉市黄陂区前川污水处理厂提标改造工程", "该工程总投资", "2.8", "亿元", "")),
    ("石家庄市PM2.5浓度由2015年的89微克/立方米降至2023年的49微克/立方米。",
     ("石家庄市", "PM2.5浓度", "49", "微克/立方米", "2023")),
    ("2024年，晋城市森林覆盖率从2012年的30.2%提高到2023年的35.6%。", ("晋城市", "森林覆盖率", "35.6", "%", "2023")),
    ("2023年，山西省完成营造林面积1,234.5万亩，查处案件2,345起。", ("山西省", "完成营造林面积", "1234.5", "万亩", "2023")),
    ("2023年，山西省完成营造林面积1,234.5万亩，查处案件2,345起。", ("山西省", "查处案件", "2345", "起", "2023")),
    # a parenthesised aside before the figure is part of its clause; a symbol in it stays
    ("2023年，湖北省水质优良（Ⅰ～Ⅲ类）断面比例为94.4%。", ("湖北省", "水质优良断面比例", "94.4", "%", "2023")),
    ("2023年，武汉市细颗粒物（PM2.5）年均浓度为39微克/立方米。", ("武汉市", "细颗粒物PM2.5年均浓度", "39", "微克/立方米", "2023")),
    ("2023年，四川省其中国家一级重点保护野生动物大熊猫、川金丝猴、绿尾虹雉等共96种。",
     ("四川省", "国家一级重点保护野生动物", "96", "种", "2023")),
    # one figure per item of a list: 分别为 …, 同比分别下降 …
    ("2023年，太原市PM2.5、PM10年均浓度分别为42、78微克/立方米，同比分别下降4.5%和3.7%。",
     ("太原市", "PM2.5年均浓度", "42", "微克/立方米", "2023")),
    ("2023年，太原市PM2.5、PM10年均浓度分别为42、78微克/立方米，同比分别下降4.5%和3.7%。",
     ("太原市", "PM10年均浓度", "78", "微克/立方米", "2023")),
    ("2023年，太原市PM2.5、PM10年均浓度分别为42、78微克/立方米，同比分别下降4.5%和3.7%。",
     ("太原市", "PM10年均浓度下降", "3.7", "%", "2023")),
    ("2023年，晋城市二氧化硫、二氧化氮浓度分别为12微克/立方米和30微克/立方米。",
     ("晋城市", "二氧化硫浓度", "12", "微克/立方米", "2023")),
    ("2023年，山西省化学需氧量、氨氮排放量分别削减3.2万吨、0.4万吨。",
     ("山西省", "化学需氧量排放量削减", "3.2", "万吨", "2023")),
    # the body a bureau works with does not report the figures (市生态环境局联合市水务局)
    ("兰州市生态环境局联合市水务局开展“清四乱”专项行动，清理河道垃圾3.2万吨。",
     ("兰州市生态环境局", "清理河道垃圾", "3.2", "万吨", "")),
    # 其中 refers back: its figures keep the subject of the figure before, not the article's main place
    ("督察组向湖南省转办群众信访举报1256件。其中，责令整改632家。岳阳市生态环境局开展专项整治。",
     ("湖南省", "责令整改", "632", "家", "")),
    # a change that names its own quantity before the change word carries nothing from the figure before
    ("2022年，宁海县森林覆盖率达到60%，湿地面积比上年增加120公顷。", ("宁海县", "湿地面积比上年增加", "120", "公顷", "2022")),
    ("宁海县水土保持率为90%，每年可增加蓄水能力5万立方米。", ("宁海县", "每年可增加蓄水能力", "5", "万立方米", "")),
    ("宁海县优良天数比例为90%，同比提高3个百分点。", ("宁海县", "优良天数比例提高", "3", "个百分点", "")),
    # a measured figure whose quantity is named after it (a verb before it names nothing)
    ("2023年，嘉兴市撬动12亿元社会资本，腾出30万平方米产业空间。", ("嘉兴市", "撬动社会资本", "12", "亿元", "2023")),
    ("2023年，嘉兴市撬动12亿元社会资本，腾出30万平方米产业空间。", ("嘉兴市", "腾出产业空间", "30", "万平方米", "2023")),
    ("宁海县有效保护了80%以上的天然湿地。", ("宁海县", "有效保护天然湿地", "80", "%", "")),
    ("宁海县PM2.5平均浓度为25微克/立方米左右。", ("宁海县", "PM2.5平均浓度", "25", "微克/立方米", "")),
    # counts in a list: each takes the noun after it, not the joining word or the item before
    ("宁海县覆盖5条河流，以及40个排污口与16个取水口。", ("宁海县", "排污口", "40", "个", "")),
    ("宁海县覆盖5条河流，以及40个排污口与16个取水口。", ("宁海县", "取水口", "16", "个", "")),
    ("宁海县今年实施18个重点项目。", ("宁海县", "实施重点项目", "18", "个", "")),  # 重点 + a noun is no figure of speech
    # 全市 in the sentence: a lake named in an earlier clause is not what the figures are about
    ("嘉兴市召开会议。全市沿太湖排查，共有120个入河排污口和35个养殖场。", ("嘉兴市", "入河排污口", "120", "个", "")),
    # a change written 由A到B reports both figures, under the indicator written before 由 (its year if written)
    ("石家庄市PM2.5浓度由2015年的89微克/立方米降至2023年的49微克/立方米。", ("石家庄市", "PM2.5浓度", "89", "微克/立方米", "2015")),
    ("石家庄市PM2.5浓度由2015年的89微克/立方米降至2023年的49微克/立方米。", ("石家庄市", "PM2.5浓度", "49", "微克/立方米", "2023")),
    ("宁海县年均输沙量由3.2万吨减少到1.1万吨。", ("宁海县", "年均输沙量", "3.2", "万吨", "")),
    ("宁海县鱼类物种数已从禁渔前的93种增加到127种。", ("宁海县", "鱼类物种数", "93", "种", "")),
    ("宁海县森林覆盖率也从过去的30%提高到了现在的52%。", ("宁海县", "森林覆盖率", "52", "%", "")),
    ("宁海县森林覆盖率也从过去的30%提高到了现在的52%。", ("宁海县", "森林覆盖率", "30", "%", "")),
    # a sentence that names a project and no division or body: its figures are the project's
    ("嘉兴市召开会议。2022年，启动了南湖公园改造提升项目，完成12个重要节点改造。",
     ("南湖公园改造提升项目", "完成重要节点改造", "12", "个", "2022")),
    ("北京市PM2.5二十四小时之内均值超过400微克/立方米。", ("北京市", "PM2.5均值", "400", "微克/立方米", "")),  # the span goes
    # 占全国…: the whole a share is taken of is not what the share is about
    ("浙江省以占全国1%的土地、3%的用水量创造了产值。", ("浙江省", "土地", "1", "%", "")),
    # the bodies an agent works with (联合…、…) do not report the sentence's figures
    ("宁海县人民检察院联合县农业农村局、县生态环境局开展活动，共投放鱼苗5000尾。", ("宁海县人民检察院", "投放鱼苗", "5000", "尾", "")),
    # laws are counted in 部; 部门 is no unit
    ("宁海县召开会议。目前，宁海县已出台地方性法规12部。", ("宁海县", "出台地方性法规", "12", "部", "")),
    # X是…: the places after the copula only say what X is; X's figures stay X's
    ("宁海县召开会议。汾河是黄河的第二大支流，流域面积为3.9万平方公里。", ("汾河", "面积", "3.9", "万平方公里", "")),
    # a nationwide figure is about the country node (中国, written 全国 or 我国)
    ("2023年全国森林覆盖率达到24.5%。", ("中国", "森林覆盖率", "24.5", "%", "2023")),
    ("目前，我国草原综合植被盖度为50.3%。", ("中国", "草原综合植被盖度", "50.3", "%", "")),
    # a figure whose sentence names nothing: the country when the article names it more than any division
    ("我国推进治理，全国各地参与。宁海县派员参加。优良天数比例为87%。", ("中国", "优良天数比例", "87", "%", "")),
    ("宁海县推进治理，争当全国示范。宁海县召开会议。优良天数比例为87%。", ("宁海县", "优良天数比例", "87", "%", "")),
    ("宁海县委部署，宁海县政府落实。宁海县荣获全国示范县、全国模范县称号。森林覆盖率为62%。",
     ("宁海县", "森林覆盖率", "62", "%", "")),  # the county inside 宁海县委 counts as a mention of it
    ("浙江省召开会议。2022年，全国地表水优良断面比例为87.9%。", ("中国", "地表水优良断面比例", "87.9", "%", "2022")),
    # 全省/全市 written after a ranking's 全国 (or another place): the division of that level before it
    ("浙江省召开会议。近年来，宁夏森林覆盖率居全国前列，全区水质优良率为90%。", ("宁夏回族自治区", "水质优良率", "90", "%", "")),
    ("近年来，宁海县森林覆盖率居全国前列，全县水质优良率为90%。", ("宁海县", "水质优良率", "90", "%", "")),
    ("浙江省召开会议。近年来，江西省森林面积位居全国前列，全省空气质量优良率为83%。", ("江西省", "空气质量优良率", "83", "%", "")),
    # where something lies (地处/位于 … up to the clause's end) is no subject; 位于X的Y: X is Y's place and may be
    ("宁海县风景秀丽。地处天台山区，野生动植物3400余种。", ("宁海县", "野生动植物", "3400", "种", "")),
    ("宁海县召开会议。该基地位于宁海县桥头胡街道，占地面积约51亩。", ("宁海县", "占地面积", "51", "亩", "")),
    ("浙江省召开会议。在位于宁海县的一家电厂，烟尘排放下降70%。", ("宁海县", "烟尘排放下降", "70", "%", "")),
    # a photo credit run into the next sentence ends it: the body that gave the photo reports nothing
    ("宁海县推进治理。宁海县委宣传部供图全县森林覆盖率达62%。", ("宁海县", "森林覆盖率", "62", "%", "")),
]
# fmt: on


@pytest.mark.parametrize("text,expected", CASES)
def test_observation(nlp, text, expected):
    got = observations(nlp, text)
    subject, *rest = expected
    matches = [g for g in got if list(g[1:]) == rest and (subject is None or g[0] == subject)]
    assert matches, f"{expected} not in {got}"


def _dated(nlp, text: str, date: str):
    """The observations of `text` read as one article dated `date`."""
    from kg.types import Article

    doc = nlp.make_doc(text)
    doc._.article = Article("p.txt", 1, "", text, 0, len(text), date=date)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc._.observations


def test_a_figure_with_no_year_takes_the_year_the_article_is_dated(nlp):
    text = "1—10月，兰州市优良天数为262天。2023年，兰州市PM2.5平均浓度为31微克/立方米。"
    text += "去年，兰州市重污染天数为9天。"
    years = {date: [(o.indicator, o.year) for o in _dated(nlp, text, date)] for date in ("2024-11-20", "11月20日")}
    assert years["2024-11-20"] == [("优良天数", "2024"), ("PM2.5平均浓度", "2023"), ("重污染天数", "2023")]
    assert years["11月20日"][:2] == [("优良天数", ""), ("PM2.5平均浓度", "2023")]


@pytest.mark.parametrize("text,year", [
    ("今年，宁海县优良天数为300天。", "2024"),
    ("今年以来，宁海县优良天数为300天。", "2024"),
    ("截至目前，宁海县共建成污水处理厂12座。", "2024"),
    ("十年来，宁海县累计造林8000亩。", ""),
    ("新时代十年，宁海县累计造林8000亩。", ""),
    ("多年来，宁海县共建成污水处理厂12座。", ""),
    ("2019年以来，宁海县累计造林8000亩。", ""),
])
def test_the_article_date_gives_no_year_to_a_sum_over_years_that_end_now(nlp, text, year):
    [observation] = _dated(nlp, text, "2024-11-20")
    assert observation.year == year


@pytest.mark.parametrize("text", [
    "4月3日下午，召开会议。",
    "SO2、CO、NOx连续5年稳定。",
    "在“十四五”收官的2025年。",
    "办结率在晋城市排名第1。",
    "会议议定五项事项。",
    "晋中市生态环境局从3个方面推进工作。",
    "晋中市实现“两个确保”，抓好3个重点。",
    "生态环境部通报，全国339个地级及以上城市空气质量改善。",
    "湖南省14个市州全部完成任务。",
    "今年前5个月，宁海县召开会议。",  # a span of time that dates something
    "4小时后，宁海县的隐患被排除。",
    "30多个小时后，宁海县的污水变清。",  # 个 + 小时: a span of time too
    "经过3个多月后，宁海县完成整改。",
    "宁海县5部门联合召开会议。",
    "长江串联起11个省市。",  # the places a figure is about, not a figure
    "宁海县产品通达全球120个国家和地区。",
    "为期3天的博览会在宁海县开幕。",  # a span of time
])
def test_no_observation(nlp, text):
    assert observations(nlp, text) == []


@pytest.mark.parametrize("text,value", [
    ("300", "300"), ("1.40", "1.4"), ("三十", "30"), ("一百二十", "120"), ("两", "2"),
])
def test_numbers(text, value):
    assert format_decimal(parse_number(text)) == value


@pytest.mark.parametrize("text", ["十十一", "5亿九", "十十", "百百", "..."])
def test_issue_15_malformed_numerals_are_no_number(text):
    assert parse_number(text) is None


def test_format_decimal_never_uses_exponents():
    assert format_decimal(Decimal("1E+2")) == "100"


def test_one_country_node_for_its_written_forms(nlp):
    doc = nlp("全国优良天数比例为86%，我国建设美丽中国。")
    country = doc._.entities["country:CN"]
    assert (country.cls, country.label) == ("Country", "中国")
    assert {"全国", "我国", "中华人民共和国"} <= set(country.aliases)
    assert [m.text for m in doc._.linked.mentions if m.key == "country:CN"] == ["全国", "我国"]  # not 美丽中国


# Issue 12: an indicator names a quantity, not a clause around the figure.
@pytest.mark.parametrize("text,bad", [
    ("评估的60处保护区中，41处为“优”。", "为优"),  # the figure is the subject: 为 opens no quantity
    ("全县公务用车在限行的基础上，再停驶20%。", "再停驶"),
    ("会议听取3个督导组赴5个县督导情况的汇报。", "听取督导组赴"),
    ("宁海县督促王某某等6人缴纳赔偿金。", "王某某等缴纳赔偿金"),  # a clause about people
    ("宁海县对800多家停产企业开展检查。", "停产"),  # only a verb: the thing counted is missing
    ("宁海县这3天开展巡查。", "这"),
])
def test_issue_12_no_clause_for_an_indicator(nlp, text, bad):
    assert bad not in [o[1] for o in observations(nlp, text)]


@pytest.mark.parametrize("text,indicator", [
    ("2024年，宁海县优良天数为320天。", "优良天数"),
    ("2024年，宁海县PM2.5平均浓度为26微克/立方米。", "PM2.5平均浓度"),
    ("2024年，宁海县森林覆盖率已达64.5%。", "森林覆盖率"),  # 已 is cut off, not kept
    ("宁海县白溪流域内新增绿化面积2.1平方公里。", "流域内新增绿化面积"),  # 内 belongs to 流域
    ("2024年，宁海县污水处理能力达到12万吨。", "污水处理能力"),
])
def test_issue_12_indicators_that_name_a_quantity_are_kept(nlp, text, indicator):
    assert indicator in [o[1] for o in observations(nlp, text)]


# Issue 12: a figure about the economy is no observation of the environment; one that ties the
# economy to the environment is.
@pytest.mark.parametrize("text,indicator,kept", [
    ("2024年，宁海县农村居民人均可支配收入为3.2万元。", "农村居民人均可支配收入", False),
    ("2024年，宁海县接待游客520万人次。", "接待游客", False),
    ("2024年，宁海县地区生产总值达到820亿元。", "地区生产总值", False),
    ("2024年，宁海县单位GDP能耗下降3.1%。", "单位GDP能耗", True),
    ("2024年，宁海县环保产业营业收入达到12亿元。", "环保产业营业收入", True),
    # trade, welfare and gatherings: society, not the environment
    ("2024年，宁海县港口货物吞吐量达到2000万吨。", "港口货物吞吐量", False),
    ("2024年，宁海县常住人口城镇化率达到70%。", "常住人口城镇化率", False),
    ("宁海县各乡镇代表共120余人参加会议。", "参加会议", False),
    ("宁海县论坛共邀请到12个国家。", "邀请", False),
    ("2024年，宁海县港口污染防治资金达到1200万元。", "港口污染防治资金", True),
])
def test_issue_12_economy_figures_dropped(nlp, text, indicator, kept):
    got = [o[1] for o in observations(nlp, text)]
    assert any(indicator in g for g in got) == kept, got


# Issue 12: a clause with a done verb (了) is no indicator; a 了 before the figure belongs to the
# work done, whose object the figure counts.
@pytest.mark.parametrize("text,bad", [
    ("宁海县对6家企业开展了督察。", "企业开展了督察"),
    ("宁海县的企业签订了来自欧洲的1000万元订单。", "企业签订了来自欧洲"),
    ("宁海县旅游总收入达到79亿元，年均增长15.8%。", "年均增长"),  # a change whose quantity was dropped
    ("宁海县夜间点次达标率为 91.4%。", "夜间点次达标率为"),  # a space before the figure
])
def test_issue_12_clauses_and_bare_changes_are_no_indicator(nlp, text, bad):
    assert bad not in [o[1] for o in observations(nlp, text)]


@pytest.mark.parametrize("text,indicator", [
    ("宁海县有效保护了全县75%以上的自然生态系统类型。", "有效保护全县自然生态系统类型"),
    ("宁海县疏通清理了近420公里污水管网。", "疏通清理污水管网"),
    ("宁海县夜间点次达标率为 91.4%。", "夜间点次达标率"),
])
def test_issue_12_work_done_names_its_figure(nlp, text, indicator):
    assert indicator in [o[1] for o in observations(nlp, text)]


@pytest.mark.parametrize("text", [
    "违反规定的，处一万元以上十万元以下罚款。",  # the bounds of a rule, not a reported figure
    "宁海县处置不当的，处2万元以上20万元以下罚款。",
    "2024年，宁海县接待旅游人次达到500万人次。",  # tourism: the economy
])
def test_issue_12_no_observation_in_rules_and_tourism(nlp, text):
    assert observations(nlp, text) == []


def test_issue_12_a_year_since_dates_no_figure_from_an_earlier_sentence(nlp):
    text = "2020年，宁海县召开会议。2022年以来，全县立案侦办污染环境刑事案件40起。"
    assert [(o[1], o[4]) for o in observations(nlp, text)] == [("立案侦办污染环境刑事案件", "")]


@pytest.mark.parametrize("text,expected", [
    # 由A到B: the year written in the 由 phrase dates A, not B
    ("2020年宁海县地表水优良水体比例由2015年的66%提高到了83.4%。", [("66", "2015"), ("83.4", "2020")]),
    ("宁海县优良天数由2013年的176天，增加到2021年的288天。", [("176", "2013"), ("288", "2021")]),
    ("2020年全国PM2.5平均浓度为每立方米37微克，比2015年下降28.8%。", [("37", "2020"), ("28.8", "2020")]),
])
def test_issue_12_years_of_a_figure_moved_from(nlp, text, expected):
    assert [(o[2], o[4]) for o in observations(nlp, text)] == expected


@pytest.mark.parametrize("text", [
    "宁海县灌区是全国3个特大型灌区之一。",  # a rank among others
    "宁海县信访件在3-5个工作日内办结。",  # the upper bound of a range
    "宁海县计划培育1-2个绿色工厂。",  # 1-2个: a range, not a figure
    "全县12个市（区）均未出现重度污染天。",  # the places counted, not a figure
    "该项目涉及宁海县6个村。",
    "2024年，宁海县十种有色金属产量同比增长8%。",  # industry output
    "宁海县农民人均增收6000元。",
])
def test_issue_12_no_observation_in_ranks_places_and_output(nlp, text):
    assert observations(nlp, text) == []


def test_issue_12_a_concentration_written_per_cubic_metre_first(nlp):
    got = observations(nlp, "2020年全国PM2.5平均浓度为每立方米37微克，比2015年下降28.8%。")
    assert [(o[1], o[3]) for o in got] == [("PM2.5平均浓度", "微克/立方米"), ("PM2.5平均浓度下降", "%")]


@pytest.mark.parametrize("text,expected", [
    # 从A，减少到B (a comma between) and 发展到/恢复到: both figures keep the indicator before 从
    ("截至2015年底，宁海县水土流失面积从2010年底的5.53万平方公里，减少到4.9万平方公里。",
     [("水土流失面积", "5.53", "2010"), ("水土流失面积", "4.9", "2015")]),
    ("宁海县优良天数由2013年的176天，增加到2021年的288天。", [("优良天数", "176", "2013"), ("优良天数", "288", "2021")]),
    ("2016年，宁海县黑颈鹤数量从上世纪的不足300只发展到2000只。", [("黑颈鹤数量", "300", "2016"), ("黑颈鹤数量", "2000", "2016")]),
])
def test_issue_12_a_figure_moved_to_across_a_comma(nlp, text, expected):
    assert [(o[1], o[2], o[4]) for o in observations(nlp, text)] == expected


@pytest.mark.parametrize("text,year", [
    ("宁海县从2015年开始试点。\n目前，宁海县森林覆盖率达到62%。", ""),  # a year said in passing, another paragraph
    ("2006年8月，宁海县召开会议。\n当年，宁海县森林覆盖率达到62%。", "2006"),  # a year that opens a sentence as its time
    ("2006年8月，宁海县召开会议。这几年，宁海县森林覆盖率达到62%。", ""),  # a sentence with a time of its own
    ("2025年，宁海县推进治理。\n宁海县森林覆盖率达到62%。", "2025"),
    ("宁海县从2015年开始试点，森林覆盖率达到62%。", "2015"),  # in its own sentence
    ("宁海县从2015年开始试点。宁海县森林覆盖率达到62%。", ""),  # a starting point dates no later sentence
    # a chronology (several years date what came before): an earlier paragraph's year is its own event's
    ("2012年12月，宁海县召开会议。\n2015年，宁海县出台规划。\n宁海县森林覆盖率达到62%。", ""),
    ("2015年，宁海县出台规划。\n2015年，宁海县推进治理。\n宁海县森林覆盖率达到62%。", "2015"),
    # an event's date (2020年7月, 2023年5月5日) dates its own sentence, not the figures after it
    ("2020年7月，宁海县部署开展为期三年的专项行动。宁海县共清理河道120公里。", ""),
    ("2019年，宁海县推进治理。2023年5月5日，宁海县生态环境局对一家公司进行了调查。该公司被罚款20万元。", ""),
    ("2020年7月，宁海县部署开展专项行动，共清理河道120公里。", "2020"),
    ("自2007年1月起，宁海县一家工厂违法排污。受污染场地面积约3.8万平方米。", ""),
])
def test_issue_12_a_year_from_an_earlier_paragraph_only_when_it_is_the_time_of_a_sentence(nlp, text, year):
    assert [o[4] for o in observations(nlp, text)] == [year]


@pytest.mark.parametrize("text,expected", [
    # 增加到/恢复到 without 从: the level reached, not a change; 增加了: a change
    ("白溪越冬鸟类增加到10万多只。", [("越冬鸟类", "10")]),
    ("宁海县空气质量达标天数增加到226天，比5年前增加了50天。", [("空气质量达标天数", "226"), ("空气质量达标天数增加", "50")]),
    ("宁海县红树林面积恢复到43.8公顷。", [("红树林面积", "43.8")]),
])
def test_issue_12_a_level_reached_is_no_change(nlp, text, expected):
    assert [(o[1], o[2]) for o in observations(nlp, text)] == expected


@pytest.mark.parametrize("text,subject", [
    # a body that only reports the figure is not what it is about
    ("宁海县生态环境局介绍，宁海县新建河长工作站12个。", "宁海县"),
    ("宁海县生态环境局统计，2024年宁海县共查处环境违法案件80件。", "宁海县"),
    ("宁海县生态环境局最新发布的数据显示，宁海县水质优良比例为95%。", "宁海县"),
])
def test_issue_12_a_reporting_body_is_no_subject(nlp, text, subject):
    assert [o[0] for o in observations(nlp, text)] == [subject]


def test_issue_12_a_bare_count_names_nothing(nlp):
    assert observations(nlp, "在宁海县，像这样的沟道，总共有416条。") == []


@pytest.mark.parametrize("text,indicator", [
    # what a count counts ends before the adverb, preposition or particle of its predicate
    ("宁海县270多个洞窟壁画已完成数字化采集。", "洞窟壁画"),
    ("宁海县30座水电站已全部停产。", "水电站"),
    ("宁海县11起督办案件案情较为复杂。", "督办案件案情"),
])
def test_issue_12_a_count_counts_a_noun_not_its_predicate(nlp, text, indicator):
    assert [o[1] for o in observations(nlp, text)] == [indicator]


@pytest.mark.parametrize("text,counted", [
    # a count before a measured figure counts the noun, not the measured figure's name
    ("宁海县8个国考断面优良水体比例为100%。", "国考断面"),
    ("宁海县6个中心城市优良天数比例为98.4%。", "中心城市"),
    ("宁海县203个国考断面水质优良率达99.5%。", "国考断面"),
])
def test_a_count_before_a_measured_figure_counts_its_noun(nlp, text, counted):
    assert [o[1] for o in observations(nlp, text) if o[3] == "个"] == [counted]


@pytest.mark.parametrize("text,indicator", [
    # a dateline after a headline or before the first sentence names nothing of the figure
    ("原标题：宁海县三部门联合督办污染环境案11起本报讯（记者 张三）宁海县召开会议。", "三部门联合督办污染环境案"),
    ("宁海县法院新闻2日电 判决赔付金额1.3亿元。", "判决赔付金额"),
])
def test_a_dateline_is_no_part_of_an_indicator(nlp, text, indicator):
    assert [o[1] for o in observations(nlp, text)] == [indicator]


@pytest.mark.parametrize("text", [
    "宁海县地区生产总值达740亿元，占全省比重约25%。",  # a share of the economy
    "200多公里之外的宁海县一家纸厂因为超标排污被曝光。",  # a distance that says where
    "宁海县一家上市企业股价收涨5.88%。",  # the stock market
    "宁海县国际国内航线达到17条。",  # transport
])
def test_issue_12_no_observation_of_economy_shares_distances_and_transport(nlp, text):
    assert observations(nlp, text) == []


def test_issue_12_a_share_of_the_environment_is_kept(nlp):
    got = observations(nlp, "宁海县清洁能源消费量占能源消费总量比重达25%。")
    assert [o[2] for o in got] == ["25"]


@pytest.mark.parametrize("text,subject", [
    # the place a verb's object goes to (向, 为) is not what the figure is about
    ("白溪水库累计向宁海县供水4亿立方米。", "白溪水库"),
    ("浙江省召开会议。宁海县向三门县兑付补偿金1.2亿元。", "宁海县"),
])
def test_issue_12_a_place_after_向_is_no_subject(nlp, text, subject):
    assert [o[0] for o in observations(nlp, text)] == [subject]


@pytest.mark.parametrize("text,subject", [
    # a list closed by 等 names a group: the figure is the group's, not its last member's
    ("宁海县召开会议。白溪、宁丰河等8条河流水质优良比例为95%。", "宁海县"),
    ("宁海县召开会议。宁丰镇、宁溪镇等5个乡镇共清理河道30公里。", "宁海县"),
    ("宁海县召开会议。白溪、宁丰河水质优良比例为95%。", "宁丰河"),  # no 等: the items' own figure
])
def test_a_member_of_an_open_list_is_no_subject(nlp, text, subject):
    assert [o[0] for o in observations(nlp, text)] == [subject]


@pytest.mark.parametrize("text", [
    "宁海县长臂猿种群数量恢复到6群37只。",  # 群: one character names no quantity
    "宁海县打通助企惠企最后1公里。",  # a figure of speech
    "宁海县新增高速公路77公里。",  # transport
    "宁海县公路总里程达到3.9万公里。",
])
def test_issue_12_no_observation_of_one_character_speech_and_roads(nlp, text):
    assert observations(nlp, text) == []


def test_issue_12_an_approximation_after_a_count_is_the_count_s(nlp):
    got = observations(nlp, "宁海县计划制定100项左右重点产品碳足迹规则标准。")
    assert [o[1] for o in got] == ["计划制定重点产品碳足迹规则标准"]


@pytest.mark.parametrize("text", [
    "处罚决定日期：2023/07/13处罚机关：宁海县生态环境局。",  # a date written with slashes
    "宁海县倡导少开一天车。",  # 一天: speech
    "宁海县一家公司注册资本为63亿元。",  # the economy
    "宁海县跟其他18个县市一起获奖。",  # the places counted
])
def test_issue_12_no_observation_in_dates_speech_and_capital(nlp, text):
    assert observations(nlp, text) == []


def test_issue_12_closing_factories_is_environmental_work(nlp):
    got = observations(nlp, "宁海县关停退出一般制造业企业1992家。")
    assert [o[1] for o in got] == ["关停退出一般制造业企业"]


def test_issue_12_a_listed_place_of_another_clause_is_no_living_count_s_subject(nlp):
    got = observations(nlp, "全国实现了对长江、黄河、澜沧江源头整体保护，东北虎数量超过50只。")
    assert [o[0] for o in got] == ["中国"]


@pytest.mark.parametrize("text", [
    "宁海县各乡镇干部24小时值班值守。",  # a span of time, not a count of hours
    "6个月的时间，宁海县关停企业。",
])
def test_issue_12_a_span_of_time_is_no_figure(nlp, text):
    assert [o for o in observations(nlp, text) if o[3] in ("小时", "个月")] == []


@pytest.mark.parametrize("text,indicator", [
    ("宁海县1-7月预审通过建设项目44个。", "预审通过建设项目"),  # the months date it
    ("2022年，宁海县空气质量优良天数为330天。", "空气质量优良天数"),  # a count of days stays
])
def test_issue_12_months_and_days(nlp, text, indicator):
    assert indicator in [o[1] for o in observations(nlp, text)]


def test_issue_12_a_sentence_with_a_time_of_its_own_takes_no_earlier_year(nlp):
    text = "2020年，宁海县召开会议。十年来，宁海县累计完成造林9.6万亩。"
    assert [(o[1], o[4]) for o in observations(nlp, text)] == [("完成造林", "")]


@pytest.mark.parametrize("text", [
    "宁海县召开会议。今年，国家有关部门已经下达环境污染治理资金预算500多亿元。",  # the country acts
    "宁海县召开会议。国家还开展重点区域矿山生态修复，治理修复废弃矿点近9000个。",
])
def test_issue_12_the_country_acting_is_the_subject(nlp, text):
    assert [o[0] for o in observations(nlp, text)] == ["中国"]


def test_issue_12_a_national_designation_names_no_country(nlp):
    got = observations(nlp, "宁海县新培育国家级绿色工厂10家。")
    assert [o[0] for o in got] == ["宁海县"]


def test_issue_12_a_year_moved_to_is_no_target(nlp):
    # 跃升到2021年的…: the year a figure moved to dates the paragraph, it looks ahead to nothing
    text = "宁海县地区生产总值从2012年的210亿元跃升到2021年的460亿元。宁海县水质优良率达到98.7%。"
    assert [(o[1], o[4]) for o in observations(nlp, text)] == [("水质优良率", "2021")]


def test_issue_12_the_noun_after_a_figure_is_that_figure_s(nlp):
    got = observations(nlp, "宁海县一家公司以每吨64.99元的价格购买了377吨碳减排量。")
    assert [o[1] for o in got if o[2] == "377"] == ["购买碳减排量"]  # 价格 is 64.99元's


# --- precision on real text: what a row must be, or must not be -----------------------------



# an approximation word before a count's number (近, 超, 逾) is the figure's, not what it counts
# fmt: off
PRECISION_ROWS = [
    ("宁海县建成近300个口袋公园。", ("宁海县", "建成口袋公园", "300", "个", "")),
    ("宁海县推广超40项节能技术。", ("宁海县", "推广节能技术", "40", "项", "")),
    ("宁海县白溪沿岸建成逾20个水质监测站。", ("宁海县", "沿岸建成水质监测站", "20", "个", "")),
    # a sum after a list of places closed by their count (三市) is the group's, no member's; a level stays each one's
    ("浙江宁波、台州、温州三市累计创建绿色工厂120家。", ("浙江省", "创建绿色工厂", "120", "家", "")),
    ("浙江宁波、台州、温州三市空气优良天数比例达到95%。", ("温州市", "空气优良天数比例", "95", "%", "")),
    # the count of places that closes such a list (3市, 两市) names the group, not what is measured
    ("其中，浙江宁波、台州、温州3市先后建成36套噪声自动监测系统。", ("浙江省", "先后建成噪声自动监测系统", "36", "套", "")),
    ("浙江宁波、台州两市累计建成污水厂30座。", ("浙江省", "建成污水厂", "30", "座", "")),
    # a year followed by 相比 is the baseline of a change, not its time
    ("2024年，宁海县召开会议。与疫情前的2019年同期相比，宁海县PM2.5浓度下降了15%。",
     ("宁海县", "PM2.5浓度下降", "15", "%", "2024")),
    # the ends of a span (2021年到2024年, 2015-2020年) date their own sentence only
    ("宁海县推进治理。2021年到2024年，宁海县累计监测到土著鱼类34种。宁海县12座非法码头彻底整改。",
     ("宁海县", "非法码头", "12", "座", "")),
    ("宁海县推进治理。2021年到2024年，宁海县累计监测到土著鱼类34种。", ("宁海县", "监测到土著鱼类", "34", "种", "2024")),
    ("宁海县推进治理。2015-2020年宁海县生态系统面积变化11平方公里。宁海县优良自然生态系统面积占比超过43%。",
     ("宁海县", "优良自然生态系统面积占比", "43", "%", "")),
    # a start point in the figure's own sentence (从2013年起) opens the span the figure sums (累计, 连续, 现在…),
    # it is not its year
    ("从2013年起，宁海县累计淘汰涉重金属污染企业120家。", ("宁海县", "淘汰涉重金属污染企业", "120", "家", "")),
    ("从2011年起，宁海县连续投入2.8亿元对燃煤锅炉进行治理。", ("宁海县", "连续投入", "2.8", "亿元", "")),
    ("宁海县从2016年开始推进清洁取暖，清洁取暖率现在已经达到83%。", ("宁海县", "清洁取暖率", "83", "%", "")),
    # time words and adverbs left right before a figure are no part of its indicator
    ("宁海县推进治理，森林覆盖率现在已达62%。", ("宁海县", "森林覆盖率", "62", "%", "")),
    ("这几年，宁海县17万亩的种植面积却一直没有增加。", ("宁海县", "种植面积", "17", "万亩", "")),
    ("宁海县生态环境局每年开展督查不少于2次。", ("宁海县生态环境局", "每年开展督查", "2", "次", "")),
    ("宁海县白溪和宁丰河的直线距离不到500米。", ("宁丰河", "直线距离", "500", "米", "")),
    # the dash of a span whose years are cut (2015—|2020年) opens no indicator
    ("宁海县生态持续改善，2015—2020年生态系统质量等级提升的区域面积占比为11.67%。",
     ("宁海县", "生态系统质量等级提升的区域面积占比", "11.67", "%", "2020")),
    # a national body or campaign before a figure whose sentence names no place: the country's figure
    ("宁海县召开会议，我国生态持续改善。七年来，中央生态环保督察共受理转办群众举报28.7万件。",
     ("中国", "中央生态环保督察共受理转办群众举报", "28.7", "万件", "")),
    ("宁海县召开会议，全国推进治理。中央财政已累计下达资金500亿元。", ("中国", "中央财政已累计下达资金", "500", "亿元", "")),
    # the noun phrase after a figure is cut at a word's end, not inside a word (…有效保|护)
    ("宁海县加强保护，74%的重点保护野生动植物物种得到有效保护。",
     ("宁海县", "重点保护野生动植物物种得到有效保护", "74", "%", "")),
    ("宁海县所在的12345市民服务热线受理诉求200件。", ("宁海县", "市民服务热线受理诉求", "200", "件", "")),
]
# fmt: on


@pytest.mark.parametrize("text,expected", PRECISION_ROWS)
def test_precision_row(nlp, text, expected):
    got = observations(nlp, text)
    assert expected in got, got


# figures that are no reported measurement: the row must not be there at all
# fmt: off
NO_ROWS = [
    # the provinces a piece of work covered (8个省（区、市）): where, not a reported figure
    ("宁海县检查组先后到8个省（区、市）开展检查。", "8"),
    ("2015年，督察从浙江开始试点，完成了31个省（区、市）的全覆盖。", "31"),
    ("宁海县铁海联运覆盖全国18个省（区、市）。", "18"),
    # population, ages, share listings, ships: society and economy, no figure of the environment
    ("目前，宁海县百岁以上老人达到81人。", "81"),
    ("宁海县白溪村全村总人口3000余人。", "3000"),
    ("宁海县一家环保公司开启申购，发行价格为45元/股。", "45"),
    ("宁海县港区这艘油轮最大载重量30.8万吨。", "30.8"),
    # ... and with no country node in the article, no subject at all rather than the article's place
    ("宁海县召开会议。通过评审的项目，中央财政按照每个项目奖补4亿元安排资金。", "4"),
]
# fmt: on


@pytest.mark.parametrize("text,value", NO_ROWS)
def test_precision_no_row(nlp, text, value):
    got = observations(nlp, text)
    assert not [g for g in got if g[2] == value], got
