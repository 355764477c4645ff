"""Persons in the credits of real news: byline roles with several names, editors and reviewers,
photo credits, and a closing parenthesis of names."""

import pytest


def persons(nlp, text):
    return {e.label for e in nlp(text)._.entities.values() if e.cls == "Person"}


# fmt: off
FOUND = [
    ("湖南日报全媒记者 周晓 通讯员 刘芳 陈立。", {"周晓", "刘芳", "陈立"}),
    ("通讯员 何明编辑 孙悦二审 赵清三审 钱江", {"何明", "孙悦", "赵清", "钱江"}),
    ("白鹭在湖面起舞。 吴海摄（新华社）湖水清澈。", {"吴海"}),
    ("空气质量持续改善。（李青 王子涵 杜明）", {"李青", "王子涵", "杜明"}),
    ("荣获多项称号。(张平)", {"张平"}),
    ("湖水清澈。 钱 明摄（东方视觉）山色青翠。", {"钱明"}),
    ("新华社记者 贺 云摄山川秀美。", {"贺云"}),
    ("央视网西安5月3日电 (唐小川 许静)治理完成。", {"唐小川", "许静"}),
    ("（本报记者  原卫东）", {"原卫东"}),
    ("某市水务局局长 梁晓：我们划定了范围。", {"梁晓"}),
    ("据该水厂厂长孔德明介绍，设备已投用。", {"孔德明"}),
    ("晚报记者 周明校对 江涛", {"周明", "江涛"}),
    # a title, the name, then the day (副总理韩正18日在…), and the titles of state leaders
    ("国务院副总理张建国18日在北京主持召开座谈会。", {"张建国"}),
    ("省长李明8月3日在省政府调研。", {"李明"}),
    ("国务院总理赵华主持召开国务院常务会议。", {"赵华"}),
    ("宪法法律委副主任委员王洪祥分别作了报告。", {"王洪祥"}),  # 主任委员, 副主任委员; 分别 follows a name
]

NOT_FOUND = [
    ("会议强调要加强监管。（通讯员供图）", "通讯员供图"),
    ("责任落实到位。（市长强调）", "市长强调"),
    ("水质达到（Ⅱ类）标准。", "Ⅱ类"),
]
# fmt: on


@pytest.mark.parametrize("text,names", FOUND)
def test_credited_persons_found(nlp, text, names):
    assert names <= persons(nlp, text)


@pytest.mark.parametrize("text,label", NOT_FOUND)
def test_no_person_in_a_parenthesis_of_words(nlp, text, label):
    assert not {p for p in persons(nlp, text) if p in label}


@pytest.mark.parametrize("text,wrong", [
    ("晚报记者 周明校对 江涛", "周明校"),
    ("日报记者 黄欣编辑 刘洋", "黄欣编"),
])
def test_no_name_running_into_the_next_role(nlp, text, wrong):
    assert wrong not in persons(nlp, text)


# fmt: off
OUTLETS = [
    ("湖南红网-看长沙8月1日讯 活动举办。", {"湖南红网", "看长沙"}),
    ("中新网长沙8月17日电 (李青)污水厂运营。", {"中新网"}),
    ("作出了积极贡献。（来源：绿色现场）", {"绿色现场"}),
    ("湖面开阔。 吴海摄（江南视觉）湖水清澈。", {"江南视觉"}),
]
# fmt: on


@pytest.mark.parametrize("text,names", OUTLETS)
def test_credited_outlets_found(nlp, text, names):
    got = {e.label for e in nlp(text)._.entities.values() if e.cls == "Organization"}
    assert names <= got


def test_no_outlet_opening_with_a_verb(nlp):
    got = {e.label for e in nlp("规划 路线图发布扬子晚报8月1日讯 会议召开。")._.entities.values() if e.cls == "Organization"}
    assert "路线图发布扬子晚报" not in got


@pytest.mark.parametrize("text,name,found", [
    ("本报讯 通讯员 刘建国 王立峰河岸草木繁茂。", "王立峰", True),  # the byline's last name runs into the text
    ("本报讯 通讯员 刘建国 近日，万物并秀。", "近日", False),  # a word of the text
])
def test_last_byline_name_glued_to_the_text(nlp, text, name, found):
    assert (name in {e.label for e in nlp(text)._.entities.values() if e.cls == "Person"}) == found
