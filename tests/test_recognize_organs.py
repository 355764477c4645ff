"""Organs that no role lists, composed of words after their division or their parent organ,
and the national ministries and agencies."""

import pytest


def entities(nlp, text):
    return {(e.cls, e.label) for e in nlp(text)._.entities.values() if e.extracted}


def relations(nlp, text):
    doc = nlp(text)
    label = {k: e.label for k, e in doc._.entities.items()}
    return {(label.get(r.subject), r.predicate, label.get(r.object)) for r in doc._.relations if r.begin >= 0}


# fmt: off
FOUND = [
    ("海北藏族自治州农牧执法局开展巡查。", ("GovernmentBody", "海北藏族自治州农牧执法局")),
    ("宜都市水利和湖泊局介绍了情况。", ("GovernmentBody", "宜都市水利和湖泊局")),
    ("泰安市公用事业发展中心负责施工。", ("GovernmentBody", "泰安市公用事业发展中心")),
    ("苏州市生态环境综合行政执法局开展检查。", ("Bureau", "苏州市生态环境综合行政执法局")),
    ("东城区委宣传部主办了活动。", ("GovernmentBody", "东城区委宣传部")),
    ("河南省人民政府新闻办公室召开发布会。", ("GovernmentBody", "河南省人民政府新闻办公室")),
    ("河南省公安厅食品药品与环境犯罪侦查总队破获案件。", ("GovernmentBody", "河南省公安厅食品药品与环境犯罪侦查总队")),
    ("公安部部署专项行动。", ("GovernmentBody", "公安部")),
    # more local organs by their standard names (org_roles.tsv): 教委, 审计厅, 综合行政执法局, 气象台 …
    ("北京市教委要求中小学停课。", ("GovernmentBody", "北京市教委")),
    ("山东省审计厅推动整改。", ("GovernmentBody", "山东省审计厅")),
    ("文昌市综合行政执法局开展巡查。", ("GovernmentBody", "文昌市综合行政执法局")),
    ("中央气象台继续发布霾橙色预警。", ("GovernmentBody", "中央气象台")),
    ("国家林草局发布名录。", ("GovernmentBody", "国家林业和草原局")),
    ("财政部下达资金。", ("GovernmentBody", "财政部")),
    ("联合国粮农组织的代表参加了会议。", ("Organization", "联合国粮农组织")),
    ("实现联合国提出的目标。", ("Organization", "联合国")),
    ("国际红树林中心落户深圳。", ("Organization", "国际红树林中心")),
    ("江西日报全媒记者 周明 报道。", ("Organization", "江西日报")),
    ("据江西日报报道，河水变清。", ("Organization", "江西日报")),
    # a county's bureau keeps the old name the text writes (many became branches: no 宁海县生态环境局 to name);
    # a prefecture's takes today's standard name
    ("宁海县环保局查处了这家企业。", ("Bureau", "宁海县环保局")),
    ("宁海县环境保护局查处了这家企业。", ("Bureau", "宁海县环境保护局")),
    ("宁波市环保局查处了这家企业。", ("Bureau", "宁波市生态环境局")),
]

NOT_FOUND = [
    ("南京市全面布局生态工程。", "南京市全面布局"),
    ("杭州市国际金融中心建设加快。", "杭州市国际金融中心"),
    ("湖南省工作谋篇布局。", "湖南省工作谋篇布局"),
    ("福建省首个流域综合执法局挂牌。", "福建省首个流域综合执法局"),
    ("河北省赵县政府和环保局联合执法。", "河北省赵县政府和环保局"),
    ("山东省泰安市公用事业发展中心负责施工。", "山东省泰安市公用事业发展中心"),
    ("奉贤区两区生态环境局联动。", "奉贤区两区生态环境局"),
    ("财政部门安排资金。", "财政部"),
    ("据江西日报报道，河水变清。", "据江西日报"),
]

RELATIONS = [
    ("东城区委宣传部主办了活动。", ("东城区委宣传部", "subOrganizationOf", "东城区委")),
    ("东城区委宣传部主办了活动。", ("东城区委宣传部", "jurisdiction", "东城区")),
    ("宜都市水利和湖泊局介绍了情况。", ("宜都市水利和湖泊局", "jurisdiction", "宜都市")),
    ("河南省人民政府新闻办公室召开发布会。", ("河南省人民政府新闻办公室", "subOrganizationOf", "河南省人民政府")),
]
# fmt: on


@pytest.mark.parametrize("text,entity", FOUND)
def test_composed_organ_found(nlp, text, entity):
    assert entity in entities(nlp, text)


@pytest.mark.parametrize("text,label", NOT_FOUND)
def test_no_organ_from_a_phrase(nlp, text, label):
    assert label not in {lab for _, lab in entities(nlp, text)}


@pytest.mark.parametrize("text,relation", RELATIONS)
def test_composed_organ_relations(nlp, text, relation):
    assert relation in relations(nlp, text)


# fmt: off
BODIES = [
    # a charity composed after its division is an Organization, no organ of the state
    ("宁波市绿源生态公益发展中心组织巡河。", ("Organization", "宁波市绿源生态公益发展中心"), True),
    ("宁波市绿源生态公益发展中心组织巡河。", ("GovernmentBody", "宁波市绿源生态公益发展中心"), False),
    # a branch of a city's ecology bureau named …管理局 after its county, and its short form after it
    ("深圳市生态环境局福田管理局开展检查。福田管理局表示将持续监管。", ("Bureau", "深圳市生态环境局福田分局"), True),
    ("深圳市生态环境局福田管理局开展检查。福田管理局表示将持续监管。", ("GovernmentBody", "福田区管理局"), False),
    # a committee's 办公室 written after it: the organ is the office
    ("宁波市生态环境委员会办公室印发通知。", ("GovernmentBody", "宁波市生态环境委员会办公室"), True),
    ("宁波市生态环境委员会办公室印发通知。", ("GovernmentBody", "宁波市生态环境委员会"), False),
    # a verb before a branch's name is the bureau acting with it (…局联合|宁海分局)
    ("宁波市生态环境局联合宁海分局开展执法。", ("Bureau", "宁波市生态环境局联合宁海分局"), False),
    # a bare branch after another body's 局 is that body's (公安局 … 宁海分局), not the ecology bureau's
    ("宁波市公安局治安支队会同宁海分局破获此案。", ("Bureau", "宁波市生态环境局宁海分局"), False),
    ("宁波市生态环境局宁海分局开展执法。", ("Bureau", "宁波市生态环境局宁海分局"), True),
    # a bare 市 body right after a city written in full is that city's, not the article's own city
    ("宁波市加强监管。浙江省慈溪市政府和市生态环境局整改不力。", ("Bureau", "宁波市生态环境局"), False),
    ("宁波市加强监管。浙江省慈溪市政府和市生态环境局整改不力。", ("Bureau", "慈溪市生态环境局"), True),
    ("宁波市加强监管。浙江省慈溪市政府和市生态环境局整改不力。", ("GovernmentBody", "慈溪市政府"), True),
    ("宁波市加强监管。舟山市委、市政府部署整改。", ("GovernmentBody", "舟山市政府"), True),
    ("宁波市加强监管。舟山市委、市政府部署整改。", ("GovernmentBody", "宁波市政府"), False),
]
# fmt: on


@pytest.mark.parametrize("text,entity,found", BODIES)
def test_body_class_and_branch(nlp, text, entity, found):
    assert (entity in entities(nlp, text)) is found
