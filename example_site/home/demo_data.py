"""Demo catalogue of the fictional 高青县科学技术局. All names and numbers are invented."""

import datetime

D = datetime.date

AGENCY = "高青县科学技术局"
ORG_CODE = "11370322MB2851234X"
ORGANISATION = {
    "short_name": "县科技局",
    "org_code": ORG_CODE,
    "address": "高青县城黄河路87号",
    "phone": "0533-6961249",
}

# 网站标识 in the footer and the page meta tags (invented numbers; 370322 is 高青县's 行政区划码).
SITE_IDENTITY = {
    "site_name": AGENCY,
    "site_domain": "kjj.gaoqing.example.gov.cn",
    "site_id_code": "3703220099",
    "icp_number": "鲁ICP备12345678号",
    "police_number": "鲁公网安备 37032202000123号",
    "sponsor": AGENCY,
    "contact": "0533-6961249",
}

CATEGORIES = [
    ("xxgkzn", "政府信息公开指南", "01"),
    ("jggk", "机构概况", "02"),
    ("jgld", "机构领导", "03"),
    ("zcfg", "政策法规", "04"),
    ("ghjh", "规划计划", "05"),
    ("tjsj", "统计数据", "06"),
    ("xxgknb", "政府信息公开年报", "07"),
]


def p(*paragraphs):
    return ("paragraph", "".join(f"<p>{text}</p>" for text in paragraphs))


GUIDE = {
    "effective_on": D(2024, 1, 1),
    "scope": "<p>本机关主动公开的政府信息范围详见本局政府信息公开目录，包括机构概况、机构领导、政策法规、规划计划、统计数据等。</p>",
    "methods": "<p>主动公开的政府信息通过高青县人民政府门户网站“政府信息公开”专栏发布，并在县档案馆、县图书馆设置查阅点。属于主动公开范围的政府信息，自形成或者变更之日起20个工作日内予以公开。</p>",
    "request_procedure": "<p>申请人可以通过当面、信函或者互联网提交《政府信息公开申请表》。本局收到申请后，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内予以答复，需要延长答复期限的，经负责人同意并告知申请人，延长期限最长不超过20个工作日。</p>",
    "fees": "<p>依申请提供政府信息不收取费用。但申请人申请公开政府信息的数量、频次明显超过合理范围的，按照《政府信息公开信息处理费管理办法》收取信息处理费。</p>",
    "remedies": "<p>公民、法人或者其他组织认为本局在政府信息公开工作中侵犯其合法权益的，可以向高青县人民政府办公室投诉、举报，也可以依法申请行政复议或者提起行政诉讼。</p>",
    "receiving_office": "高青县科学技术局办公室",
    "address": "高青县城黄河路87号科技大厦305室",
    "postcode": "256300",
    "phone": "0533-6961249",
    "fax": "0533-6961250",
    "email": "gqkjj@example.gov.cn",
    "office_hours": "法定工作日 上午8:30—12:00，下午13:30—17:30（夏季14:00—18:00）",
}

PROFILE = {
    "functions": "<ol><li>贯彻执行国家、省、市有关科技工作的方针政策和法律法规，拟订全县科技发展规划和年度计划并组织实施。</li>"
    "<li>组织实施县级科技计划项目，负责项目立项、验收和经费监督管理。</li>"
    "<li>负责高新技术企业和科技型中小企业的培育工作，推动科技成果转移转化。</li>"
    "<li>负责农业科技园区、科技特派员和基层科普工作。</li>"
    "<li>完成县委、县政府交办的其他任务。</li></ol>",
    "address": "高青县城黄河路87号科技大厦",
    "phone": "0533-6961249",
    "office_hours": "法定工作日 8:30—17:30",
    "departments": [
        {
            "name": "办公室",
            "head": "赵丽娟",
            "phone": "0533-6961249",
            "duties": "负责机关文电、会务、机要、档案、财务、政府信息公开和安全保密等工作。",
        },
        {
            "name": "政策法规与创新股",
            "head": "孙志强",
            "phone": "0533-6961251",
            "duties": "拟订科技政策和规范性文件，负责科技创新券、研发费用加计扣除政策宣传和科技统计。",
        },
        {
            "name": "高新技术与成果转化股",
            "head": "周海燕",
            "phone": "0533-6961252",
            "duties": "负责高新技术企业认定推荐、科技型中小企业评价入库和技术合同登记。",
        },
        {
            "name": "农村科技与社会发展股",
            "head": "吴俊峰",
            "phone": "0533-6961253",
            "duties": "负责农业科技园区建设、科技特派员管理、科普和社会发展领域科技工作。",
        },
    ],
}

LEADERS = [
    {
        "name": "王明远",
        "post": "党组书记、局长",
        "responsibilities": "主持局全面工作。分管办公室。",
        "cv": "<p>男，汉族，1975年出生，山东淄博人，大学学历，中共党员。曾任高青县某镇党委副书记、镇长，2021年起任现职。</p>",
    },
    {
        "name": "李晓华",
        "post": "党组成员、副局长",
        "responsibilities": "负责科技政策、科技计划项目管理工作。分管政策法规与创新股。",
        "cv": "<p>女，汉族，1980年出生，研究生学历，中共党员。2019年起任现职。</p>",
    },
    {
        "name": "张建国",
        "post": "党组成员、副局长",
        "responsibilities": "负责高新技术产业、成果转化和农村科技工作。分管高新技术与成果转化股、农村科技与社会发展股。",
        "cv": "<p>男，汉族，1978年出生，大学学历，中共党员。2022年起任现职。</p>",
    },
]

PLAN_14 = {
    "kind": "plan",
    "period_start": 2021,
    "period_end": 2025,
    "status": "in_force",
    "summary": "<p>到2025年，全县研发经费投入强度达到2.6%，高新技术企业达到60家，科技型中小企业达到150家，高新技术产业产值占规上工业产值比重达到50%。</p>",
}
PLAN_2024 = {
    "kind": "programme",
    "period_start": 2024,
    "period_end": 2024,
    "status": "completed",
    "summary": "<ol><li>新培育高新技术企业8家以上。</li><li>组织实施县级科技计划项目20项。</li><li>新选派科技特派员30名。</li></ol>",
}

STATISTICS = {
    "title": "高青县高新技术企业和科技型中小企业数量",
    "unit": "家",
    "period": "2019—2023年",
    "source": "高青县科学技术局",
    "chart": True,
    "table": {
        "columns": [
            {"type": "text", "heading": "年份"},
            {"type": "integer", "heading": "高新技术企业"},
            {"type": "integer", "heading": "科技型中小企业"},
        ],
        "rows": [
            {"values": ["2019年", 18, 45]},
            {"values": ["2020年", 23, 58]},
            {"values": ["2021年", 28, 70]},
            {"values": ["2022年", 35, 84]},
            {"values": ["2023年", 42, 96]},
        ],
        "caption": "",
    },
}
RND = {
    "title": "全县研发经费投入情况",
    "unit": "万元",
    "period": "2023年",
    "source": "高青县统计局、高青县科学技术局",
    "chart": True,
    "table": {
        "columns": [{"type": "text", "heading": "主体"}, {"type": "number", "heading": "研发经费"}],
        "rows": [
            {"values": ["规模以上工业企业", "38620.5"]},
            {"values": ["高等院校及科研机构", "2140.0"]},
            {"values": ["其他", "1765.3"]},
        ],
        "caption": "",
    },
}

# Attachments of the 科技创新券 notice: (file name, title, lines), generated by demo_files.
VOUCHER_ATTACHMENTS = [
    (
        "gaoqing-kejichuangxinquan-guanli-banfa.pdf",
        "高青县科技创新券管理办法（全文）",
        [
            "第一章 总则",
            "第一条 为支持中小微企业开展科技创新活动，降低企业研发成本，制定本办法。",
            "第二条 科技创新券每家企业每年最高支持10万元。",
            "第二章 支持对象和使用范围",
            "第三条 在本县注册、具有独立法人资格的中小微企业可以申领科技创新券。",
            "第四条 创新券用于购买研究开发、检验检测、技术转移等科技服务。",
        ],
    ),
    (
        "gaoqing-kejichuangxinquan-shenlingbiao.docx",
        "高青县科技创新券申领表",
        [
            "企业名称：",
            "统一社会信用代码：",
            "联系人及电话：",
            "拟购买的科技服务内容：",
            "申领金额（万元）：",
        ],
    ),
]

# Items: category slug, then page fields. "interprets" names a policy by title;
# "repeal" publishes a later revision that repeals the item (a dated validity event).
ITEMS = [
    {
        "category": "xxgkzn",
        "title": "高青县科学技术局政府信息公开指南（2024年版）",
        "published_on": D(2024, 1, 2),
        "genre": "办事指南",
        "topic": "综合政务\\政务公开",
        "summary": "本局政府信息公开的范围、方式、申请程序和受理机构。",
        "body": [("guide", GUIDE)],
        "keywords": ["信息公开指南"],
    },
    {
        "category": "jggk",
        "title": "高青县科学技术局机构概况",
        "published_on": D(2024, 3, 1),
        "genre": "其他",
        "topic": "科技、教育\\科技",
        "summary": "本局主要职责、内设机构及联系方式。",
        "body": [("organisation_profile", PROFILE)],
    },
    {
        "category": "jgld",
        "title": "高青县科学技术局领导信息",
        "published_on": D(2024, 3, 1),
        "genre": "其他",
        "topic": "科技、教育\\科技",
        "summary": "局领导姓名、职务、分工和简历。",
        "body": [("leader", leader) for leader in LEADERS],
    },
    {
        "category": "zcfg",
        "title": "高青县科技计划项目管理暂行办法",
        "doc_no": "高科发〔2016〕5号",
        "published_on": D(2016, 4, 8),
        "written_on": D(2016, 4, 1),
        "genre": "通知",
        "topic": "科技、教育\\科技",
        "summary": "规范县级科技计划项目的申报、立项、实施和验收。",
        "body": [
            p(
                "第一条 为规范县级科技计划项目管理，提高财政科技资金使用效益，制定本办法。",
                "第二条 本办法适用于县财政科技资金支持的各类科技计划项目。",
            )
        ],
        "repeal": {"invalid_on": D(2024, 4, 2), "repealing_document": "高科发〔2024〕7号"},
    },
    {
        "category": "zcfg",
        "title": "关于印发《高青县科技计划项目管理办法》的通知",
        "doc_no": "高科发〔2024〕7号",
        "published_on": D(2024, 4, 2),
        "written_on": D(2024, 3, 28),
        "genre": "通知",
        "topic": "科技、教育\\科技",
        "effective_on": D(2024, 5, 1),
        "summary": "印发新的县级科技计划项目管理办法，原暂行办法同时废止。",
        "keywords": ["科技计划", "项目管理"],
        "body": [
            p(
                "各镇（街道）、县直有关部门，各有关企业：",
                "现将《高青县科技计划项目管理办法》印发给你们，请认真贯彻执行。本办法自2024年5月1日起施行，《高青县科技计划项目管理暂行办法》（高科发〔2016〕5号）同时废止。",
            )
        ],
    },
    {
        "category": "zcfg",
        "title": "关于印发《高青县科技创新券管理办法》的通知",
        "doc_no": "高科发〔2024〕3号",
        "published_on": D(2024, 3, 15),
        "written_on": D(2024, 3, 10),
        "genre": "通知",
        "topic": "科技、教育\\科技",
        "keywords": ["科技创新券", "中小企业"],
        "summary": "支持中小微企业购买研发、检验检测等科技服务。",
        "attachments": VOUCHER_ATTACHMENTS,
        "body": [
            ("heading", {"text": "第一章 总则", "level": "h2"}),
            p(
                "第一条 为支持中小微企业开展科技创新活动，降低企业研发成本，制定本办法。",
                "第二条 科技创新券每家企业每年最高支持10万元。",
            ),
        ],
    },
    {
        "category": "zcfg",
        "title": "《高青县科技创新券管理办法》政策解读",
        "published_on": D(2024, 3, 16),
        "genre": "其他",
        "topic": "科技、教育\\科技",
        "interprets": "关于印发《高青县科技创新券管理办法》的通知",
        "keywords": ["政策解读"],
        "summary": "从制定背景、主要内容和申领流程三方面解读科技创新券管理办法。",
        "body": [
            ("heading", {"text": "一、制定背景", "level": "h2"}),
            p("为落实省、市关于支持中小企业创新发展的部署，县科技局起草了本办法。"),
            ("heading", {"text": "二、主要内容", "level": "h2"}),
            p("办法共五章二十条，明确了创新券的支持对象、使用范围和兑付流程。"),
        ],
    },
    {
        "category": "ghjh",
        "title": "高青县“十四五”科技创新发展规划",
        "published_on": D(2022, 1, 20),
        "genre": "规划",
        "topic": "科技、教育\\科技",
        "summary": "2021—2025年全县科技创新发展的目标、任务和保障措施。",
        "body": [
            ("plan", PLAN_14),
            p("本规划依据《高青县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》编制。"),
        ],
    },
    {
        "category": "ghjh",
        "title": "高青县科学技术局2024年工作要点",
        "published_on": D(2024, 2, 20),
        "genre": "计划",
        "topic": "科技、教育\\科技",
        "summary": "2024年度科技工作的主要目标和重点任务。",
        "body": [("plan", PLAN_2024)],
    },
    {
        "category": "tjsj",
        "title": "2019—2023年高青县高新技术企业统计情况",
        "published_on": D(2024, 2, 28),
        "genre": "统计数据",
        "topic": "国民经济管理、国有资产监管\\统计",
        "summary": "截至2023年底，全县共有高新技术企业42家，科技型中小企业96家。",
        "body": [("statistics_table", STATISTICS), p("数据来源于高新技术企业认定和科技型中小企业评价系统。")],
    },
    {
        "category": "tjsj",
        "title": "2023年高青县研发经费投入统计",
        "published_on": D(2024, 9, 30),
        "genre": "统计数据",
        "topic": "国民经济管理、国有资产监管\\统计",
        "summary": "2023年全县研发经费投入42525.8万元。",
        "body": [("statistics_table", RND)],
    },
]
