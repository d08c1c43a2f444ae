"""Hand-written sentence material for realistic Chinese disclosure texts.

Used by ``generate.py`` (the dev evaluation set) and by the benchmarks, which
need large numbers of believable catalogue items. Organisations are fictional
county bureaus; the wording follows real county disclosure pages.

Every subject says what an item is *about*; relevance judgements of the
evaluation set are derived from these attributes, never from text matching.
"""

COUNTIES = {
    "qinglan": {"name": "青岚县", "short": "岚"},
    "gaoling": {"name": "高岭县", "short": "高"},
}

# key: (full suffix, short suffix, doc-no code, catalogue topic)
ORGS = {
    "kjj": ("科学技术局", "科技局", "科发", "科技"),
    "zfb": ("人民政府办公室", "政府办", "政办发", "政务公开"),
    "rsj": ("人力资源和社会保障局", "人社局", "人社发", "劳动就业"),
    "zjj": ("住房和城乡建设局", "住建局", "建发", "城乡建设"),
    "scj": ("市场监督管理局", "市场监管局", "市监发", "市场监管"),
    "fgj": ("发展和改革局", "发改局", "发改发", "国民经济管理"),
    "wjj": ("卫生健康局", "卫健局", "卫健发", "卫生"),
    "jtj": ("教育和体育局", "教体局", "教体发", "教育"),
    "yjj": ("应急管理局", "应急局", "应急发", "安全生产"),
    "czj": ("财政局", "财政局", "财发", "财政"),
    "ybj": ("医疗保障局", "医保局", "医保发", "社会保障"),
}

# Sentences every bureau may use; they name no subject of SUBJECTS.
GENERIC = [
    "各乡镇人民政府、县直有关部门要高度重视，加强组织领导，明确责任分工，确保各项工作落到实处。",
    "本通知自印发之日起施行，执行中遇到的问题请及时向我局反馈。",
    "请各单位于规定时间前将有关材料报送至我局办公室，逾期不再受理。",
    "联系电话：0000-6961249，联系地址：县行政服务中心三楼。",
    "现将有关事项通知如下，请认真贯彻执行。",
    "各单位要加强宣传引导，及时回应群众关切，营造良好社会氛围。",
    "工作中要严格执行廉洁纪律，坚决杜绝弄虚作假行为。",
    "对工作推进不力、造成不良影响的，将依规依纪严肃追究责任。",
]

GENERIC_TRAD_SAFE = GENERIC  # rendered to traditional script by the generator

# Subjects: id -> dict(org, category, genre, validity-prone, titles, sentences, words)
# Title templates: {org} full organisation name, {year} year, {county} county.
SUBJECTS = {
    # ---- 科技局 ----
    "sme_eval": dict(
        org="kjj",
        category="业务工作",
        genre="通知",
        titles=[
            "{org}关于开展{year}年科技型中小企业评价工作的通知",
            "{org}关于{year}年第二批入库科技型中小企业名单的公示",
        ],
        sentences=[
            "根据《科技型中小企业评价办法》，符合条件的企业可登录全国科技型中小企业信息服务平台进行自主评价。",
            "经企业自主评价、县级审核和省级复核，现将入库科技型中小企业名单予以公示。",
            "入库企业可按规定享受研发费用税前加计扣除等优惠政策。",
        ],
    ),
    "hitech": dict(
        org="kjj",
        category="业务工作",
        genre="通知",
        titles=[
            "{org}关于组织申报{year}年度高新技术企业认定的通知",
            "{org}关于{year}年高新技术企业培育库入库企业的公示",
        ],
        sentences=[
            "高新技术企业认定工作按照《高新技术企业认定管理办法》执行，企业须在规定时间内完成网上申报。",
            "认定通过的高新技术企业可享受企业所得税减按百分之十五征收的优惠。",
            "县科技局将组织专家对申报企业进行辅导，提高申报质量。",
        ],
    ),
    "special_envoy": dict(
        org="kjj",
        category="业务工作",
        genre="通知",
        titles=["{org}关于选派{year}年度科技特派员的通知", "{org}关于{year}年科技特派员服务情况的通报"],
        sentences=[
            "科技特派员深入乡村一线，围绕茶叶、食用菌、中药材等特色产业开展技术服务。",
            "各科技特派员要与服务对象签订服务协议，每年驻村服务时间不少于六十天。",
            "对服务成效突出的科技特派员，将在年度考核中予以表彰。",
        ],
    ),
    "ip_pledge": dict(
        org="kjj",
        category="政策文件",
        genre="通知",
        titles=["{org}关于印发《{county}知识产权质押融资风险补偿资金管理办法》的通知"],
        sentences=[
            "为缓解科技企业融资难问题，县财政设立知识产权质押融资风险补偿资金。",
            "企业以专利权、商标权质押取得的贷款发生损失的，由风险补偿资金按比例给予补偿。",
        ],
    ),
    "rd_deduction": dict(
        org="kjj",
        category="政策文件",
        genre="其他",
        titles=["一图读懂研发费用加计扣除政策", "{org}关于研发费用加计扣除政策的解读"],
        sentences=[
            "企业开展研发活动中实际发生的研发费用，未形成无形资产计入当期损益的，在按规定据实扣除的基础上，再按照实际发生额的百分之百在税前加计扣除。",
            "政策解读由县科技局会同县税务局编制，企业可拨打咨询电话了解详情。",
        ],
    ),
    "tech_transfer": dict(
        org="kjj",
        category="政策文件",
        genre="意见",
        titles=["{org}关于促进科技成果转化的实施意见"],
        sentences=[
            "鼓励高校、科研院所与本县企业共建研发平台，推动科技成果在本地转化落地。",
            "对技术合同成交额较大的企业，按照技术交易额给予一定比例奖励。",
        ],
    ),
    "science_week": dict(
        org="kjj",
        category="业务工作",
        genre="方案",
        titles=["{county}{year}年科技活动周实施方案", "{org}关于举办{year}年全国科普日活动的通知"],
        sentences=[
            "活动期间将组织科普大篷车进校园、进社区、进农村，开展科普讲座和科技展览。",
            "各乡镇要结合实际组织群众性科普活动，提升公民科学素质。",
        ],
    ),
    "innovation_voucher": dict(
        org="kjj",
        category="政策文件",
        genre="通知",
        titles=["{org}关于印发《{county}科技创新券实施管理办法（试行）》的通知"],
        sentences=[
            "科技创新券用于支持中小微企业购买检验检测、研发设计等科技服务。",
            "每家企业每年申领的创新券额度最高不超过二十万元。",
        ],
    ),
    # ---- 政府办 ----
    "open_gov_points": dict(
        org="zfb",
        category="政策文件",
        genre="通知",
        titles=["{org}关于印发{county}{year}年政务公开工作要点的通知"],
        sentences=[
            "各部门要全面落实政务公开各项任务，及时公开重大决策、重点工作和政策解读。",
            "进一步规范政府信息公开平台建设，确保法定主动公开内容全面公开到位。",
        ],
    ),
    "hotline": dict(
        org="zfb",
        category="业务工作",
        genre="通报",
        titles=["{org}关于{year}年12345政务服务便民热线办理情况的通报"],
        sentences=[
            "全年共受理12345热线来电诉求二万余件，按时办结率达到百分之九十八以上。",
            "对群众反映集中的供水、供暖、物业等问题，相关部门已建立快速响应机制。",
        ],
    ),
    "business_env": dict(
        org="zfb",
        category="政策文件",
        genre="方案",
        titles=["{org}关于印发{county}持续优化营商环境三年行动方案的通知"],
        sentences=[
            "深化放管服改革，推行企业开办一网通办，将企业开办时间压缩至一个工作日以内。",
            "建立健全营商环境监督员制度，畅通企业诉求反映渠道。",
        ],
    ),
    "flood_plan": dict(
        org="yjj",
        category="规划计划",
        genre="方案",
        titles=["{county}{year}年防汛抗旱应急预案", "{org}关于做好{year}年汛期防汛工作的通知"],
        sentences=[
            "入汛以来，各乡镇要严格落实防汛值班制度，加强对河道、水库和地质灾害隐患点的巡查。",
            "遇有强降雨天气，要提前转移危险区域群众，确保人民群众生命财产安全。",
        ],
    ),
    "forest_fire": dict(
        org="yjj",
        category="业务工作",
        genre="通告",
        titles=["{county}人民政府关于{year}年森林防火期的通告"],
        sentences=[
            "森林防火期内，禁止在林区野外吸烟、烧荒、上坟烧纸等一切野外用火行为。",
            "发现森林火情请立即拨打火警电话，违者将依法追究责任。",
        ],
    ),
    "work_safety": dict(
        org="yjj",
        category="业务工作",
        genre="通知",
        titles=["{org}关于开展{year}年安全生产大检查的通知", "{org}关于{year}年安全生产月活动的通知"],
        sentences=[
            "聚焦危险化学品、非煤矿山、建筑施工等重点行业领域，全面排查整治安全隐患。",
            "对检查中发现的重大事故隐患，实行挂牌督办，确保按期整改到位。",
        ],
    ),
    # ---- 人社局 ----
    "social_insurance": dict(
        org="rsj",
        category="业务工作",
        genre="通知",
        titles=[
            "{org}关于调整{year}年度城乡居民基本养老保险缴费档次的通知",
            "{org}关于做好{year}年度社会保险费征缴工作的通知",
        ],
        sentences=[
            "城乡居民基本养老保险缴费档次设为每年二百元至五千元共十二个档次，参保人自主选择。",
            "用人单位应当按时足额为职工缴纳社会保险费，不得以任何理由拖欠。",
        ],
    ),
    "public_jobs": dict(
        org="rsj",
        category="人事信息",
        genre="公告",
        titles=["{county}{year}年公益性岗位招聘公告", "{county}{year}年事业单位公开招聘工作人员公告"],
        sentences=[
            "本次招聘坚持公开、平等、竞争、择优的原则，采取笔试与面试相结合的方式进行。",
            "报名人员须如实填写报名信息，凡弄虚作假者，一经查实即取消聘用资格。",
        ],
    ),
    "skills_training": dict(
        org="rsj",
        category="政策文件",
        genre="通知",
        titles=["{org}关于做好{year}年职业技能培训补贴申领工作的通知"],
        sentences=[
            "参加职业技能培训并取得职业资格证书或职业技能等级证书的人员，可按规定申领培训补贴。",
            "培训补贴资金从就业补助资金中列支，实行实名制管理。",
        ],
    ),
    "wage_arrears": dict(
        org="rsj",
        category="业务工作",
        genre="通知",
        titles=["{org}关于开展{year}年根治欠薪冬季专项行动的通知"],
        sentences=[
            "聚焦工程建设领域，全面排查农民工工资支付情况，依法严厉打击恶意欠薪行为。",
            "劳动者遇到拖欠工资问题，可拨打劳动保障监察举报投诉电话。",
        ],
    ),
    # ---- 住建局 ----
    "old_housing": dict(
        org="zjj",
        category="规划计划",
        genre="方案",
        titles=["{county}{year}年城镇老旧小区改造计划", "{org}关于{year}年老旧小区改造项目的公示"],
        sentences=[
            "年度计划改造城镇老旧小区十二个，涉及居民一千八百余户，重点改造供排水、供暖和屋面防水。",
            "改造方案充分征求居民意见，坚持先民主决策、后改造实施。",
        ],
    ),
    "housing_fund": dict(
        org="zjj",
        category="办事服务",
        genre="办事指南",
        titles=["住房公积金提取业务办事指南", "{county}住房公积金{year}年年度报告"],
        sentences=[
            "职工购买、建造、翻建、大修自住住房的，可以申请提取本人住房公积金账户内的存储余额。",
            "办理提取业务须携带本人身份证原件及相关证明材料到公积金服务大厅办理。",
        ],
    ),
    "site_dust": dict(
        org="zjj",
        category="业务工作",
        genre="通知",
        titles=["{org}关于加强建筑工地扬尘污染防治工作的通知"],
        sentences=[
            "施工现场必须做到周边围挡、物料堆放覆盖、出入车辆清洗、施工现场地面硬化、拆迁工地湿法作业、渣土车辆密闭运输。",
            "对扬尘治理不达标的工地，一律责令停工整改。",
        ],
    ),
    "gas_safety": dict(
        org="zjj",
        category="业务工作",
        genre="方案",
        titles=["{county}城镇燃气安全专项整治工作方案"],
        sentences=[
            "全面排查餐饮企业、老旧小区燃气管道和用气设施，督促燃气经营企业落实安全主体责任。",
            "推广安装燃气泄漏报警装置和自动切断装置。",
        ],
    ),
    # ---- 市场监管局 ----
    "food_sampling": dict(
        org="scj",
        category="业务工作",
        genre="通告",
        titles=["{org}关于{year}年第三期食品安全监督抽检信息的通告", "{org}{year}年食品安全抽检不合格产品核查处置情况"],
        sentences=[
            "本期共抽检食用农产品、粮食加工品、食用油等食品样品一百二十批次，检出不合格样品两批次。",
            "对抽检中发现的不合格食品，已责令经营者立即下架，并依法立案调查。",
        ],
    ),
    "random_inspection": dict(
        org="scj",
        category="业务工作",
        genre="公告",
        titles=["{org}{year}年度“双随机、一公开”抽查计划", "{org}关于“双随机、一公开”抽查结果的公告"],
        sentences=[
            "按照随机抽取检查对象、随机选派执法检查人员、抽查情况及查处结果及时向社会公开的要求开展监管。",
            "抽查结果将通过国家企业信用信息公示系统向社会公示。",
        ],
    ),
    "special_equipment": dict(
        org="scj",
        category="业务工作",
        genre="通知",
        titles=["{org}关于开展电梯等特种设备安全隐患排查的通知"],
        sentences=[
            "重点检查住宅小区、商场、医院等人员密集场所的电梯维护保养情况。",
            "特种设备使用单位应当建立安全技术档案，定期进行自行检查。",
        ],
    ),
    # ---- 发改局 ----
    "key_projects": dict(
        org="fgj",
        category="规划计划",
        genre="通知",
        titles=["{org}关于印发{county}{year}年重点项目投资计划的通知"],
        sentences=[
            "全年安排县级重点项目八十个，总投资一百二十亿元，其中产业项目四十二个。",
            "对重点项目实行县级领导包联制度，协调解决项目推进中的困难问题。",
        ],
    ),
    "ppp": dict(
        org="fgj",
        category="业务工作",
        genre="公告",
        titles=["{county}城区污水处理厂PPP项目实施方案公示"],
        sentences=[
            "项目采用政府和社会资本合作模式，合作期限为二十五年。",
            "社会资本方负责项目的投资、建设和运营维护，政府按绩效考核结果支付可用性服务费。",
        ],
    ),
    "economy_stats": dict(
        org="fgj",
        category="统计数据",
        genre="统计数据",
        titles=["{county}{year}年国民经济运行情况", "{county}{year}年上半年经济运行简况"],
        sentences=[
            "初步核算，全县地区生产总值同比增长百分之六点二，增速高于全市平均水平。",
            "规模以上工业增加值增长百分之七点五，固定资产投资保持平稳增长。",
        ],
    ),
    # ---- 卫健局 ----
    "family_doctor": dict(
        org="wjj",
        category="业务工作",
        genre="方案",
        titles=["{county}{year}年家庭医生签约服务工作方案"],
        sentences=[
            "以老年人、孕产妇、儿童、慢性病患者为重点人群，扎实推进家庭医生签约服务。",
            "签约居民可享受健康咨询、慢病随访、预约转诊等服务。",
        ],
    ),
    "covid_vaccine": dict(
        org="wjj",
        category="业务工作",
        genre="通告",
        titles=["{org}关于新冠病毒疫苗接种工作的通告", "{county}新冠肺炎疫情防控指挥部通告（第{num}号）"],
        sentences=[
            "符合条件的居民可携带身份证到就近的预防接种门诊免费接种新冠病毒疫苗。",
            "请广大群众继续做好个人防护，勤洗手、戴口罩、常通风。",
        ],
    ),
    "elderly_checkup": dict(
        org="wjj",
        category="业务工作",
        genre="通知",
        titles=["{org}关于开展{year}年六十五岁以上老年人免费健康体检的通知"],
        sentences=[
            "辖区内年满六十五周岁的常住居民可到乡镇卫生院免费参加健康体检。",
            "体检项目包括血常规、尿常规、肝功能、肾功能、心电图和腹部彩超。",
        ],
    ),
    # ---- 教体局 ----
    "school_enrolment": dict(
        org="jtj",
        category="政策文件",
        genre="通知",
        titles=["{org}关于做好{year}年义务教育阶段学校招生入学工作的通知"],
        sentences=[
            "坚持免试就近入学原则，公办小学按照划定的学区招生。",
            "适龄儿童家长须在规定时间内通过招生平台完成网上报名。",
        ],
    ),
    "fitness": dict(
        org="jtj",
        category="业务工作",
        genre="方案",
        titles=["{county}{year}年全民健身运动会实施方案"],
        sentences=[
            "运动会设篮球、乒乓球、羽毛球、广场舞等项目，面向全县群众开放报名。",
            "各乡镇要积极组织群众参与，推动全民健身与全民健康深度融合。",
        ],
    ),
    # ---- 财政局 ----
    "gov_procurement": dict(
        org="czj",
        category="财政资金",
        genre="公告",
        titles=["{county}{year}年政府集中采购目录及限额标准", "{org}关于{year}年政府采购意向公开的公告"],
        sentences=[
            "纳入集中采购目录的项目，采购单位应当委托集中采购机构代理采购。",
            "政府采购限额标准以上的项目，应当按规定公开采购意向。",
        ],
    ),
    # ---- 医保局 ----
    "medical_insurance": dict(
        org="ybj",
        category="业务工作",
        genre="通知",
        titles=["{org}关于做好{year}年度城乡居民基本医疗保险参保缴费工作的通知"],
        sentences=[
            "城乡居民基本医疗保险个人缴费标准为每人每年三百八十元。",
            "参保人员可通过手机缴费平台、银行网点等渠道缴纳医疗保险费。",
        ],
    ),
    "chronic_disease": dict(
        org="ybj",
        category="办事服务",
        genre="办事指南",
        titles=["门诊慢特病待遇认定办事指南"],
        sentences=[
            "患有高血压、糖尿病等门诊慢特病的参保人员，可向定点医疗机构申请待遇认定。",
            "认定通过后，门诊发生的政策范围内医疗费用按规定比例报销。",
        ],
    ),
}

# Items every bureau publishes (subject id -> template data).
PER_ORG = {
    "annual_report": dict(
        category="政府信息公开年报",
        genre="报告",
        topic="政务公开",
        titles=["{org}{year}年政府信息公开工作年度报告"],
        sentences=[
            "本报告根据《中华人民共和国政府信息公开条例》要求编制，所列数据统计期限自{year}年1月1日起至{year}年12月31日止。",
            "{year}年，我局共主动公开政府信息{n}条，收到政府信息公开申请{m}件，均在法定期限内答复。",
            "未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。",
        ],
    ),
    "guide": dict(
        category="政府信息公开指南",
        genre="其他",
        topic="政务公开",
        titles=["{org}政府信息公开指南"],
        sentences=[
            "为更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。",
            "申请人可通过当面、信函、网络等方式向我局提出政府信息公开申请。",
            "本指南每年更新一次，最近更新时间为{year}年3月。",
        ],
    ),
    "budget": dict(
        category="财政预决算",
        genre="其他",
        topic="财政",
        titles=["{org}{year}年部门预算公开", "{org}{year}年部门预算及“三公”经费预算说明"],
        sentences=[
            "{year}年本部门收入预算合计{n}万元，全部为一般公共预算财政拨款收入。",
            "“三公”经费预算中，因公出国（境）费为零，公务接待费比上年减少。",
        ],
    ),
    "final_accounts": dict(
        category="财政预决算",
        genre="其他",
        topic="财政",
        titles=["{org}{year}年部门决算公开"],
        sentences=[
            "{year}年度本部门收入决算合计{n}万元，支出决算合计{m}万元。",
            "决算数与年初预算数存在差异的主要原因是年中追加了专项资金。",
        ],
    ),
}
