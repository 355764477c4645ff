"""Measures that are no name of their own: descriptions of work-report arrangements, systems of the state,
kinds and counts, fragments of a longer name."""

import pytest


def measures(nlp, text):
    return {e.label for e in nlp(text)._.entities.values() if e.cls == "Measure" and e.extracted}


# fmt: off
NOT_FOUND = [
    # a system of the state, off the environment, is no measure even when the article writes it twice
    ("宁海县坚持和完善人民代表大会制度，人民代表大会制度优势彰显。", "人民代表大会制度"),
    ("宁海县完善社会主义市场经济体制。社会主义市场经济体制更加成熟。", "社会主义市场经济体制"),
    # a mechanism written once whose stem ends in a plain act of governance: a description of work
    ("宁海县完善乡村供水价格形成机制。", "乡村供水价格形成机制"),
    ("宁海县健全河湖执法监管机制。", "河湖执法监管机制"),
    ("宁海县完善环保资金投入机制。", "环保资金投入机制"),
    ("宁海县完善白溪水沙调控机制。", "白溪水沙调控机制"),
    # a quoted “A+B” that lists the members of a team or a body, or the parts of a programme
    ("宁海县组建“巡查组+督导组”两支队伍。", "巡查组+督导组"),
    ("宁海县组织“干部+志愿者”队伍巡查白溪。", "干部+志愿者"),
    ("培训设置“专题讲座+现场教学”等环节。", "专题讲座+现场教学"),
    ("宁海县挂牌“河长办+检察工作站”。", "河长办+检察工作站"),
    # a quoted post (person_titles.tsv) is its holder, not a measure, unless a measure's suffix follows
    ("宁海县推动“河长”主动巡查白溪。", "河长"),
    ("宁海县探索“林长”“河长”联署办公机制。", "林长"),
    # 资源 alone is no environment topic: human or cultural resources
    ("宁海县建立优质教育资源下沉乡村制度。", "优质教育资源下沉乡村制度"),
    # an off-topic institution written once in the text and once in a 《…》 title is written once
    ("会议审议《关于完善乡村教师轮岗交流机制的意见》。会议指出，完善乡村教师轮岗交流机制要因地制宜。", "乡村教师轮岗交流机制"),
    # a quote before 制度体系 pictures a system of institutions
    ("宁海县构建宁丰湖保护“两梁四柱”制度体系。", "两梁四柱"),
    # an institution whose stem opens with a measure found there: that measure's parts
    ("宁海县健全河长制配套考核制度。", "河长制配套考核制度"),
    # a battle named only by a generic word of the environment is a kind of battles
    ("宁海县继续打好三大环境保卫战。", "环境保卫战"),
    ("宁海县打好生态保卫战。", "生态保卫战"),
    # an X化 compound after a word of reach or in a list of them describes a system
    ("宁海县建立全天候、智能化监管体系。", "智能化监管"),
    ("白溪实现全方位立体化管控。", "立体化管控"),
    # a 制度 or 体制 after a verb that improves it, whose stem ends in a kind or a plain act, written once
    ("宁海县完善宁丰湖保护修复监管制度。", "宁丰湖保护修复监管制度"),
    ("宁海县健全白溪水质巡检制度。", "白溪水质巡检制度"),
    ("宁海县健全湿地资源开发保护制度。", "湿地资源开发保护制度"),
    # a campaign's span of years after its suffix is part of its name
    ("宁海县开展了白溪采砂专项整治三年行动。", "白溪采砂专项整治"),
    # 本区, 本市 before a campaign say whose it is
    ("宁海县各单位共同开展本县秋季扬尘防治攻坚行动。", "本县秋季扬尘防治攻坚行动"),
]
FOUND = [
    ("宁海县各单位共同开展本县秋季扬尘防治攻坚行动。", "秋季扬尘防治攻坚行动"),
    ("宁海县开展了白溪采砂专项整治三年行动。", "白溪采砂专项整治三年行动"),
    ("宁海县开展白溪采砂专项整治，三年来成效明显。", "白溪采砂专项整治"),
    ("宁海县建立白溪水质巡检制度。", "白溪水质巡检制度"),
    ("宁海县健全耕地轮作休耕制度。", "耕地轮作休耕制度"),
    ("宁海县沿岸乡镇搞网格化监管。", "网格化监管"),
    ("宁海县打好湿地保卫战。", "湿地保卫战"),
    ("宁海县打好蓝天、碧水保卫战。", "蓝天、碧水保卫战"),
    ("宁海县健全河长制配套考核制度。", "河长制"),
    ("宁海县建立健全海洋生态补偿和生态损害赔偿制度。", "生态损害赔偿制度"),
    ("宁海县建立“一河一档”制度。", "一河一档"),
    ("宁海县建立乡村教师轮岗交流机制。乡村教师轮岗交流机制运行一年。", "乡村教师轮岗交流机制"),
    ("宁海县建立海洋资源有偿使用制度。", "海洋资源有偿使用制度"),
    ("宁海县实行最严格水资源管理制度。", "最严格水资源管理制度"),
    ("宁海县推行“林长”制度。", "林长"),
    ("宁海县推行“河长+检察长”协作机制。", "河长+检察长"),
    ("宁海县采用“人工巡查+无人机航拍”的模式巡查宁丰河。", "人工巡查+无人机航拍"),
    ("宁海县建立起强降雨精准管控机制。", "强降雨精准管控机制"),
    ("宁海县完善宁丰河生态保护补偿机制。", "宁丰河生态保护补偿机制"),
    ("宁海县建立污水价格形成机制。污水价格形成机制运行一年。", "污水价格形成机制"),
    ("宁海县建立宁丰河流域横向生态补偿制度。", "宁丰河流域横向生态补偿制度"),
    ("宁海县全面推行河长制，河长制落地见效。", "河长制"),
    ("宁海县建立排污许可制度。", "排污许可制度"),
    ("宁海县建立志愿者包片服务机制。志愿者包片服务机制运行一年。", "志愿者包片服务机制"),
]
# fmt: on


@pytest.mark.parametrize("text,label", NOT_FOUND)
def test_no_measure(nlp, text, label):
    assert label not in measures(nlp, text)


@pytest.mark.parametrize("text,label", FOUND)
def test_measure_kept(nlp, text, label):
    assert label in measures(nlp, text)
