"""Relations from sentence patterns and name structure, with their evidence."""

import pytest


def relations(nlp, text):
    doc = nlp(text)
    label = {k: e.label for k, e in doc._.entities.items()}
    return {(label[r.subject], r.predicate, label[r.object]) for r in doc._.relations}, doc


# fmt: off
CASES = [
    ("晋城市生态环境局高平分局推进工作。", {
        ("晋城市生态环境局高平分局", "subOrganizationOf", "晋城市生态环境局"),
        ("晋城市生态环境局高平分局", "jurisdiction", "高平市"),
        ("晋城市生态环境局", "jurisdiction", "晋城市"),
        ("高平市", "partOf", "晋城市"),
    }),
    ("晋城市生态环境局高平分局党组书记、局长赵庆国表示，", {("赵庆国", "headOf", "晋城市生态环境局高平分局")}),
    ("太原市生态环境局举办“学习宣传贯彻《生态环境监测条例》提升执法效能”专题培训班。", {
        ("学习宣传贯彻《生态环境监测条例》提升执法效能专题培训班", "organizedBy", "太原市生态环境局"),
        ("学习宣传贯彻《生态环境监测条例》提升执法效能专题培训班", "about", "生态环境监测条例"),
    }),
    ("春日的晋城市高平市釜山景区法水湖碧波荡漾，200余只北归小天鹅结伴而至。", {
        ("法水湖", "locatedIn", "釜山景区"), ("釜山景区", "locatedIn", "高平市"), ("小天鹅", "observedAt", "法水湖"),
    }),
    ("晋中市平遥县汾河三坝库区水清岸绿。", {("汾河三坝库区", "locatedIn", "平遥县"), ("平遥县", "partOf", "晋中市")}),
    ("晋中市生态环境局启动“利剑斩污”专项行动。", {("利剑斩污", "implementedBy", "晋中市生态环境局")}),
    ("丹河断面水环境监控预警与风险防控能力建设项目建成投运。", {
        ("丹河断面水环境监控预警与风险防控能力建设项目", "targets", "丹河"),
    }),
    ("介休市义安镇中街村", {("义安镇", "partOf", "介休市"), ("中街村", "partOf", "义安镇")}),
    ("汾河是山西的母亲河。", {("汾河", "flowsInto", "黄河")}),
    ("珠江流域广州市生态环境局推行“一河一策”。", {("一河一策", "implementedBy", "广州市生态环境局")}),
    ("山东省生态环境厅召开全省生态环境保护工作会议，厅党组书记、厅长宋继宝出席会议并讲话。",
     {("宋继宝", "headOf", "山东省生态环境厅")}),
    ("太原市生态环境局召开会议，局长张三出席。", {("张三", "headOf", "太原市生态环境局")}),
    ("东莞市生态环境局长安分局执法人员现场检查。", {
        ("东莞市生态环境局长安分局", "subOrganizationOf", "东莞市生态环境局"),
        ("东莞市生态环境局", "jurisdiction", "东莞市")}),
    ("昆明市滇池管理局局长张建国表示，", {("张建国", "headOf", "昆明市滇池管理局")}),
    ("三明市生态环境局局长陈立新汇报了工作推进情况。", {("陈立新", "headOf", "三明市生态环境局")}),
    ("位于浙江省湖州市安吉县的龙王山自然保护区监测到黑麂。", {("龙王山自然保护区", "locatedIn", "安吉县")}),
    ("滠水河在武汉市黄陂区汇入长江。", {("滠水河", "flowsInto", "长江")}),
    ("介休市生态环境分局深入义安镇开展执法检查。", {("义安镇", "partOf", "介休市")}),
    ("在江西省南昌市五星白鹤保护小区观测到东方白鹳、小天鹅等珍稀鸟类。", {
        ("东方白鹳", "observedAt", "五星白鹤保护小区"), ("小天鹅", "observedAt", "五星白鹤保护小区"),
        ("五星白鹤保护小区", "locatedIn", "南昌市")}),
    ("捞刀河是湘江的一级支流。", {("捞刀河", "flowsInto", "湘江")}),
    # the Tibetan rivers named …曲 of the source regions (water_bodies.tsv), and 吉曲 for 拉萨河
    ("杂多县扎曲水量充沛。", {("扎曲", "flowsInto", "澜沧江")}),
    ("吉曲穿城而过。", {("拉萨河", "flowsInto", "雅鲁藏布江")}),
    ("由江苏省生态环境厅主办的第十届生态环境科普大会在南京开幕。",
     {("第十届生态环境科普大会", "organizedBy", "江苏省生态环境厅"), ("第十届生态环境科普大会", "locatedIn", "南京市")}),
    ("龙王山自然保护区位于浙江省湖州市安吉县，面积1200公顷。", {("龙王山自然保护区", "locatedIn", "安吉县")}),
    # a river of one province written after its division lies there; a repeated name is a mention throughout
    ("咸阳市泔河，保洁员每天巡河。", {("泔河", "locatedIn", "咸阳市")}),
    # the seat of a work: <division>是…所在地, …所在地<division>
    ("宁海县是白溪水库和南水北调中线工程所在地。", {("南水北调中线工程", "locatedIn", "宁海县")}),
    ("作为三峡工程所在地湖北宜昌，生态地位重要。", {("三峡工程", "locatedIn", "宜昌市")}),
    # <division>境内的 <place>, also with the river it lies on between
    ("宁海县境内的宁丰湖国家湿地公园候鸟成群。", {("宁丰湖国家湿地公园", "locatedIn", "宁海县")}),
    ("安康市汉滨区境内的汉江瀛湖碧波荡漾。", {("瀛湖", "locatedIn", "汉滨区")}),
    # 位于/在 <place> (a part of it) 的 <place>
    ("位于太行山脉南段的王莽岭景区游人如织。", {("王莽岭景区", "locatedIn", "太行山")}),
    ("在洞庭湖畔的团洲湿地公园，候鸟成群。", {("团洲湿地公园", "locatedIn", "洞庭湖")}),
    ("施秉县舞阳河河段水质优良。", {("舞阳河", "locatedIn", "施秉县")}),  # a river across provinces too
    # a division written right after one above it is part of it, also across a level (as the gold reads it)
    ("福建长汀推进水土流失治理。", {("长汀县", "partOf", "福建省")}),
    ("画卷在宜昌市夷陵区鸦鹊岭镇柏临河边展开。柏临河是长江支流。", {("柏临河", "locatedIn", "鸦鹊岭镇")}),
    # a project named with its division lies in the most specific one; 在<division>， frames a sentence
    ("宜昌市夷陵区黄柏河生态清洁小流域治理工程启动。", {
        ("宜昌市夷陵区黄柏河生态清洁小流域治理工程", "locatedIn", "夷陵区")}),
    ("在湖南省浏阳市，捞刀河沿岸截污工程已接近尾声。", {("捞刀河沿岸截污工程", "locatedIn", "浏阳市")}),
    ("株洲市生态环境局推进污染防治。今年实施湘江株洲段生态修复工程。", {
        ("湘江株洲段生态修复工程", "implementedBy", "株洲市生态环境局")}),
    # the body organises its own activity for a calendar day (the day itself it does not)
    ("6月5日，晋城市生态环境局举办世界环境日宣传活动。", {("世界环境日宣传活动", "organizedBy", "晋城市生态环境局")}),
    # words between the body and the verb, or a list of its acts joined by 、
    ("晋城市生态环境局近期还将举办2024年晋城市生态摄影征集活动。",
     {("2024年晋城市生态摄影征集活动", "organizedBy", "晋城市生态环境局")}),
    ("晋城市生态环境局成立攻坚专班、全员上路执法、召开夏季臭氧攻坚推进会。",
     {("夏季臭氧攻坚推进会", "organizedBy", "晋城市生态环境局")}),
    # 在 <place> <verb> <event>: where the meeting is held
    ("晋城市生态环境局在凤凰欢乐谷景区举办世界环境日宣传活动。",
     {("世界环境日宣传活动", "locatedIn", "凤凰欢乐谷景区")}),
    # a meeting named first, then where it is held (its day between)
    ("白溪湿地保护高级别论坛8日上午在宁海县开幕。", {("白溪湿地保护高级别论坛", "locatedIn", "宁海县")}),
    ("2023年宁海县白溪生态文明论坛在宁海县宁丰湖湿地公园举办。",
     {("2023年宁海县白溪生态文明论坛", "locatedIn", "宁丰湖湿地公园")}),
]

# a bureau that only serves a project (approvals, green channels) is not its implementer
NOT_RELATED = [
    # the place is where the body went, not where the meeting was: a comma between
    ("晋城市生态环境局在凤凰欢乐谷景区调研，随后举办世界环境日宣传活动。",
     ("世界环境日宣传活动", "locatedIn", "凤凰欢乐谷景区")),
    # a comma between: the body speaks of a meeting someone else held
    ("晋城市生态环境局表示，本次论坛是落实去年召开的全国生态环境保护大会的举措。",
     ("全国生态环境保护大会", "organizedBy", "晋城市生态环境局")),
    ("株洲市生态环境局优化营商环境。为湘江株洲段生态修复工程开辟环评审批绿色通道。",
     ("湘江株洲段生态修复工程", "implementedBy", "株洲市生态环境局")),
    ("晋城市生态环境局高平分局优化营商环境。主动服务项目建设，想方设法解决西部铁路专用线等项目涉环保审批难题。",
     ("西部铁路专用线", "implementedBy", "晋城市生态环境局高平分局")),
    # a press office announces and a political consultative body proposes: neither carries a measure out
    ("宁海县人民政府新闻办公室召开发布会，通报“清源”专项行动。", ("清源", "implementedBy", "宁海县人民政府新闻办公室")),
    ("宁海县政协建议完善生态补偿机制。", ("生态补偿机制", "implementedBy", "宁海县政协")),
    ("滠水河、长江和汉江水质稳定。", ("滠水河", "flowsInto", "长江")),
    # a river before 流域/下游 after a county: the county's part of the basin
    ("兰考县黄河下游滩区生态修复持续推进。", ("黄河", "locatedIn", "兰考县")),
    ("在湖南省浏阳市召开会议后，捞刀河沿岸截污工程开工。", ("捞刀河沿岸截污工程", "locatedIn", "浏阳市")),
    # a calendar day is organised by no one in the article, whoever marks it
    ("8月15日，长沙市生态环境局开展全国生态日宣传。", ("全国生态日", "organizedBy", "长沙市生态环境局")),
    # 位于 names where the place is, the place before it says nothing (湖州市 holds 安吉县, not the reserve)
    ("位于浙江省湖州市安吉县的龙王山自然保护区监测到黑麂。", ("龙王山自然保护区", "locatedIn", "湖州市")),
]
# fmt: on


@pytest.mark.parametrize("text,expected", CASES)
def test_relations(nlp, text, expected):
    got, _ = relations(nlp, text)
    assert expected <= got, f"missing {expected - got}"


@pytest.mark.parametrize("text,relation", NOT_RELATED)
def test_relations_not_read(nlp, text, relation):
    got, _ = relations(nlp, text)
    assert relation not in got
    assert any(rel[0] == relation[0] for rel in got) or relation[0] in {e.label for e in nlp(text)._.entities.values()}


def test_text_relations_carry_their_sentence(nlp):
    text = "引言。晋中市生态环境局启动“利剑斩污”专项行动。"
    doc = nlp(text)
    rel = next(r for r in doc._.relations if r.predicate == "implementedBy")
    assert rel.evidence == "晋中市生态环境局启动“利剑斩污”专项行动。"
    assert text[rel.begin:rel.end] == rel.evidence


def test_gazetteer_relations_say_so(nlp):
    doc = nlp("汾河流域治理。")
    rel = next(r for r in doc._.relations if r.predicate == "flowsInto")
    assert rel.source.startswith("gazetteer:") and rel.evidence == ""


def test_rivers_are_not_located_in_a_city(nlp):
    got, _ = relations(nlp, "晋中市汾河流域水质改善。")
    assert not {r for r in got if r[0] == "汾河" and r[1] == "locatedIn"}


@pytest.mark.parametrize("text,implementer", [
    # a local bureau's own report: the measures it names are its work
    ("晋中市生态环境局召开会议。会议强调，要落实河长制。", "晋中市生态环境局"),
    # a national organ the article quotes implements nothing it only mentions (issue 12)
    ("生态环境部召开会议。会议强调，要落实河长制。", None),
])
def test_issue_12_the_article_s_bureau_implements_only_when_local(nlp, text, implementer):
    got, _ = relations(nlp, text)
    assert {o for s, p, o in got if s == "河长制" and p == "implementedBy"} == ({implementer} if implementer else set())
