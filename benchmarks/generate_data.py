"""Generate N realistic catalogue items as JSON Lines in the importer's format.

    python benchmarks/generate_data.py --n 10000 --out /tmp/items.jsonl [--seed 7]

Items recombine the hand-written disclosure sentences of
``benchmarks/search_eval/material.py`` with a fixed seed. The dev evaluation
corpus (``search_eval/corpus.jsonl``, 398 items) is mixed in first, so search
quality can be judged on the same data; the remaining items are generated.
Every item also keeps its attributes (subject, org, county, year, 文号 parts)
in a side file so the evaluation queries can be judged over *all* items.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "search_eval"))

import generate  # noqa: E402  (search_eval/generate.py)
import material  # noqa: E402

IMPORT_FIELDS = (
    "category",
    "title",
    "body",
    "published",
    "doc_no",
    "organisation",
    "topic",
    "genre",
    "validity",
    "keywords",
    "index_no",
)
JUDGE_FIELDS = ("id", "subject", "variant", "org", "county", "year", "docno", "index_no", "title", "published")


# Topics of the evaluation material that the shipped 主题分类 vocabulary spells differently.
TOPICS = {"安全生产": "安全生产监管", "国民经济管理": "统计"}


def _keywords(item, rng):
    # What editors type into 主题词: the organisation's short name, the genre, sometimes the year.
    words = [material.ORGS[item["org"]][1], item["genre"]]
    if rng.random() < 0.5:
        words.append(str(item["year"]))
    return "，".join(words)


def build(n: int, seed: int = 7) -> list[dict]:
    """The first ``min(n, 398)`` dev corpus items, then generated ones; unique 索引号, some left blank."""
    rng = random.Random(seed)
    corpus = generate.build_eval_items()  # deterministic, same as corpus.jsonl (with 文号 parts)
    items = [dict(it) for it in corpus[:n]]
    seen = {it["index_no"] for it in items}
    for it in generate.make_items(max(0, n - len(items)), seed=seed):
        it = dict(it, id=f"gen-{it['id']}")
        # About a third of the generated items come with a legacy 索引号; the rest get one allocated.
        if it["index_no"] in seen or rng.random() < 0.65:
            it["index_no"] = ""
        else:
            seen.add(it["index_no"])
        items.append(it)
    keys = set()
    for it in items:
        it["keywords"] = _keywords(it, rng)
        it["topic"] = TOPICS.get(it["topic"], it["topic"])
        _make_distinct(it, keys)
    return items[:n]


def _make_distinct(item, keys):
    """Recombined titles repeat at large N, and the importer merges a repeat (same category, title
    and date) into the earlier item: number repeats as editors do (（2）, （3）…), so N items are N items."""
    title, number = item["title"], 1
    while (item["category"], item["title"], item["published"]) in keys:
        number += 1
        item["title"] = f"{title}（{number}）"
    keys.add((item["category"], item["title"], item["published"]))


def write(items, out: Path) -> Path:
    """Write the import file and ``<out>.judge.jsonl`` (attributes for judging); returns the latter."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        for it in items:
            row = {k: it[k] for k in IMPORT_FIELDS if it.get(k) not in (None, "")}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    judge_path = out.with_suffix(".judge.jsonl")
    with judge_path.open("w", encoding="utf-8") as f:
        for it in items:
            f.write(json.dumps({k: it[k] for k in JUDGE_FIELDS}, ensure_ascii=False) + "\n")
    return judge_path


def judged_queries(items) -> list[dict]:
    """The dev evaluation queries, judged by attribute over every generated item."""
    corpus = generate.build_eval_items()
    queries = generate.QUERIES + generate.docno_queries(corpus)
    return generate.judge(items, queries)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be positive")
    items = build(args.n, args.seed)
    write(items, args.out)
    print(f"{len(items)} items -> {args.out}")


if __name__ == "__main__":
    main()
