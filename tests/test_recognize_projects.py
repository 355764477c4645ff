"""Project names on sentences in the style of real news: where a name begins and whether it names anything."""

import pytest


def projects(nlp, text):
    return {e.label for e in nlp(text)._.entities.values() if e.cls == "Project" and e.extracted}


# fmt: off
NAMED = [
    # a verb, adverb or pronoun before the stem ends the name (function_words.tsv)
    ("要深刻认识引汉济渭工程的重大意义。", "引汉济渭工程"),
    ("结合沙盘详细了解滇中引水工程进展。", "滇中引水工程"),
    ("代表们察看洋河治理泵站项目现场。", "洋河治理泵站项目"),
    # an adverb and a verb jieba keeps as one word (高度评价, 深入开展), a time word (目前), a verb that sets
    # something up (健全) are the act on the project or its time, not part of its name
    ("会上代表们高度评价引汉济渭工程。", "引汉济渭工程"),
    ("今年将深入开展清江流域综合治理工程。", "清江流域综合治理工程"),
    ("目前滇中引水工程进展顺利。", "滇中引水工程"),
    ("专家组深入分析南水北调东线工程运行情况。", "南水北调东线工程"),
    ("县里健全浏阳河截污治理项目档案。", "浏阳河截污治理项目"),
    # a verb of the genre jieba's dictionary tags otherwise (落实 a, 参观 n: genre_verbs.tsv) ends the name too
    ("各地认真落实引汉济渭工程建设任务。", "引汉济渭工程"),
    ("代表们参观洋河治理泵站项目。", "洋河治理泵站项目"),
    # a phase word jieba tags as a time (三期, 六期) stays inside the name
    ("宁德核电三期工程顺利开工。", "宁德核电三期工程"),
    # 好 after a verb says the act is done well (实施好, 抓好): no part of the name
    ("宁海县要实施好“清水入户”工程。", "清水入户工程"),
    # a word of the round of works (新一轮: project_words.tsv lead_word) opens no name
    ("新一轮宁丰湖清淤工程启动以来成效明显。", "宁丰湖清淤工程"),
    # a name ends at the first of two suffixes (…工程建设项目, …项目工程, …工程项目: generic words after it)
    ("宁海县实施民生“十件实事”工程建设项目。", "十件实事工程"),
    ("宁丰村生活污水治理项目工程现场一片忙碌。", "宁丰村生活污水治理项目"),
    ("记者在白溪配套东总管工程项目现场看到。", "白溪配套东总管工程"),
    # the country before a listed national project is no part of its name
    ("作为国家“南水北调”中线工程核心的水源区，宁海县打出组合拳。", "南水北调中线工程"),
    # a dash ends the name (巴彦淖尔——“三北”工程)
    ("首站来到宁海县——白溪生态治理工程的最前沿。", "白溪生态治理工程"),
    # a verb or preposition inside a list item ends what comes before it (宁海县通过|白溪清淤)
    ("5年来，宁海县通过白溪清淤、宁丰河治理等重点建设项目，改善了水质。", "白溪清淤"),
    # 从A到B: the project is B
    ("从黄河两岸到三北防护林工程，处处绿意。", "三北防护林工程"),
    # a company named later in the sentence leaves the project whole
    ("南水北调中线工程惠及沿线多家公司。", "南水北调中线工程"),
    # work verbs stay inside the name (work_verbs.tsv: 治理, 修复, 改造 …)
    ("实施山水林田湖草沙一体化保护和修复工程。", "山水林田湖草沙一体化保护和修复工程"),
    ("清江流域综合治理工程进入收尾阶段。", "清江流域综合治理工程"),
    # a name found already starts the project even when jieba reads a verb there (如意 v)
    ("示范区启动了如意湖公园改造提升项目，如意湖水质改善。", "如意湖公园改造提升项目"),
    # a count before a quoted name still names it; a number inside the stem is something of its own
    ("全市44项“碧水入江”生态保护工程全部完工。", "碧水入江生态保护工程"),
    ("推进西城区双提升工程，改善人居环境。", "西城区双提升工程"),
    ("渭河二期综合整治工程开工。", "渭河二期综合整治工程"),
    ("宁丰河东二地块土壤修复项目通过评审。", "宁丰河东二地块土壤修复项目"),
    ("三峡工程所在地风光秀美。", "三峡工程"),
    ("宁海县重点推进白溪综合整治工程。", "白溪综合整治工程"),
    ("宁海县投资5亿元城东片区棚户改造工程开工。", "城东片区棚户改造工程"),  # a sum of money is no size
    ("宁丰河整治工程一标项目经理王明介绍。", "宁丰河整治工程"),
    ("宁丰河北岸污水处理厂扩建工程开工。", "宁丰河北岸污水处理厂扩建工程"),
    # a year's 年 and the particle 的 joined to the stem by the tokenizer are not part of it
    ("2023年浏阳河截污治理项目完成投资1亿元。", "浏阳河截污治理项目"),
    # the award's name after it leaves the project; a phase is no counted kind (三期)
    ("白溪综合整治工程获评全国优秀项目。", "白溪综合整治工程"),
    ("【宁海】白溪生态修复工程通过验收。", "白溪生态修复工程"),
    # a place and a project joined by 和 are two names (保护和修复工程 stays one)
    ("宁海县建设自主创新示范区和白溪生态示范项目。", "白溪生态示范项目"),
    # a date's 月 and a verb jieba tags n (核准) open no name
    ("2011年6月因南水北调中线工程建设搬迁。", "南水北调中线工程"),
    ("会议指出，核准浙江三门三期工程。", "浙江三门三期工程"),
    # a listed national project written by its short form, without a suffix, also with quotes inside
    ("宁海县北部是三北防护林所在的区域。", "三北防护林"),
    ("宁丰沙地旁，“三北”防护林生机勃勃。", "三北防护林"),
    # a listed national project joined by 和 to the words before it is that project (葛洲坝和|三峡工程)
    ("宁海县是葛洲坝和三峡工程的参建单位所在地。", "三峡工程"),
    # a listed name (白溪) or a place jieba knows (三峡, not a common word) still names something
    ("宁海县白溪城市防洪工程开工。", "宁海县白溪城市防洪工程"),
    ("三峡库区生态屏障工程通过验收。", "三峡库区生态屏障工程"),
]

NOT_NAMED = [
    # a count names no project: 28个新型储能项目
    ("当地引进了28个新型储能项目。", "新型储能项目"),
    ("科学编制了4个雨污分流项目。", "雨污分流项目"),
    # a stem that opens with its phase is the phase of works named before, no name of its own
    ("宁海县白溪污水处理厂，二期扩建工程正在推进。", "二期扩建工程"),
    ("一期工程已完工，二期配套工程累计完成投资1亿元。", "二期配套工程"),
    # a size right before the stem (40万吨, 1090万千瓦: size_unit) says how big works of a kind are
    ("宁海县建设的40万吨煤制乙二醇项目投产。", "煤制乙二醇项目"),
    ("宁海县1090万千瓦风电基地项目开工建设。", "风电基地项目"),
    # a rank word inside the stem followed by common words only: a category of works of the place before it
    ("作为宁丰湖一体化重大合作项目，两家企业实施重组。", "宁丰湖一体化重大合作项目"),
    ("宁海县重点水利工程进展顺利。", "宁海县重点水利工程"),
    # a count after the suffix counts works of a kind, quoted or not
    ("宁海县共完成“海绵城市”建设项目36个。", "海绵城市建设项目"),
    ("宁海县将实施白溪“清水”攻坚项目18个。", "白溪清水攻坚项目"),
    # stems of common words only name a kind of works
    ("持续推进生态治理工程。", "生态治理工程"),
    ("在科学研究、技术交流培训及试点项目等领域开展合作。", "技术交流培训及试点项目"),
    # list items too: 大气污染防治 is a kind of works, 丹河水质净化 names its river
    ("实施了大气污染防治、丹河水质净化等一批重大项目。", "大气污染防治"),
    # the suffix inside a longer quoted title
    ("先后入选“第二批全国生态文明示范工程试点县”。", "第二批全国生态文明示范工程"),
    # the suffix as a verb's object
    ("辽宁省采取工程措施治理沙化土地。", "辽宁省采取工程"),
    ("通过各项工程实施，实现清污分离。", "通过各项工程"),
    # the act before the name is no part of it
    ("作为国家“南水北调”中线工程核心的水源区，宁海县打出组合拳。", "国家南水北调中线工程"),
    ("5年来，宁海县通过白溪清淤、宁丰河治理等重点建设项目，改善了水质。", "宁海县通过白溪清淤"),
    ("首站来到宁海县——白溪生态治理工程的最前沿。", "宁海县——白溪生态治理工程"),
    ("新一轮宁丰湖清淤工程启动以来成效明显。", "新一轮宁丰湖清淤工程"),
    ("宁海县要实施好“清水入户”工程。", "好清水入户工程"),
    ("会上代表们高度评价引汉济渭工程。", "高度评价引汉济渭工程"),
    ("目前滇中引水工程进展顺利。", "目前滇中引水工程"),
    # the suffix inside a company's, a school's or a title's name
    ("陕西华岳石油工程技术服务有限公司代表到场。", "陕西华岳石油工程"),
    ("江苏某某大学资源与环境工程学院教授说。", "江苏某某大学资源与环境工程"),
    ("高级工程师王明介绍了情况。", "高级工程"),
    ("从黄河两岸到三北防护林工程，处处绿意。", "黄河两岸到三北防护林工程"),
    # a name never reaches over a sentence's end
    ("尾水达到标准。湿地净化工程投运。", "尾水达到标准。湿地净化工程"),
    # a category of works: counted kinds, 两高, 一大批 (issue 12)
    ("宁海县实施八大污染减排工程。", "八大污染减排工程"),
    ("宁海县推进村村通电等十项民生工程。", "村村通电等十项民生工程"),
    ("宁海县坚决遏制“两高”项目盲目发展。", "两高项目"),
    ("宁海县引进一大批高端项目。", "一大批高端项目"),
    # a headline's bracket and an award after the project are no part of its name
    ("【宁海】白溪生态修复工程通过验收。", "宁海】白溪生态修复工程"),
    ("白溪综合整治工程获评全国优秀项目。", "白溪综合整治工程获评全国优秀项目"),
    ("白溪工程入选全国优秀海洋工程。", "全国优秀海洋工程"),  # an award's name
    # a title given by an award verb before it (被评为, 获评: project_words.tsv award_verb)
    ("白溪整治工程被评为“宁丰湖污染防治和管理”示范工程。", "宁丰湖污染防治和管理示范工程"),
    ("白溪整治工程获评宁海县“绿色河湖”示范项目。", "宁海县绿色河湖示范项目"),
    # a common word jieba tags as a place, a name or an abbreviation (城市 ns, 文明 nr, 环保 j) names a kind
    ("宁海县推进城市雨污水管道分流项目。", "城市雨污水管道分流项目"),
    ("宁海县实施文明乡风建设工程。", "文明乡风建设工程"),
    ("宁海县开展海洋生态修复保护项目。", "海洋生态修复保护项目"),
    # words of a kind of works jieba tags as an abbreviation, a person or a place (光伏 j, 红树林 nr, 防沙 ns:
    # project_words.tsv kind_word) name a kind too, also as list items
    ("宁海县有序推进光伏发电项目。", "光伏发电项目"),
    ("宁海县的红树林营造工程加速进行。", "红树林营造工程"),
    ("宁海县实施水源涵养、防沙治沙等工程。", "防沙治沙"),
    ("宁海县推进幸福河湖建设项目。", "幸福河湖建设项目"),
    # a numeral inside a common word (一体化, 两年) or a round scale (百万亩, 百亿级) is no number of a name's own
    ("全县的城乡供水一体化工程年底建成。", "城乡供水一体化工程"),
    ("宁海县深入实施百万亩造林工程。", "百万亩造林工程"),
    ("宁海县推动实施百亿级重大产业项目。", "百亿级重大产业项目"),
    ("宁海县要按照新一轮提升工程的要求推进。", "新一轮提升工程"),
    # a position word that is no direction (以下, 下游, 沿海) is nothing of a name's own
    ("宁海县的下游防洪工程通过竣工验收。", "下游防洪工程"),
    ("加强万人以下供水工程规范化改造。", "万人以下供水工程"),
    # the suffix inside a centre's or an association's name (project_org_end)
    ("国家生态环境部环境工程评估中心发布报告。", "国家生态环境部环境工程"),
    ("宁海县水利工程协会召开年会。", "宁海县水利工程"),
    # the suffix opening a word of a team, an office or a post (项目组, 工程处, 项目经理: body_end)
    ("宁丰湖治理联合体项目组相关负责人出席。", "宁丰湖治理联合体项目"),
    ("宁海县南部新城工程处等单位参加会议。", "宁海县南部新城工程"),
    ("宁丰河整治工程一标项目经理王明介绍。", "宁丰河整治工程一标项目"),
    # a listed name inside a plan's title is the plan's
    ("会议通过《青海三江源生态保护和建设二期工程规划》。", "三江源生态保护和建设二期工程"),
    # an item of a list of acts (一是…) is a clause, not a project
    ("会议决定，一是进一步引入社会资本参与水电、核电等项目。", "一是进一步引入社会资本参与水电"),
]
# fmt: on


@pytest.mark.parametrize("text,label", NAMED)
def test_project_named(nlp, text, label):
    assert label in projects(nlp, text)


@pytest.mark.parametrize("text,label", NOT_NAMED)
def test_project_not_named(nlp, text, label):
    assert label not in projects(nlp, text)


def test_project_not_named_keeps_the_sentence_readable(nlp):
    # the junk span is gone, and no shorter junk takes its place
    assert projects(nlp, "当地引进了28个新型储能项目。") == set()
