"""Build the dev evaluation set: corpus.jsonl and queries.jsonl.

Items are composed from the hand-written material in ``material.py`` with a
fixed random seed, so the files are reproducible. Each query states an
information need over the items' *attributes* (subject, organisation, year,
文号); its judgements are computed from those attributes, independently of any
text matching, then written out so evaluations read plain ids.

    python benchmarks/search_eval/generate.py          # rewrite the files
    python benchmarks/search_eval/generate.py --check  # review aid

Also importable: ``make_items(n, seed)`` yields realistic items for benchmarks.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import material  # noqa: E402

YEARS = [2019, 2020, 2021, 2022, 2023]
BRACKETS = [("〔", "〕")] * 15 + [("[", "]")] * 2 + [("【", "】")] * 2 + [("（", "）")]
_S2T = None


def to_traditional(text: str) -> str:
    global _S2T
    if _S2T is None:
        import opencc

        _S2T = opencc.OpenCC("s2t.json")
    return _S2T.convert(text)


def org_code(county: str, org: str) -> str:
    # A fictional 9-character organisation code, stable per organisation.
    n = (sorted(material.COUNTIES).index(county) * 100 + sorted(material.ORGS).index(org)) * 7919 + 4350000
    return f"{n:08d}{n % 10}"


def org_name(county: str, org: str) -> str:
    return material.COUNTIES[county]["name"] + material.ORGS[org][0]


def org_short(county: str, org: str) -> str:
    return material.COUNTIES[county]["name"] + material.ORGS[org][1]


class _Builder:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.docno_counter: dict[tuple, int] = {}
        self.serial: dict[tuple, int] = {}
        self.items: list[dict] = []

    def next_docno(self, county, org, year):
        key = (county, org, year)
        n = self.docno_counter.get(key, 0) + self.rng.randint(1, 6)
        self.docno_counter[key] = n
        return n

    def add(
        self,
        *,
        county,
        org,
        subject,
        variant,
        year,
        title_tpl,
        sentences,
        category,
        genre,
        topic,
        with_docno,
        published,
        script="hans",
        short_name=False,
    ):
        rng = self.rng
        county_name = material.COUNTIES[county]["name"]
        name = org_short(county, org) if short_name else org_name(county, org)
        fill = dict(
            org=name,
            year=year,
            county=county_name,
            n=rng.randint(40, 900),
            m=rng.randint(0, 30),
            num=rng.randint(2, 40),
        )
        title = title_tpl.format(**fill)
        chosen = list(sentences)
        generic = rng.sample(material.GENERIC, k=rng.randint(1, 2))
        body = "".join(s.format(**fill) for s in chosen + generic)
        doc_no = ""
        docno_parts = None
        if with_docno:
            number = self.next_docno(county, org, year)
            left, right = rng.choice(BRACKETS)
            prefix = material.COUNTIES[county]["short"] + material.ORGS[org][2]
            doc_no = f"{prefix}{left}{year}{right}{number}号"
            docno_parts = [prefix, year, number]
        skey = (county, org, published.year)
        self.serial[skey] = self.serial.get(skey, 0) + rng.randint(1, 9)
        index_no = f"{org_code(county, org)}/{published.year}-{self.serial[skey]:05d}"
        if script == "hant":
            title, body = to_traditional(title), to_traditional(body)
        validity = "有效"
        if category == "政策文件" and year <= 2020 and rng.random() < 0.4:
            validity = rng.choice(["失效", "废止"])
        item = dict(
            id=f"{county[0]}-{org}-{subject}-{variant}-{year}-{len(self.items)}",
            title=title,
            body=body,
            doc_no=doc_no,
            index_no=index_no,
            category=category,
            topic=topic,
            genre=genre,
            organisation=org_name(county, org),
            published=published.isoformat(),
            validity=validity,
            script=script,
            # Attributes used only to derive judgements:
            subject=subject,
            variant=variant,
            org=org,
            county=county,
            year=year,
            docno=docno_parts,
        )
        self.items.append(item)
        return item


def _date(rng, year, months):
    month = rng.choice(months)
    return dt.date(year, month, rng.randint(1, 28))


def build_eval_items(seed: int = 20231) -> list[dict]:
    b = _Builder(seed)
    rng = b.rng
    for county in sorted(material.COUNTIES):
        for org in sorted(material.ORGS):
            for year in YEARS:
                spec = material.PER_ORG["annual_report"]
                b.add(
                    county=county,
                    org=org,
                    subject="annual_report",
                    variant=0,
                    year=year,
                    title_tpl=spec["titles"][0],
                    sentences=spec["sentences"],
                    category=spec["category"],
                    genre=spec["genre"],
                    topic=spec["topic"],
                    with_docno=False,
                    published=_date(rng, year + 1, [1]),
                    script="hant" if rng.random() < 0.12 else "hans",
                    short_name=rng.random() < 0.15,
                )
            spec = material.PER_ORG["guide"]
            b.add(
                county=county,
                org=org,
                subject="guide",
                variant=0,
                year=2023,
                title_tpl=spec["titles"][0],
                sentences=spec["sentences"],
                category=spec["category"],
                genre=spec["genre"],
                topic=spec["topic"],
                with_docno=False,
                published=_date(rng, 2023, [3]),
                script="hant" if rng.random() < 0.1 else "hans",
            )
            for year in (2022, 2023):
                spec = material.PER_ORG["budget"]
                b.add(
                    county=county,
                    org=org,
                    subject="budget",
                    variant=year % 2,
                    year=year,
                    title_tpl=spec["titles"][year % 2],
                    sentences=spec["sentences"],
                    category=spec["category"],
                    genre=spec["genre"],
                    topic=spec["topic"],
                    with_docno=False,
                    published=_date(rng, year, [2, 3]),
                )
            for year in (2021, 2022):
                spec = material.PER_ORG["final_accounts"]
                b.add(
                    county=county,
                    org=org,
                    subject="final_accounts",
                    variant=0,
                    year=year,
                    title_tpl=spec["titles"][0],
                    sentences=spec["sentences"],
                    category=spec["category"],
                    genre=spec["genre"],
                    topic=spec["topic"],
                    with_docno=False,
                    published=_date(rng, year + 1, [8, 9]),
                )
        for subject, spec in material.SUBJECTS.items():
            org = spec["org"]
            for variant, tpl in enumerate(spec["titles"]):
                years = [2020, 2021, 2022, 2023] if "{year}" in tpl else [rng.choice([2019, 2020, 2021, 2022])]
                for year in rng.sample(years, k=min(len(years), 2 if "{year}" in tpl else 1)):
                    b.add(
                        county=county,
                        org=org,
                        subject=subject,
                        variant=variant,
                        year=year,
                        title_tpl=tpl,
                        sentences=spec["sentences"],
                        category=spec["category"],
                        genre=spec["genre"],
                        topic=material.ORGS[org][3],
                        with_docno=spec["genre"] not in ("其他", "办事指南", "统计数据"),
                        published=_date(rng, year, range(1, 13)),
                        script="hant" if rng.random() < 0.1 else "hans",
                        short_name=rng.random() < 0.3,
                    )
    return b.items


def make_items(n: int, seed: int = 7):
    """``n`` realistic items for benchmarks (attributes drawn at random)."""
    b = _Builder(seed)
    rng = b.rng
    subjects = list(material.SUBJECTS.items())
    per_org = list(material.PER_ORG.items())
    counties = sorted(material.COUNTIES)
    while len(b.items) < n:
        county = rng.choice(counties)
        year = rng.choice(YEARS)
        if rng.random() < 0.3:
            subject, spec = rng.choice(per_org)
            org = rng.choice(sorted(material.ORGS))
            topic, with_docno = spec["topic"], False
        else:
            subject, spec = rng.choice(subjects)
            org = spec["org"]
            topic = material.ORGS[org][3]
            with_docno = spec["genre"] not in ("其他", "办事指南", "统计数据")
        variant = rng.randrange(len(spec["titles"]))
        item = b.add(
            county=county,
            org=org,
            subject=subject,
            variant=variant,
            year=year,
            title_tpl=spec["titles"][variant],
            sentences=spec["sentences"],
            category=spec["category"],
            genre=spec["genre"],
            topic=topic,
            with_docno=with_docno,
            published=_date(rng, year, range(1, 13)),
            script="hant" if rng.random() < 0.1 else "hans",
            short_name=rng.random() < 0.3,
        )
        yield item


# --- queries: (query text, kind, {grade: predicate}) -------------------------------------------


def S(*subjects):
    return lambda it: it["subject"] in subjects


def ORG(org):
    return lambda it: it["org"] == org


def AND(*preds):
    return lambda it: all(p(it) for p in preds)


def YEAR(y):
    return lambda it: it["year"] == y


def VARIANT(v):
    return lambda it: it["variant"] == v


def COUNTY(c):
    return lambda it: it["county"] == c


def housing_report(it):
    return it["subject"] == "housing_fund" and it["variant"] == 1


QUERIES = [
    ("科技局年报", "abbreviation", {2: AND(S("annual_report"), ORG("kjj"))}),
    ("科学技术局 2021年度报告", "number", {2: AND(S("annual_report"), ORG("kjj"), YEAR(2021))}),
    ("年報", "traditional", {2: S("annual_report"), 1: housing_report}),
    ("政府信息公開指南", "traditional", {2: S("guide")}),
    ("高新技术企业认定", "word", {2: S("hitech")}),
    ("高企", "abbreviation", {2: S("hitech")}),
    ("科技型中小企业", "word", {2: S("sme_eval")}),
    ("科技特派员", "word", {2: S("special_envoy")}),
    ("知识产权质押", "word", {2: S("ip_pledge")}),
    ("创新券", "word", {2: S("innovation_voucher")}),
    ("科普", "short", {2: S("science_week")}),
    ("成果转化", "word", {2: S("tech_transfer")}),
    ("加计扣除", "inside", {2: S("rd_deduction"), 1: S("sme_eval")}),
    ("政务公开要点", "word", {2: S("open_gov_points")}),
    ("12345", "number", {2: S("hotline")}),
    ("营商环境", "word", {2: S("business_env")}),
    ("放管服", "abbreviation", {2: S("business_env")}),
    ("防汛", "short", {2: S("flood_plan")}),
    ("森林防火", "word", {2: S("forest_fire")}),
    ("安全生产", "word", {2: S("work_safety")}),
    ("社保", "abbreviation", {2: S("social_insurance"), 1: S("medical_insurance")}),
    ("养老保险", "inside", {2: S("social_insurance")}),
    ("招聘", "short", {2: S("public_jobs")}),
    ("技能培训补贴", "word", {2: S("skills_training")}),
    ("老旧小区改造", "word", {2: S("old_housing")}),
    ("老舊小區", "traditional", {2: S("old_housing"), 1: S("gas_safety")}),
    ("公积金", "abbreviation", {2: S("housing_fund")}),
    ("扬尘", "inside", {2: S("site_dust")}),
    ("燃气", "short", {2: S("gas_safety")}),
    ("食品抽检", "word", {2: S("food_sampling")}),
    ("双随机", "abbreviation", {2: S("random_inspection")}),
    ("电梯", "short", {2: S("special_equipment")}),
    ("重点项目", "word", {2: S("key_projects")}),
    ("PPP", "english", {2: S("ppp")}),
    ("政府和社会资本合作", "word", {2: S("ppp")}),
    ("GDP", "english", {2: S("economy_stats")}),
    ("经济运行", "word", {2: S("economy_stats")}),
    ("家庭医生", "word", {2: S("family_doctor")}),
    ("新冠疫苗", "abbreviation", {2: S("covid_vaccine")}),
    ("COVID-19", "english", {2: S("covid_vaccine")}),
    ("老年人体检", "inside", {2: S("elderly_checkup")}),
    ("义务教育招生", "word", {2: S("school_enrolment")}),
    ("全民健身", "word", {2: S("fitness")}),
    ("政府采购", "word", {2: S("gov_procurement")}),
    ("政采意向", "abbreviation", {2: AND(S("gov_procurement"), VARIANT(1))}),
    ("医保缴费", "abbreviation", {2: S("medical_insurance")}),
    ("慢特病", "short", {2: S("chronic_disease")}),
    ("三公经费", "word", {2: S("budget")}),
    ("2022年部门决算", "number", {2: AND(S("final_accounts"), YEAR(2022))}),
    ("部门预算", "word", {2: S("budget")}),
    ("县府办", "abbreviation", {2: ORG("zfb")}),
    ("人社局 社保", "abbreviation", {2: S("social_insurance")}),
    ("卫健局年报", "abbreviation", {2: AND(S("annual_report"), ORG("wjj"))}),
    ("住建局", "abbreviation", {2: ORG("zjj")}),
    ("應急管理局", "traditional", {2: ORG("yjj")}),
    ("科學技術局 高新技術企業", "traditional", {2: S("hitech")}),
    (
        "关于开展2023年安全生产大检查的通知",
        "title",
        {2: AND(S("work_safety"), VARIANT(0), YEAR(2023)), 1: S("work_safety")},
    ),
    ("高岭县扬尘污染防治", "word", {2: AND(S("site_dust"), COUNTY("gaoling")), 1: S("site_dust")}),
    ("欠薪", "inside", {2: S("wage_arrears")}),
]


def docno_queries(items):
    """文号 queries in other bracket forms, built from the generated items."""
    out = []
    with_no = [it for it in items if it["docno"]]
    picks = [it for it in with_no if it["org"] == "kjj" and it["county"] == "gaoling"][:2]
    picks += [it for it in with_no if it["org"] == "rsj"][:1]
    picks += [it for it in with_no if it["org"] == "scj"][:1]
    for i, it in enumerate(picks):
        prefix, year, number = it["docno"]
        same_no = (lambda y, n: lambda x: x["docno"] is not None and x["docno"][1:] == [y, n])(year, number)
        exact = (lambda p, y, n: lambda x: x["docno"] == [p, y, n])(prefix, year, number)
        forms = [
            f"{prefix}[{year}]{number}号",
            f"{prefix}（{year}）{number}号",
            f"{year} {number}号",
            f"〔{year}〕{number}号",
        ]
        form = forms[i % len(forms)]
        preds = {2: exact} if form.startswith(prefix) else {2: same_no}
        out.append((form, "docno", preds))
    # An index number typed as is.
    it = items[len(items) // 3]
    out.append((it["index_no"], "index_no", {2: (lambda idx: lambda x: x["index_no"] == idx)(it["index_no"])}))
    return out


def judge(items, queries):
    rows = []
    for n, (text, kind, preds) in enumerate(queries, 1):
        relevant = {}
        for grade in sorted(preds):  # higher grades overwrite lower ones
            for it in items:
                if preds[grade](it):
                    relevant[it["id"]] = grade
        rows.append(dict(id=f"q{n:02d}", query=text, kind=kind, relevant=relevant))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="print judgements and suspicious items")
    args = parser.parse_args(argv)
    items = build_eval_items()
    queries = judge(items, QUERIES + docno_queries(items))
    if args.check:
        return check(items, queries)
    public = [
        "id",
        "title",
        "body",
        "doc_no",
        "index_no",
        "category",
        "topic",
        "genre",
        "organisation",
        "published",
        "validity",
        "script",
        "subject",
        "org",
        "county",
        "year",
    ]
    with open(HERE / "corpus.jsonl", "w", encoding="utf-8") as f:
        for it in items:
            f.write(json.dumps({k: it[k] for k in public}, ensure_ascii=False) + "\n")
    with open(HERE / "queries.jsonl", "w", encoding="utf-8") as f:
        for q in queries:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    print(f"{len(items)} items, {len(queries)} queries")


def check(items, queries):
    """Show, per query, how many items are judged and which unjudged items
    contain the query text literally (candidates for a missed judgement)."""
    sys.path.insert(0, str(HERE.parent.parent))
    from gi_wagtail.text.normalise import normalise

    by_id = {it["id"]: it for it in items}
    for q in queries:
        needle = normalise(q["query"]).replace(" ", "")
        literal = [
            it["id"]
            for it in items
            if needle
            and needle in normalise(it["title"] + it["body"] + it["doc_no"]).replace(" ", "")
            and it["id"] not in q["relevant"]
        ]
        print(q["id"], q["query"], q["kind"], "relevant:", len(q["relevant"]), "unjudged literal:", literal[:5])
        for rid in list(q["relevant"])[:2]:
            print("    ", by_id[rid]["title"], by_id[rid]["doc_no"])


if __name__ == "__main__":
    main()
