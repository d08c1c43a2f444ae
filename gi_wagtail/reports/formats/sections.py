"""Narrative sections: canonical keys, official headings and heading keywords.

The same canonical keys are used for all formats so that reports stay
comparable across years; keyword order matters (复议 headings also say 申请).
"""

from gi_wagtail.reports.formats.base import Section
from gi_wagtail.reports.labels import normalise

S2019 = (
    Section("general", "一、总体情况", aliases=("概述", "总体情况")),
    Section("proactive", "二、主动公开政府信息情况"),
    Section("requests", "三、收到和处理政府信息公开申请情况"),
    Section(
        "review_litigation",
        "四、政府信息公开行政复议、行政诉讼情况",
        aliases=("因政府信息公开工作被申请行政复议、提起行政诉讼情况",),
    ),
    Section(
        "problems", "五、存在的主要问题及改进情况", aliases=("存在的主要问题及整改措施", "存在的主要问题和改进情况")
    ),
    Section("other", "六、其他需要报告的事项"),
)

# Shandong-style outline under the 2008 regulations (高青 seed), plus the
# 2008 art. 32 items.
S2008 = (
    Section("general", "一、概述", aliases=("总体情况",)),
    Section("organisation", "二、政府信息公开的组织领导和制度建设情况"),
    Section("proactive", "三、主动公开政府信息以及公开平台建设情况"),
    Section("requests", "四、政府信息公开申请的办理情况"),
    Section("fees", "五、政府信息公开的收费及减免情况"),
    Section("review_litigation", "六、因政府信息公开申请行政复议、提起行政诉讼的情况"),
    Section("secrecy", "七、政府信息公开保密审查及监督检查情况"),
    Section("problems", "八、政府信息公开工作存在的主要问题及改进情况"),
    Section("other", "九、其他需要报告的事项"),
)

PREAMBLE = "preamble"

# (keywords, key): the first entry with any keyword in the heading wins.
HEADING_KEYWORDS = (
    (("复议", "诉讼"), "review_litigation"),
    (("收费", "减免"), "fees"),
    (("保密审查", "监督检查"), "secrecy"),
    (("存在的主要问题", "主要问题", "改进情况", "整改"), "problems"),
    (("其他需要报告", "其他事项"), "other"),
    (("申请",), "requests"),
    (("主动公开",), "proactive"),
    (("组织领导", "制度建设", "机构建设"), "organisation"),
    (("总体情况", "概述", "基本情况"), "general"),
)


def section_key_for_heading(heading: str) -> str | None:
    """The canonical section key a printed heading stands for (None when no keyword matches)."""
    text = normalise(heading)
    for keywords, key in HEADING_KEYWORDS:
        if any(normalise(k) in text for k in keywords):
            return key
    return None
