"""Shape of the frozen, real-text search evaluation set in benchmarks/search_eval_unseen.

The set is judged by reading, before the engine ever runs on it, so this test only checks
that the files are well formed and meet the agreed minimums; it never imports the engine."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

SET_DIR = Path(__file__).resolve().parents[2] / "benchmarks" / "search_eval_unseen"

DOC_KINDS = {"item", "report", "attachment"}
VALIDITY = {"有效", "失效", "废止"}
ATTACHMENT_FORMATS = {"pdf", "docx", "xlsx"}
DOC_FIELDS = {
    "id", "kind", "title", "body", "doc_no", "category", "topic", "genre",
    "organisation", "published", "validity", "source_url",
}  # fmt: skip
QUERY_MINIMUMS = {
    "question": 10,
    "fragment": 8,
    "traditional": 6,
    "abbreviation": 6,
    "doc_no": 6,
    "attachment": 8,
    "report": 6,
    "partial": 4,
    "title": 4,
}
HAN = re.compile(r"[\u4e00-\u9fff]")


def read_jsonl(name):
    lines = (SET_DIR / name).read_text(encoding="utf-8").splitlines()
    assert lines, f"{name} is empty"
    rows = []
    for number, line in enumerate(lines, 1):
        assert line.strip(), f"{name}:{number} is blank"
        rows.append(json.loads(line))
    return rows


@pytest.fixture(scope="module")
def corpus():
    return read_jsonl("corpus.jsonl")


@pytest.fixture(scope="module")
def queries():
    return read_jsonl("queries.jsonl")


@pytest.fixture(scope="module")
def holdout():
    return read_jsonl("holdout.jsonl")


def test_documents_have_every_field_and_a_source(corpus):
    for doc in corpus:
        assert doc.keys() >= DOC_FIELDS, doc.get("id")
        assert doc["kind"] in DOC_KINDS, doc["id"]
        assert doc["validity"] in VALIDITY, doc["id"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc["published"]), doc["id"]
        assert doc["source_url"].startswith(("http://", "https://")), doc["id"]
        assert HAN.search(doc["title"]) and doc["body"].strip(), doc["id"]
        assert doc["organisation"] and doc["category"] and doc["topic"] and doc["genre"], doc["id"]


def test_document_ids_are_unique(corpus):
    ids = Counter(doc["id"] for doc in corpus)
    assert not [i for i, n in ids.items() if n > 1]


def test_corpus_size_and_mix(corpus):
    kinds = Counter(doc["kind"] for doc in corpus)
    assert len(corpus) >= 70
    assert kinds["report"] >= 8
    assert kinds["attachment"] >= 10
    report_orgs = {doc["organisation"] for doc in corpus if doc["kind"] == "report"}
    report_years = {doc["published"][:4] for doc in corpus if doc["kind"] == "report"}
    assert len(report_orgs) >= 3 and len(report_years) >= 3


def test_attachments_have_a_format_and_their_own_text(corpus):
    formats = Counter()
    for doc in corpus:
        attachment = doc.get("attachment")
        if doc["kind"] != "attachment":
            assert attachment is None, doc["id"]
            continue
        assert attachment["format"] in ATTACHMENT_FORMATS, doc["id"]
        assert attachment["name"].endswith("." + attachment["format"]), doc["id"]
        assert attachment["text"].strip(), doc["id"]
        # The lead line is short; the document itself lives in the attachment.
        assert len(doc["body"]) < len(attachment["text"]) or attachment["format"] == "xlsx", doc["id"]
        if attachment["format"] == "xlsx":
            rows = attachment["text"].splitlines()
            assert len(rows) >= 5 and all("\t" in row for row in rows[:1]), doc["id"]
        formats[attachment["format"]] += 1
    assert set(formats) == ATTACHMENT_FORMATS


def check_queries(rows, corpus, prefix):
    doc_ids = {doc["id"] for doc in corpus}
    for query in rows:
        assert {"id", "query", "kind", "relevant", "note"} <= query.keys(), query.get("id")
        assert query["id"].startswith(prefix), query["id"]
        assert query["kind"] in QUERY_MINIMUMS, query["id"]
        assert query["query"].strip() and query["note"].strip(), query["id"]
        assert query["relevant"], query["id"]
        assert set(query["relevant"]) <= doc_ids, query["id"]
        assert set(query["relevant"].values()) <= {1, 2}, query["id"]
        assert 2 in query["relevant"].values(), query["id"]
    ids = Counter(query["id"] for query in rows)
    assert not [i for i, n in ids.items() if n > 1]


def test_queries_are_judged_against_the_corpus(queries, corpus):
    check_queries(queries, corpus, "uq")
    assert len(queries) >= 60
    kinds = Counter(query["kind"] for query in queries)
    for kind, minimum in QUERY_MINIMUMS.items():
        assert kinds[kind] >= minimum, kind
    assert any(len(query["relevant"]) >= 5 for query in queries)


def test_holdout_is_kept_apart(holdout, queries, corpus):
    check_queries(holdout, corpus, "uh")
    assert len(holdout) == 20
    assert not {q["query"] for q in holdout} & {q["query"] for q in queries}
    assert len({query["kind"] for query in holdout}) == len(QUERY_MINIMUMS)


def test_attachment_queries_only_match_inside_attachments(queries, holdout, corpus):
    """An attachment query is answered by words that the grade-2 document has only in its file."""
    by_id = {doc["id"]: doc for doc in corpus}
    for query in queries + holdout:
        if query["kind"] != "attachment":
            continue
        for doc_id, grade in query["relevant"].items():
            if grade != 2:
                continue
            doc = by_id[doc_id]
            assert doc["kind"] == "attachment", query["id"]
            page = doc["title"] + doc["body"]
            only_in_file = [t for t in query["query"].split() if t in doc["attachment"]["text"] and t not in page]
            assert only_in_file, query["id"]


def test_doc_no_queries_point_at_a_numbered_document(queries, holdout, corpus):
    by_id = {doc["id"]: doc for doc in corpus}
    for query in queries + holdout:
        if query["kind"] == "doc_no":
            assert all(by_id[i]["doc_no"] for i, g in query["relevant"].items() if g == 2), query["id"]
