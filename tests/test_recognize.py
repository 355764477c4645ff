"""Entity recognition and linking on sentences from many provinces and outlets."""

import pytest


def entities(nlp, text):
    doc = nlp(text)
    return {(e.cls, e.label) for e in doc._.entities.values() if e.extracted}, doc


# fmt: off
FOUND = [
    # divisions: full names, short forms in context, codes
    ("晋城市高平市釜山景区法水湖碧波荡漾。", {("Prefecture", "晋城市"), ("County", "高平市"), ("Landmark", "釜山景区"), ("Lake", "法水湖")}),
    ("介休市义安镇中街村村民张先生说。", {("County", "介休市"), ("Township", "义安镇"), ("Village", "中街村")}),
    ("广西壮族自治区南宁市邕宁区启动整治。", {("Province", "广西壮族自治区"), ("Prefecture", "南宁市"), ("County", "邕宁区")}),
    # organisations composed from division + role
    ("杭州市生态环境局西湖分局局长王建国表示，", {("Bureau", "杭州市生态环境局西湖分局"), ("Bureau", "杭州市生态环境局"), ("Person", "王建国")}),
    ("浙江省生态环境厅近日召开全省水污染防治工作推进会。", {("Bureau", "浙江省生态环境厅"), ("Event", "全省水污染防治工作推进会")}),
    ("生态环境部通报了典型案例。", {("Bureau", "生态环境部")}),
    ("成都市河长办和成都市人民检察院联合开展巡河。", {("GovernmentBody", "成都市河长办"), ("GovernmentBody", "成都市人民检察院")}),
    ("第二轮中央生态环境保护督察组进驻广东省。", {("GovernmentBody", "中央生态环境保护督察组"), ("Province", "广东省")}),
    # water bodies, sections, places
    ("长江流域重点水域禁渔，洞庭湖和鄱阳湖水质改善。", {("River", "长江"), ("Lake", "洞庭湖"), ("Lake", "鄱阳湖")}),
    ("祁县昌源河国家湿地公园内，珍稀黑鹳展翅翱翔。", {("River", "昌源河"), ("Wetland", "昌源河国家湿地公园"), ("Species", "黑鹳")}),
    ("国考王庄桥断面稳定保持Ⅳ类水质。", {("MonitoringSection", "王庄桥断面")}),
    ("平遥县汾河三坝库区迎来天鹅。", {("Reservoir", "汾河三坝库区"), ("River", "汾河")}),
    ("密云水库是北京的重要水源地。", {("Reservoir", "密云水库")}),
    # projects, measures, regulations, events
    ("实施了大气污染防治、丹河水质净化、生态环境能力建设等一批重大项目。", {("Project", "丹河水质净化")}),
    ("全县推行网格化监管，对重点企业实行差异化管控。", {("Measure", "网格化监管"), ("Measure", "差异化管控")}),
    # ... and keeps the numeral or first character of its own
    ("合肥十八联圩生态湿地迎来候鸟。", {("Wetland", "十八联圩生态湿地")}),
    ("游客走进分愉湖景区。", {("Landmark", "分愉湖景区")}),
    ("孩子们参观漕泾郊野公园。", {("Landmark", "漕泾郊野公园")}),
    # a province's short form before common words is the name's own word
    ("在海南热带雨林国家公园，物种不断上新。", {("Landmark", "海南热带雨林国家公园"), ("Province", "海南省")}),
    ("该市44项省级“一泓清水入黄河”生态保护工程全部完工。", {("Project", "一泓清水入黄河生态保护工程")}),
    ("推行“首违不罚+警示教育”，创新“非现场执法+综合查一次”模式。", {("Measure", "首违不罚+警示教育"), ("Measure", "非现场执法+综合查一次")}),
    ("积极落实“双报到”制度，启动“利剑斩污”专项行动。", {("Measure", "双报到"), ("Measure", "利剑斩污")}),
    ("公安部部署打击环境犯罪“蓝剑”系列专项行动。", {("Measure", "蓝剑")}),  # 系列 before the suffix
    ("全面推行“河长+警长”协作机制。", {("Measure", "河长+警长")}),
    ("牵头制定《晋中市2025年污染防治重点任务清单》。", {("Regulation", "晋中市2025年污染防治重点任务清单")}),
    ("深入学习《中华人民共和国长江保护法》。", {("Regulation", "中华人民共和国长江保护法")}),
    ("实施《东湖流域保护规划（2023-2035年）》。", {("Regulation", "东湖流域保护规划（2023-2035年）")}),
    # an edition or status in brackets after the kind (（2023年版）, （试行）, （草案）)
    ("印发《重点管控新污染物清单（2023年版）》。", {("Regulation", "重点管控新污染物清单（2023年版）")}),
    ("审议《环境保护督察方案(试行)》。", {("Regulation", "环境保护督察方案(试行)")}),
    ("审议《城镇排水与污水处理条例（草案）》。", {("Regulation", "城镇排水与污水处理条例（草案）")}),
    ("依据《关于办理环境污染刑事案件适用法律若干问题的解释》判决。",
     {("Regulation", "关于办理环境污染刑事案件适用法律若干问题的解释")}),
    ("执行《山东省生态环境行政处罚裁量基准》。", {("Regulation", "山东省生态环境行政处罚裁量基准")}),
    # laws written without quotes by a name law_names.tsv lists, with or without 中华人民共和国
    ("生态文明写入宪法，各地依据大气污染防治法开展执法。", {("Regulation", "宪法"), ("Regulation", "大气污染防治法")}),
    ("落实中华人民共和国长江保护法。", {("Regulation", "中华人民共和国长江保护法")}),
    ("水利部公布2024年度国家生态清洁示范名单。", {("Regulation", "2024年度国家生态清洁示范名单")}),
    ("全省实施海草床保护专项行动计划和滩涂防治专项行动计划。",
     {("Regulation", "海草床保护专项行动计划"), ("Regulation", "滩涂防治专项行动计划")}),
    ("与会各方通过了《滨海湿地合作声明》。", {("Regulation", "滨海湿地合作声明")}),
    ("承诺遵守《绿色出行行为规范十条》。", {("Regulation", "绿色出行行为规范十条")}),
    ("在高平市委七届十一次全会上，", {("Event", "高平市委七届十一次全会"), ("GovernmentBody", "高平市委")}),
    ("第三轮中央生态环境保护督察交办的31件群众举报件已全部办结。", {("Event", "第三轮中央生态环境保护督察")}),
    # persons and species
    ("科学导报记者 来虹", {("Person", "来虹")}),
    ("本报讯（记者 李明 通讯员 张华）近日，江苏省生态环境厅召开会议。", {("Person", "李明"), ("Person", "张华"), ("Bureau", "江苏省生态环境厅")}),
    ("今年以来，桃源分局推进沅江桃源段生态修复工程和夷望溪水环境综合治理项目。",
     {("Project", "沅江桃源段生态修复工程"), ("Project", "夷望溪水环境综合治理项目"), ("River", "夷望溪"), ("River", "沅江")}),
    ("常德市生态环境局桃源分局联合桃源县水利局开展执法检查。",
     {("Bureau", "常德市生态环境局桃源分局"), ("GovernmentBody", "桃源县水利局"), ("County", "桃源县")}),
    ("成都市推进锦江流域水生态治理，锦江黄龙溪断面水质稳定达到Ⅱ类。",
     {("River", "锦江"), ("MonitoringSection", "黄龙溪断面")}),
    ("阿坝藏族羌族自治州若尔盖县，若尔盖湿地国家级自然保护区内的黑颈鹤数量增至1200余只。",
     {("Landmark", "若尔盖湿地国家级自然保护区"), ("Wetland", "若尔盖湿地"), ("County", "若尔盖县"), ("Species", "黑颈鹤")}),
    ("若尔盖县委副书记张强说：“我们全面落实河湖长制。”", {("Measure", "河湖长制"), ("GovernmentBody", "若尔盖县委")}),
    ("合肥市有关部门表示，巢湖市生态环境分局联合巢湖市公安局开展“清废行动”。",
     {("Bureau", "合肥市生态环境局巢湖分局"), ("GovernmentBody", "巢湖市公安局"), ("Measure", "清废行动")}),
    ("中央第三生态环境保护督察组向安徽省反馈督察意见。", {("GovernmentBody", "中央生态环境保护督察组")}),
    ("河南省第二生态环境保护督察组进驻。督察组组长赵建军通报了安排。洛阳市委书记江凌主持会议。",
     {("GovernmentBody", "河南省第二生态环境保护督察组"), ("Person", "赵建军"), ("Person", "江凌"), ("GovernmentBody", "洛阳市委")}),
    ("湖北省宜昌市长江江豚和中华鲟种群数量回升。", {("Species", "长江江豚"), ("Species", "中华鲟"), ("Prefecture", "宜昌市")}),
    ("晋中大地上，和顺太行山间，华北豹矫健的身影时而闪现。", {("Landmark", "太行山"), ("Species", "华北豹"), ("County", "和顺县")}),
    ("为保障京雄高速公路建设项目顺利推进，保定市生态环境局开辟环评审批绿色通道。",
     {("Project", "京雄高速公路建设项目"), ("Bureau", "保定市生态环境局")}),
    ("深圳市茅洲河共和村断面水质由劣Ⅴ类提升至Ⅳ类。", {("MonitoringSection", "共和村断面"), ("River", "茅洲河")}),
    ("湘江昭山断面水质稳定。", {("MonitoringSection", "昭山断面"), ("River", "湘江")}),
    # a section where the river leaves or enters a place, and an automatic station, are sections too
    ("宣汉县州河张鼓坪出境断面水质常年达到Ⅱ类。", {("MonitoringSection", "张鼓坪出境断面"), ("River", "州河")}),
    ("洛河温庄入境断面水质达标。", {("MonitoringSection", "温庄入境断面"), ("River", "洛河")}),
    ("志愿者参观了湘江昭山水质自动监测站。", {("MonitoringSection", "昭山水质自动监测站"), ("River", "湘江")}),
    ("湖北省恩施州生态环境局通报清江水质，长阳县生态环境分局参加。",
     {("Prefecture", "恩施土家族苗族自治州"), ("County", "长阳土家族自治县"), ("Bureau", "恩施土家族苗族自治州生态环境局")}),
    ("河北省生态环境厅联合省公安厅开展“清废行动2025”。", {("GovernmentBody", "河北省公安厅")}),
    ("安康市生态环境局通报汉江水质。", {("Prefecture", "安康市"), ("Bureau", "安康市生态环境局"), ("River", "汉江")}),
    ("日照生态环境局开展近岸海域巡查。", {("Bureau", "日照市生态环境局")}),
    ("2016年，环境保护部部长陈吉宁出席会议。", {("Bureau", "生态环境部"), ("Person", "陈吉宁")}),
    ("西安市生态环境局开展秦岭生态环境保护专项行动。", {("Measure", "秦岭生态环境保护专项行动")}),
    ("成都市生态环境局启动2024年夏季臭氧污染防控攻坚行动。", {("Measure", "2024年夏季臭氧污染防控攻坚行动")}),
    ("邯郸市建立排污许可制度和生态补偿机制。", {("Measure", "排污许可制度"), ("Measure", "生态补偿机制")}),
    ("该市探索建立起暴雨应急精准调度机制。", {("Measure", "暴雨应急精准调度机制")}),
    ("全县构建起河湖管理保护机制。", {("Measure", "河湖管理保护机制")}),  # 构建 and its complement 起
    ("今年，流域横向补偿制度全面推开。", {("Measure", "流域横向补偿制度")}),
    ("湿地用途管制和取水许可制度等都在推进中。", {("Measure", "湿地用途管制制度"), ("Measure", "取水许可制度")}),
    ("全市继续打好蓝天、碧水、净土保卫战。", {("Measure", "蓝天、碧水、净土保卫战")}),
    ("该县巩固蓝天碧水保卫战成果。", {("Measure", "蓝天碧水保卫战")}),
    ("此后，中央生态环境保护督察制度全面推开。", {("Measure", "中央生态环境保护督察制度")}),
    ("党的二十届五中全会作出部署。", {("Event", "党的二十届五中全会")}),
    # a meeting named by its edition at a clause's start, no verb before it
    ("7月28日，第四届江南国际绿色发展博览会在杭州开幕。", {("Event", "第四届江南国际绿色发展博览会")}),
    ("十四届全国人大常委会第十八次会议24日在京举行。", {("Event", "十四届全国人大常委会第十八次会议")}),
    ("自去年11月《湿地公约》第十四届缔约方大会举办以来，成效显著。", {("Event", "《湿地公约》第十四届缔约方大会")}),
    ("开展今年的夏季臭氧污染防控攻坚行动。", {("Measure", "夏季臭氧污染防控攻坚行动")}),
    # national-level new areas and named cooperation zones (regions.tsv kind zone), by a listed short form too
    ("宁海县代表团考察了雄安新区。", {("Landmark", "雄安新区")}),
    ("2021年，上合示范区启动了生态改造。", {("Landmark", "中国—上海合作组织地方经贸合作示范区")}),
    # a quoted list of one-character steps put to work is a method
    ("宁海县全面完成水源地“划、立、治”工作。", {("Measure", "划、立、治")}),
    ("宁海县推进化工企业“关、改、搬、转”。", {("Measure", "关、改、搬、转")}),
    # one campaign counted is that campaign (一场, 一轮); more are a count of them (below)
    ("宁海县开展一场清淤护岸专项行动。", {("Measure", "清淤护岸专项行动")}),
    ("全市开展了尾矿库环境专项整治。", {("Measure", "尾矿库环境专项整治")}),
    ("十九届七中全会强调，", {("Event", "党的十九届七中全会")}),
    ("警方侦破抚州市“4.17”非法采砂案。", {("Event", "抚州市4.17非法采砂案"), ("Prefecture", "抚州市")}),
    ("全县吹响“秋冬攻坚”冲锋号。", {("Measure", "秋冬攻坚")}),
    ("持续助力实施好“黄河十年休渔”。", {("Measure", "黄河十年休渔")}),
    ("河道保洁、“村企同管”等全面实施。", {("Measure", "村企同管")}),
    ("3月5日淮安市水污染防治工作调度推进会召开。", {("Event", "淮安市水污染防治工作调度推进会"), ("Prefecture", "淮安市")}),
    ("淮安市生态环境局开展全国低碳日主题宣传活动。", {("Event", "全国低碳日主题宣传活动"), ("Bureau", "淮安市生态环境局")}),
    ("举办为期两周的“绿”动校园——2024年淮安市中学生环保征集活动。", {("Event", "2024年淮安市中学生环保征集活动")}),
    ("介休市生态环境分局深入义安镇开展执法检查。", {("Township", "义安镇"), ("County", "介休市")}),
    ("王建国局长一行深入企业调研。", {("Person", "王建国")}),
    ("重庆市生态环境局获悉，北京市生态环境局通报。", {("Bureau", "重庆市生态环境局"), ("Bureau", "北京市生态环境局")}),
    ("三岔湖湖心断面水质为Ⅲ类。", {("Lake", "三岔湖"), ("MonitoringSection", "三岔湖湖心断面")}),
    ("汾河入黄口断面水质稳定达标。", {("River", "汾河"), ("MonitoringSection", "汾河入黄口断面")}),
    ("记者 张伟 实习生 王芳 报道", {("Person", "张伟"), ("Person", "王芳")}),
    ("安吉县天荒坪镇、递铺街道开展垃圾分类。", {("Township", "天荒坪镇"), ("Township", "递铺街道")}),
    ("南京市环境监测中心站发布数据。江苏省生态环境监测中心通报。",
     {("Organization", "南京市环境监测中心站"), ("Organization", "江苏省生态环境监测中心")}),
    ("东莞市生态环境局长安分局执法人员现场检查。",
     {("Bureau", "东莞市生态环境局长安分局"), ("Bureau", "东莞市生态环境局")}),
    ("成都市生态环境局高新分局开展专项执法。", {("Bureau", "成都市生态环境局高新分局")}),
    ("济南市章丘区共查处环境违法案件45起。", {("County", "章丘市"), ("Prefecture", "济南市")}),
    ("河南省长垣市生态环境局开展检查。", {("County", "长垣县"), ("Bureau", "长垣县生态环境局")}),
    ("三明市委书记、市级总河长余红胜带队巡查沙溪流域。", {("Person", "余红胜"), ("GovernmentBody", "三明市委")}),
    ("三明市生态环境局局长陈立新汇报了工作推进情况。", {("Person", "陈立新")}),
    ("昆明市滇池管理局局长张建国表示，", {("GovernmentBody", "昆明市滇池管理局"), ("Lake", "滇池"), ("Person", "张建国")}),
    ("大理州洱海保护治理局加强入湖河道巡查。", {("GovernmentBody", "大理州洱海保护治理局"), ("Lake", "洱海")}),
    ("江西鄱阳湖国家级自然保护区管理局发布越冬候鸟调查结果。",
     {("GovernmentBody", "江西鄱阳湖国家级自然保护区管理局"), ("Landmark", "鄱阳湖国家级自然保护区")}),
    # a verb or position word before a water name is no part of it (lead_words.tsv)
    ("泥沙不再进入下游翠屏河。", {("River", "翠屏河")}),
    ("还将依托白石江建设滨水绿道。", {("River", "白石江")}),
    ("村民沿着青石溪和翠云湖散步。", {("River", "青石溪"), ("Lake", "翠云湖")}),
    ("游客来到翠云湖公园和青石溪畔。", {("Landmark", "翠云湖公园")}),
    ("提升安定湖景观，使安定湖成为亮点。", {("Lake", "安定湖")}),
    # a company's name begins after the verb or preposition before it, or at the division opening it
    ("记者从华北环保集团有限公司获悉，", {("Organization", "华北环保集团有限公司")}),
    ("检查组来到青山绿源环保科技有限公司。", {("Organization", "青山绿源环保科技有限公司")}),
    ("执法人员到太原清源水务有限公司检查。", {("Organization", "太原清源水务有限公司")}),
    ("江苏天工大成安全技术有限公司通过验收。", {("Organization", "江苏天工大成安全技术有限公司")}),
    ("永州道县明达电子科技有限公司篡改数据。", {("Organization", "永州道县明达电子科技有限公司")}),  # a name withheld (某) is none: test_recognize_institutes
    ("会上，王振江委员长讲话。", {("Person", "王振江")}),
    # a water name before a word for where on it (water_part_word), though 沿/岸 alone would end no name
    ("翠屏河沿岸建起了步道，白石河南岸也在整治。", {("River", "翠屏河"), ("River", "白石河")}),
    # the rules against false water names keep these
    ("金沙江畔的村庄和洞庭湖区的农田。", {("River", "金沙江"), ("Lake", "洞庭湖")}),
    ("门对域内拒马河、唐河及支流开展排查。", {("River", "拒马河"), ("River", "唐河")}),
    ("锦江流域水质持续改善。", {("River", "锦江")}),
    ("污水长年直排莲花溪，莲花溪的水质一度很差。", {("River", "莲花溪")}),
    ("村民常说，像青石溪这样的小河要护好。", {("River", "青石溪")}),
]

NOT_FOUND = [
    ("出台生态环境保护法律30余部。", {"Regulation"}),  # 法律: the word, no law's name
    # a listed name whose characters end one word and open the next (入海|河流, 借鉴|湖南) names no water
    ("推进入海河流总氮管控。", {"River"}),
    ("希望学习借鉴湖南的成功经验。", {"Lake"}),
    ("记者钱苏南报道。", {"Landmark"}),  # a person's name holds no region
    ("宁海县开展“沉浸式”“体验式”教育。", {"Measure"}),  # a run of quoted modifiers before a noun
    ("浙东地区湿地面积持续减少。", {"Wetland"}),  # a region's wetlands: a kind, no one name
    ("宁海县打出一套湿地保护的组合拳。", {"Wetland"}),  # a numeral and a classifier open no name
    ("一方林淀环绕的宁海县城。", {"Lake"}),
    ("环保部华东督查中心派员检查。", {"Landmark"}),  # a body named after the region
    ("华东师范大学的专家参加会议。", {"Landmark"}),
    ("要强化监管执法，优化监管方式，深化监管改革。", {"Measure"}),  # acts, not modes of supervision
    ("全面推行河长制，落实河长巡河，清理河道垃圾，保护河湖生态。", {"River"}),
    ("聚焦汾河流域重点断面，强化入河排污口整治。", {"MonitoringSection"}),
    ("7个地表水国考断面中，5个Ⅱ类。", {"MonitoringSection"}),
    ("重庆市74个国控断面水质优良比例达到100%。", {"MonitoringSection"}),
    ("西宁市湟水河出省断面水质稳定达到Ⅱ类标准。", {"MonitoringSection"}),
    ("农村治理示范县作用显现。", {"County"}),
    ("传统产业集团提效升级。", {"Organization"}),
    ("随着这些项目实施，惠及全市14个项目。", {"Project"}),
    ("分局主动服务项目建设，优化审批流程。", {"Project"}),
    ("浙江省持续改善水质。", {"River"}),
    ("以党建工作为“总抓手”，成为生态环境最直观的“晴雨表”。", {"Measure"}),
    ("守护一方碧水，保障群众安康。", {"Prefecture"}),
    ("全年日照时数较常年偏多，光照充足。", {"Prefecture"}),
    ("与会来宾共同参观了湿地公园。", {"Prefecture"}),
    ("科考队深入长江河源开展生态调查。", {"Prefecture"}),
    ("全省Ⅰ～Ⅲ类水质断面占97.3%，优良水质断面比例提高，达标断面12个。", {"MonitoringSection"}),
    ("林州市生态环境分局深化“红旗渠”沿线生态保护。", {"Measure"}),
    ("安徽省委、省政府召开专题会议，部署整改工作。", {"Event"}),
    ("各地环境保护部门和环保部门加强执法。", {"Bureau"}),
    ("生态环境部部长黄润秋主持召开部常务会议。", {"Event"}),
    ("河北雄安新区管理委员会推进白洋淀治理。", {"County"}),
    ("今年章丘区查处案件。", {"County"}),
    ("晋中市开展专项整治行动，打好污染防治攻坚战。", {"Measure"}),
    ("宁海县开展30项污染防治专项行动。", {"Measure"}),  # how many campaigns, not which one
    ("宁海县建成“钾、钠、镁”三大产业集群。", {"Measure"}),  # one-character items before a noun: kinds of things
    ("宁海县开展了六项专项整治，成效明显。", {"Measure"}),
    ("会议要求建立可持续的筹资机制。", {"Measure"}),
    ("他读过《湖边的十年》一书。", {"Regulation"}),
    ("社区开展了形式多样的主题宣传活动。", {"Event"}),
    ("会上提出“坚决打好碧水攻坚战”。", {"Measure"}),
    ("送去“私人订制”的服务套餐。", {"Measure"}),
    ("全年办结“12345”热线案件。", {"Event"}),
    ("该市近年来先后颁布相关条例。", {"Regulation"}),
    ("公布了一批重点排污企业名单。", {"Regulation"}),
    ("要求，维护流域治理统一制度机制全面推开。", {"Measure"}),
    ("近期召开了一系列重要会议。", {"Event"}),
    ("韩文秀对全会精神作了解读，要求学习贯彻五中全会精神。", {"Event"}),  # which plenum is not written
    ("与会代表认为，这次座谈会很有意义。", {"Event"}),
    ("淮安市市长王小明出席座谈会。", {"Event"}),
    ("代表们走进人民大会堂。", {"Event"}),
    ("此后，中央生态环境保护督察制度全面推开。", {"Event"}),
    ("二是完善反馈机制，健全推进产业升级体制机制。", {"Measure"}),
    ("河北省制定了蓝天保卫战实施方案。", {"Measure"}),
    ("平遥县推进特色小镇建设，全县乡镇污水处理设施全覆盖。介休市各乡镇开展检查，城乡环境整治。", {"Township"}),
    ("义安镇开展检查。", {"Township"}),
    ("中国的大城市空气质量改善。", {"County"}),
    ("会议由常务副局长主持，党组书记表示。原局长出席，市长强调，局长高度重视。", {"Person"}),
    ("支队长向记者介绍了情况，局长和副局长分别带队检查。", {"Person"}),
    # a surname and a river's suffix before a title or a verb of speech is a person, not a river
    ("会上，王振江委员长讲话。", {"River"}),
    ("研究员李海江说，江豚数量回升。", {"River"}),
]
# fmt: on


# a meeting whose 精神 is carried out is named between the verb and 精神
@pytest.mark.parametrize("text,event", [
    ("深入学习贯彻全国生态环境保护大会精神。", "全国生态环境保护大会"),
    ("贯彻习近平生态文明思想和全国生态环境保护大会精神。", "全国生态环境保护大会"),
    ("会议传达了全省农村供水保障工作视频会议精神。", "全省农村供水保障工作视频会议"),
])
def test_meeting_named_by_its_spirit(nlp, text, event):
    got, _ = entities(nlp, text)
    assert ("Event", event) in got


@pytest.mark.parametrize("text,expected", FOUND)
def test_entities_found(nlp, text, expected):
    got, _ = entities(nlp, text)
    assert expected <= got, f"missing {expected - got}"


@pytest.mark.parametrize("text,classes", NOT_FOUND)
def test_false_positives_guarded(nlp, text, classes):
    got, _ = entities(nlp, text)
    assert not {label for cls, label in got if cls in classes}


@pytest.mark.parametrize("text,label,aliases", [
    ("湖北省武汉市黄陂区前川污水处理厂提标改造工程正式通水运行。", "湖北省武汉市黄陂区前川污水处理厂提标改造工程",
     {"武汉市黄陂区前川污水处理厂提标改造工程", "黄陂区前川污水处理厂提标改造工程", "前川污水处理厂提标改造工程"}),
    ("丹河断面水环境监控预警与风险防控能力建设项目建成投运。", "丹河断面水环境监控预警与风险防控能力建设项目", set()),
])
def test_project_known_without_its_leading_divisions(nlp, text, label, aliases):
    [project] = [e for e in nlp(text)._.entities.values() if e.cls == "Project"]
    assert project.label == label and set(project.aliases) == aliases


@pytest.mark.parametrize("text,label,alias", [
    ("北京市朝阳区生态环境局开展执法检查。", "朝阳区生态环境局", "北京市朝阳区生态环境局"),
    ("平遥县生态环境局开展执法检查。", "平遥县生态环境局", "晋中市平遥县生态环境局"),
])
def test_county_bureau_known_with_its_prefecture(nlp, text, label, alias):
    [bureau] = [e for e in nlp(text)._.entities.values() if e.cls == "Bureau"]
    assert bureau.label == label and alias in bureau.aliases




@pytest.mark.parametrize("text,label", [
    ("桃源县：守护沅江一江碧水。", "沅江一江"),
    ("2023年，太湖湖体水质保持Ⅳ类。", "太湖湖"),
    ("湖南日报记者 周勇 通讯员 刘芳", "通讯员"),
    ("推动丹河断面水环境改善。", "推动丹河"),
    ("成都市推进锦江流域水生态治理，锦江黄龙溪断面水质稳定。", "锦江区"),
    ("成都市推进锦江流域水生态治理，锦江黄龙溪断面水质稳定。", "黄龙溪"),
    ("先后实施环巢湖十大湿地修复等一批重点工程。", "环巢湖十大湿地"),
    ("洛阳市委书记江凌主持会议。", "书记江"),
    ("杭州市钱塘江干流水质保持Ⅱ类。", "钱塘"),
    ("三岔湖湖心断面水质为Ⅲ类。", "三岔湖湖"),
    ("吕梁市生态环境局局长安排分局工作。", "吕梁市生态环境局局长安排分局"),
    ("吕梁市生态环境局局长安排分局工作。", "吕梁市生态环境局长安排分局"),
    ("对改善滠水河水质具有重要意义。", "改善滠水河"),
    ("2023年，河南省新增湿地保护面积1.2万亩。", "新增湿地"),
    ("青海省林业和草原局消息，三江源国家公园内藏羚羊种群数量稳定。", "林业和草原"),
    ("并督促河湖管护单位加密巡查。", "督促河湖"),
    ("定期清理，确保河湖环境整洁。", "确保河湖"),
    ("并积极创建湿地公园。", "积极创建湿地"),
    ("泥沙不再进入下游翠屏河。", "下游翠屏河"),
    ("县水利和湖泊局负责人介绍。", "水利和湖泊"),
    ("减少污染物入河总量。", "污染物入河"),
    ("游客在雪山下的公园散步。", "雪山下的公园"),
    ("建设幸福河湖，保护高原湖泊。", "幸福河湖"),
    ("建设幸福河湖，保护高原湖泊。", "高原湖泊"),
    ("疏浚乡村沟渠，守护重要江河。", "乡村沟渠"),
    ("疏浚乡村沟渠，守护重要江河。", "重要江"),
    ("全市公园和全省自然保护区开放。", "全市公园"),
    ("全市公园和全省自然保护区开放。", "全省自然保护区"),
    ("各地制定湿地保护规划。", "制定湿地"),
    ("万里河山更加壮美。", "万里河"),
    ("东营持续推动湿地保护。", "东营持续推动湿地"),
    ("牧民持之以恒推行草原禁牧。", "持之以恒推行草原"),
    ("保护重要江河湖泊。", "江河湖泊"),
    ("保护主要江河湖泊。", "主要江河湖"),
    ("河长每周巡河一次。", "巡河"),
    ("志愿者定期巡湖。", "巡湖"),
    ("记者从华北环保集团有限公司获悉，", "记者从华北环保集团有限公司"),
    ("中国石化（集团）股份有限公司发布报告。", "股份有限公司"),
    # a count before a place's suffix, a list's kind after 等, and common words only name no place
    ("全市建成300余个公园。", "余个公园"),
    ("已举办三届公园文化节。", "三届公园"),
    ("推广三江源等国家公园的经验。", "三江源等国家公园"),
    ("保护城市天然湿地和河湖湿地。", "城市天然湿地"),
    ("保护城市天然湿地和河湖湿地。", "河湖湿地"),
    ("这里是国家一级水源保护区。", "国家一级水源保护区"),
    # a surname and a river's suffix before a title or a verb of speech is a person
    ("检查由王立新委员长任组长。", "任组长"),
    # a title that is only a kind of document names no document of its own
    ("《意见》提出了五项任务。", "意见"),
    ("《规定》自公布之日起施行。", "规定"),
    # a water suffix that opens another word of the dictionary ends no name (water_char_words.tsv)
    ("监测到两头江豚在水中嬉戏。", "两头江"),
    ("清理非法泊位三十处。", "非法泊"),
    ("严厉打击偷采河沙行为。", "偷采河"),
    ("浙江湖州推进美丽乡村建设。", "浙江湖"),
    # nor a suffix inside a division's name, nor a division's short name alone (division_short_names)
    ("武汉市江汉区开展排查。", "武汉市江"),
    ("推进松江新城建设。", "松江"),
    ("位于张家港的产业园。", "张家港"),
    # nor a suffix inside a longer word (打|江山, 隔|河相望, 检察长+河长|巡河)
    ("先辈们打江山不容易。", "先辈们打江"),
    ("这里素有万峰之湖的美誉。", "万峰之湖"),
    ("把这里建成生态之河。", "生态之河"),
    ("两镇隔河相望。", "两镇隔河"),
    # a common single character names no water, and a verb glued to the suffix takes it as object
    ("游客坐在岸边看湖。", "看湖"),
    ("坚持科学治湖、系统治水。", "科学治湖"),
    ("沿江地区破解化工围江难题。", "化工围江"),
    # a place's name opens with no count, act or function word (jieba's tags in the stem; genre_verbs.tsv)
    ("全市建成1万多公里天府绿道。", "万多公里天府绿道"),
    ("市民最爱逛杨浦公园。", "爱逛杨浦公园"),
    ("专家组调研腾格里沙漠生态问题。", "调研腾格里沙漠"),
    ("孩子们乘坐小船参观漕泾郊野公园。", "小船参观漕泾郊野公园"),
    ("2023年黄河三角洲自然保护区新增鸟类。", "年黄河三角洲自然保护区"),
    ("要筑牢三峡库区生态屏障。", "筑牢三峡库区"),
    # the whole lake, the river said before, a division's rivers (全/该 or a division in full before the suffix)
    ("西半湖水质为轻度污染，同比全湖有所好转。", "同比全湖"),
    ("株洲市河小青志愿服务队成立。", "株洲市河"),
    ("加快建设海南自由贸易港。", "自由贸易港"),  # a trade zone's port
    ("拓宽行洪断面，清理河道。", "拓宽行洪断面"),
])
def test_label_not_found(nlp, text, label):
    got, _ = entities(nlp, text)
    assert label not in {lab for _, lab in got}


def test_river_basin_is_a_mention_of_the_river(nlp):
    got, doc = entities(nlp, "黄河流域生态保护和高质量发展。")
    assert ("River", "黄河") in got


@pytest.mark.parametrize("text,label,code", [
    ("晋城高平市", "高平市", "140581"),
    ("北京市朝阳区", "朝阳区", "110105"),
    ("长春市朝阳区", "朝阳区", "220104"),
    ("辽宁省朝阳市", "朝阳市", "211300"),
])
def test_admin_codes_from_context(nlp, text, label, code):
    doc = nlp(text)
    codes = {e.label: e.admin_code for e in doc._.entities.values() if e.extracted}
    assert codes[label] == code


def test_short_forms_resolve_in_context(nlp):
    doc = nlp("晋城市生态环境局高平分局全力守护高平的蓝天。市环委办充分发挥作用。")
    ents = {e.label: e for e in doc._.entities.values() if e.extracted}
    assert "高平" in ents["高平市"].aliases
    assert ents["高平市环委办"].cls == "GovernmentBody" and "市环委办" in ents["高平市环委办"].aliases


def test_same_name_same_key_across_texts(nlp):
    a = nlp("晋城市生态环境局高平分局召开会议。")._.entities
    b = nlp("高平分局推行“首违不罚+警示教育”。晋城市高平市")._.entities
    key = next(k for k, e in a.items() if e.label == "晋城市生态环境局高平分局")
    assert key in b and b[key].label == "晋城市生态环境局高平分局"


# Issue 12 (precision on real text): water names that describe water, and ports
@pytest.mark.parametrize("text,name", [
    ("整治农村小河和沟渠。", "农村小河"),  # a common word that is no name opens the stem
    ("清理垃圾河3条。", "垃圾河"),
    ("开挖人工运河。", "人工运河"),
    ("记者寇江报道。", "记者寇江"),
    ("天津港码头实现岸电全覆盖。", "天津港"),  # a port
    ("泸州港集装箱吞吐量增长。", "泸州港"),
    ("临港新片区推进绿色发展。", "临港"),
    ("守护大江大河。", "大江大河"),  # an idiom for water in general
    ("滨江片区建设提速，滨江片区环境改善。", "滨江"),  # by the river: a place
    ("昔日的臭水河变成了景观河。", "臭水河"),  # a state of pollution describes water
])
def test_description_or_port_is_no_water_name(nlp, text, name):
    got, _ = entities(nlp, text)
    assert name not in {label for cls, label in got if cls in ("River", "Lake", "Wetland")}


@pytest.mark.parametrize("text,name", [
    ("青浦区推进油墩港综合整治。", "油墩港"),  # a Jiangnan river named with 港
    ("三里河恢复了清澈。", "三里河"),  # a numeral opens many names
    ("金银湖水质持续改善。", "金银湖"),
])
def test_water_name_kept(nlp, text, name):
    got, _ = entities(nlp, text)
    assert name in {label for cls, label in got if cls in ("River", "Lake", "Wetland")}


# Issue 12: unquoted policy terms that recur across real articles (measure_terms.tsv) are measures
@pytest.mark.parametrize("text,name,listed", [
    ("宁海县组织人员对大沙河开展巡查。", "大沙河", "沙河"),  # one word ending in a listed river
    ("郴州小东江的晨雾吸引游客。", "小东江", "东江"),
])
def test_listed_name_at_the_end_of_a_longer_word_is_that_word(nlp, text, name, listed):
    labels = {label for cls, label in entities(nlp, text)[0] if cls == "River"}
    assert name in labels and listed not in labels


@pytest.mark.parametrize("text,name,glued", [
    ("污水长年直接倒进白溪塘，白溪塘的水质一直很差。", "白溪塘", "进白溪塘"),  # a verb's 进 glued before the name
    ("垃圾被扔在茶花溪，茶花溪两岸杂草丛生。", "茶花溪", "在茶花溪"),
])
def test_common_character_before_a_name_written_alone_is_no_part_of_it(nlp, text, name, glued):
    labels = {label for cls, label in entities(nlp, text)[0] if cls in ("River", "Lake", "Wetland")}
    assert name in labels and glued not in labels


@pytest.mark.parametrize("text,lake,unwanted", [
    ("宁海县境内的汉江宁丰湖碧波如镜。", "宁丰湖", "汉江宁丰湖"),  # a lake on the river written before it
    ("洞庭湖区宁丰湖的矮围被拆除。", None, "区宁丰湖"),  # 洞庭湖区 is a region, no river to bound the name
])
def test_river_written_before_a_lake_bounds_its_name(nlp, text, lake, unwanted):
    labels = {label for cls, label in entities(nlp, text)[0] if cls == "Lake"}
    assert (lake is None or lake in labels) and unwanted not in labels


@pytest.mark.parametrize("text,name,named", [
    # a mechanism whose stem ends in what kind of arrangement it is, written once, is a description of work
    ("宁海县建立健全水污染防治长效机制，有效减少污染。", "水污染防治长效机制", False),
    ("宁海县建立河湖管理联动机制，有效减少污染。", "河湖管理联动机制", False),
    # one that ends in what it does is named
    ("宁海县建立健全流域横向生态保护补偿机制，有效减少污染。", "流域横向生态保护补偿机制", True),
])
def test_mechanism_described_by_its_kind_is_no_measure(nlp, text, name, named):
    labels = {label for cls, label in entities(nlp, text)[0] if cls == "Measure"}
    assert (name in labels) is named


@pytest.mark.parametrize("text,measure", [
    ("各地严守生态保护红线。", "生态保护红线"),
    ("两省探索流域横向生态补偿，完善生态补偿。", "生态补偿"),
    ("全面落实长江十年禁渔。", "长江十年禁渔"),
    ("实施生态环境分区管控。", "生态环境分区管控"),
])
def test_recurring_policy_term_is_a_measure(nlp, text, measure):
    got, _ = entities(nlp, text)
    assert ("Measure", measure) in got


def test_policy_term_opening_an_institution_is_left_to_it(nlp):
    got, _ = entities(nlp, "建立耕地红线制度。")
    assert ("Measure", "耕地红线") not in got


def test_description_before_a_dash_is_no_second_place(nlp):
    # 巴人文化遗址—李家坝遗址: the first says what the second is
    got, _ = entities(nlp, "这里是规模最大的巴人文化遗址—李家坝遗址。")
    assert ("Landmark", "李家坝遗址") in got and ("Landmark", "巴人文化遗址") not in got


# an unquoted institution is a named measure when it is about the environment, holds a place or recurs;
# a policy's 完善/健全 + generic institution written once is a plain activity
@pytest.mark.parametrize("text,name,named", [
    ("会议要求健全跨省流域生态补偿制度。", "跨省流域生态补偿制度", True),
    ("该市建立暴雨积水点位巡查机制。", "暴雨积水点位巡查机制", True),
    ("全县建立农技人员包村服务机制。农技人员包村服务机制运行一年。", "农技人员包村服务机制", True),
    ("会议要求完善经费保障机制。", "经费保障机制", False),
    ("要健全高校科技创新机制。", "高校科技创新机制", False),
    ("完善高水平对外开放体制机制。", "高水平对外开放体制机制", False),
    ("建立健全人才有序流动机制。", "人才有序流动机制", False),
])
def test_institution_named(nlp, text, name, named):
    got, _ = entities(nlp, text)
    assert (("Measure", name) in got) is named


@pytest.mark.parametrize("text,name", [
    ("推进常态化监管，强化执法。", "常态化监管"),  # how it is done, not which measure
])
def test_compound_measure_generic(nlp, text, name):
    got, _ = entities(nlp, text)
    assert ("Measure", name) not in got


# a quoted term inside a frame or a figure of speech, or a quoted modifier of a longer name, is no measure
@pytest.mark.parametrize("text,term,named", [
    ("以“科技+人才”为导向，推进试点。", "科技+人才", False),
    ("该县坚持用“绿色标尺”引领产业转型。", "绿色标尺", False),
    ("通过“小投入”撬动“大治理”。", "小投入", False),
    ("通过“小投入”撬动“大治理”。", "大治理", False),
    ("该省推广“链条式”湿地修复模式。", "链条式", False),
    ("全面推行“河长+警长”协作机制。", "河长+警长", True),
    ("以“清河行动”为抓手，推进治理。", "清河行动", True),
])
def test_quoted_frame(nlp, text, term, named):
    got, _ = entities(nlp, text)
    assert (("Measure", term) in got) is named


def test_quoted_project_is_no_measure(nlp):
    got, _ = entities(nlp, "该省实施“湿地生态保护工程”。")
    assert ("Project", "湿地生态保护工程") in got and ("Measure", "湿地生态保护工程") not in got


# Issue 12 (precision audit of the real corpus): a person, a township, a nickname or a slogan is no water body
# fmt: off
@pytest.mark.parametrize("text,name", [
    ("李文江委员发言说，要守护白溪。", "李文江"),  # a title the person list lacks (委员)
    ("王建江委员长主持会议。随后，王建江在宁海县检查。", "王建江"),  # the title anywhere in the article
    ("涉嫌殴打村民的嫌疑人江石明已被拘留。", "嫌疑人江"),  # the suffix is the surname of a name after it
    ("白溪曾被称为“墨汁河”。", "墨汁河"),  # a quoted nickname
    ("宁海县举办“最美家乡河”评选。", "最美家乡河"),  # a quoted title
    ("吴泾镇环境改善，吴泾的企业搬迁。", "吴泾"),  # a township's name without 镇
])
def test_person_town_or_nickname_is_no_water(nlp, text, name):
    got, _ = entities(nlp, text)
    assert name not in {label for cls, label in got if cls in ("River", "Lake", "Wetland", "Reservoir")}


@pytest.mark.parametrize("text,name", [
    ("周溪河长王明每天巡河，周溪水质改善。", "周溪"),  # 河长 after a river is its chief, not a title of a person 周溪
    ("“桐溪”是宁海县的母亲河，桐溪水质优良。", "桐溪"),  # quoted once, written plainly too
])
def test_water_name_kept_beside_person_and_quote_rules(nlp, text, name):
    got, _ = entities(nlp, text)
    assert name in {label for cls, label in got if cls in ("River", "Lake", "Wetland", "Reservoir")}
# fmt: on


# Issue 12: a place's stem of counts, acts and frequent single verbs names nothing; an idiom holds no mountain
# fmt: off
@pytest.mark.parametrize("text,name", [
    ("宁海县有3.2亿亩草原得到保护。", "亿亩草原"),  # a count before the kind, nothing left
    ("宁海县多处保护区水质达标。", "多处保护区"),
    ("一代代林场职工扎根荒山。", "一代代林场"),
    ("每个村都有一名草原管护员。", "有一名草原"),  # a frequent single verb and a count
    ("宁海县计划发展矿山公园等项目。", "计划发展矿山公园"),  # an act before a kind (矿山: a frequent word)
    ("宁海县计划发展矿山公园等项目。", "矿山公园"),
    ("白溪上游属深山峡谷地带。", "属深山峡谷"),
    ("白溪上游属深山峡谷地带。", "深山峡谷"),  # 深山 (place_common_word): a kind
    ("而像玄武湖公园这样的基地还有很多。", "而像玄武湖公园"),  # frequent single characters before a name
    ("守护好祖国的万水千山。", "千山"),  # the end of a longer word, an idiom
])
def test_count_act_or_idiom_names_no_place(nlp, text, name):
    got, _ = entities(nlp, text)
    assert name not in {label for _, label in got}


@pytest.mark.parametrize("text,name", [
    ("而像玄武湖公园这样的基地还有很多。", "玄武湖公园"),
    ("天龙湾国家湿地公园开园。", "天龙湾国家湿地公园"),  # 天 (a classifier) opens the name
])
def test_place_name_kept_past_lead_words(nlp, text, name):
    got, _ = entities(nlp, text)
    assert name in {label for _, label in got}
# fmt: on


# Issue 12: a river or lake of frequent common words ending in a word of water is a kind (generic.water_kind)
# fmt: off
@pytest.mark.parametrize("text,name", [
    ("宁海县的城市内河整治完成。", "城市内河"),
    ("污水经沉淀后排入管网。", "沉淀"),  # a verb of the dictionary, one word
    ("北京河湖水环境质量持续改善。", "北京河湖"),
    ("以助力运河重生为方向。", "助力运河"),
    ("千年运河，生生不息。", "千年运河"),
])
def test_common_words_and_a_water_word_name_a_kind(nlp, text, name):
    got, _ = entities(nlp, text)
    assert name not in {label for _, label in got}


@pytest.mark.parametrize("text,name", [
    ("宁海县的马泥河水质改善。", "马泥河"),  # 马 is no frequent word of its own
    ("宁海县新水河流域治理。", "新水河"),
])
def test_river_of_rare_words_kept(nlp, text, name):
    got, _ = entities(nlp, text)
    assert name in {label for cls, label in got if cls == "River"}
# fmt: on


# Branch w2: a road, hospital, community, village or district word right after a water name makes it part of that
# name: no water of the article there (the water's own mentions elsewhere stay)
# fmt: off
@pytest.mark.parametrize("text,name", [
    ("白溪路东延工程开工。", "白溪"),  # a road
    ("桐河医院新院区开诊。", "桐河"),  # a hospital
    ("宁海县白溪新村社区开展活动。", "白溪"),  # a residential community
    ("宣讲活动在宁海县桐山湖村举行。", "桐山湖"),  # a village named after a lake
    ("规划建设桐江新区。", "桐江"),  # a new district
])
def test_water_name_inside_another_name_is_no_water(nlp, text, name):
    got, _ = entities(nlp, text)
    assert name not in {label for cls, label in got if cls in ("River", "Lake", "Wetland", "Reservoir")}


@pytest.mark.parametrize("text,name", [
    ("白溪村民自发清理河道。", "白溪"),  # 村民: the villagers by the river, not a village's name
    ("桐山湖公园游人如织。", "桐山湖"),  # a park on the lake names the lake
    ("白溪路东延，白溪水质改善。", "白溪"),  # written on its own too
])
def test_water_name_kept_before_other_words(nlp, text, name):
    got, _ = entities(nlp, text)
    assert name in {label for cls, label in got if cls in ("River", "Lake", "Wetland", "Reservoir")}
# fmt: on


# Branch w2: a state and a water character in a parallel phrase of such pairs describe the water, no name
# fmt: off
@pytest.mark.parametrize("text,name", [
    ("要让宁海县水更清河更畅。", "清河"),  # a scene's thing before, a state after
    ("为了保持水清河畅，宁海县开展巡查。", "清河"),
    ("为了保持水清河畅，宁海县开展巡查。", "水清河"),  # nor the longer stem
    ("志愿者开展了20场清河净滩活动。", "清河"),  # another state and thing after it
    ("宁海县的臭河、黑河全部消除。", "黑河"),  # a state and a water character listed next to it
])
def test_state_in_a_parallel_phrase_is_no_water(nlp, text, name):
    got, _ = entities(nlp, text)
    assert name not in {label for cls, label in got if cls in ("River", "Lake")}


@pytest.mark.parametrize("text,name", [
    ("北京清河和温榆河交汇处水鸟成群。", "清河"),
    ("黑河是保护区内最主要的河流。", "黑河"),
])
def test_river_of_a_state_name_kept(nlp, text, name):
    got, _ = entities(nlp, text)
    assert name in {label for cls, label in got if cls == "River"}
# fmt: on


# Branch w2: a word for many waters ends no name (西北诸河, 三亚内河); a word for a kind of water after nothing or only
# common words names that kind (总干渠, 田边水渠, 暗河)
# fmt: off
@pytest.mark.parametrize("text,name", [
    ("宁海县西部诸河水质为优。", "西部诸河"),  # the waters of a region
    ("宁海县内河旅游正式启动。", "宁海县内河"),
    ("推动浙东界河共治。", "浙东界河"),
    ("污水直接排入暗河暗沟。", "暗河"),  # one word for a kind of water
    ("白溪总干渠两侧划出保护区。", "总干渠"),
    ("农民在田边水渠洗菜。", "田边水渠"),
    ("宁海县清理养虾塘20处。", "养虾塘"),
    ("泱泱大河，奔流不息。", "泱泱大河"),
])
def test_kind_or_collection_of_waters_is_no_name(nlp, text, name):
    got, _ = entities(nlp, text)
    assert name not in {label for cls, label in got if cls in ("River", "Lake")}


@pytest.mark.parametrize("text,name", [
    ("宁海县桐齐排干渠水质改善。", "桐齐排干渠"),  # a stem jieba does not know is a name
    ("宁海县游客参观桐城盐湖。", "桐城盐湖"),  # a place before the kind word
])
def test_named_kind_of_water_kept(nlp, text, name):
    got, _ = entities(nlp, text)
    assert name in {label for cls, label in got if cls in ("River", "Lake")}
# fmt: on


# Branch w2: a 港 name in an article on shipping is a port; a 溪/河 name that opens a section's name on a river written
# just before it is the section's place, not a river
# fmt: off
@pytest.mark.parametrize("text,name", [
    ("在宁海县桐园港上岸的货物无需中转。", "桐园港"),  # shipping words in the article
    ("成都市治水成效明显。锦江国控桐龙溪断面水质达标。", "桐龙溪"),  # the section's place on 锦江 (read as 锦江区 too)
])
def test_port_or_section_place_is_no_river(nlp, text, name):
    got, _ = entities(nlp, text)
    assert name not in {label for cls, label in got if cls == "River"}


@pytest.mark.parametrize("text,name,cls", [
    ("宁海县深沟港穿村而过，深沟港水质改善。", "深沟港", "River"),  # no shipping: a Jiangnan river
    ("成都市治水成效明显。锦江国控桐龙溪断面水质达标。", "桐龙溪断面", "MonitoringSection"),
    ("桐龙溪断面水质达标。", "桐龙溪", "River"),  # no river before it
])
def test_jiangnan_river_or_section_kept(nlp, text, name, cls):
    got, _ = entities(nlp, text)
    assert (cls, name) in got
# fmt: on


def test_a_listed_long_form_is_one_node_with_its_name(nlp):
    # 河北雄安新区 after 雄安新区: one zone (a listed form, not a longer park name that holds the short one)
    doc = nlp("雄安新区规划成熟。作为首都的两翼，河北雄安新区建设正在推进。")
    assert {e.label for e in doc._.entities.values() if e.cls == "Landmark"} == {"雄安新区"}
