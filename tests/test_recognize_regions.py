"""Named regions that are no division (plateaus, sandy lands, historical and economic regions) and
landmark suffixes for industrial parks, bridges and bamboo seas."""

import pytest


def landmarks(nlp, text):
    return {e.label for e in nlp(text)._.entities.values() if e.cls == "Landmark" and e.extracted}


# fmt: off
FOUND = [
    ("青藏高原的冰川退缩明显。", "青藏高原"),
    ("毛乌素沙地的治理成效显著。", "毛乌素沙地"),
    ("治沙队走进毛乌素，种下樟子松。", "毛乌素沙地"),
    ("关中大地麦浪翻滚。", "关中"),
    ("陕北的山峁披上新绿。", "陕北"),
    ("三江源地区的草场得到修复。", "三江源"),
    ("长三角地区联防联控大气污染。", "长三角"),
    ("推动长江经济带绿色发展。", "长江经济带"),
    ("受冷空气影响，华北、黄淮等地雾霾减弱。", "华北"),
    ("受冷空气影响，华北、黄淮等地雾霾减弱。", "黄淮"),
    ("西南地区降水偏多。", "西南地区"),
    ("关中地区大气污染治理持续推进。", "关中"),
    ("企业搬进了坪山工业园。", "坪山工业园"),
    ("游客登上南京长江大桥。", "南京长江大桥"),
    ("蜀南竹海郁郁葱葱。", "蜀南竹海"),
]

NOT_FOUND = [
    ("创建一批绿色工业园区。", "绿色工业园区"),
    ("永川某工业园内的企业违法排污。", "永川某工业园"),
    # a two-character region inside a word of its own is none (华北豹, 有关中央)
    ("林间闪现华北豹的身影。", "华北"),
    ("有关中央企业开展检查。", "关中"),
]
# fmt: on


@pytest.mark.parametrize("text,label", FOUND)
def test_region_or_landmark_found(nlp, text, label):
    assert label in landmarks(nlp, text)


@pytest.mark.parametrize("text,label", NOT_FOUND)
def test_no_landmark_from_a_kind(nlp, text, label):
    assert label not in landmarks(nlp, text)
