"""简繁 and the purity of text/: one OpenCC converter, no Django, nothing else of ours."""

import subprocess
import sys

from gi_wagtail.reports import labels
from gi_wagtail.search.analysis import index_terms, parse_query
from gi_wagtail.text import normalise as text_normalise
from gi_wagtail.text.normalise import normalise, normalise_with_offsets, to_simplified


def test_one_converter_for_search_and_report_labels():
    assert labels._t2s is to_simplified
    assert to_simplified("政府資訊公開條例") == "政府资讯公开条例"
    assert to_simplified("") == ""
    # A traditional label meets the simplified one in reports, a traditional query the simplified text in search.
    assert labels.label_matches("（一）收到和處理政府信息公開申請情況", "收到和处理政府信息公开申请情况")
    assert labels.normalise("政務公開") == normalise("政務公開") == "政务公开"
    assert parse_query("政務公開", synonyms=False) == parse_query("政务公开", synonyms=False).__class__(
        "政務公開", "政务公开", parse_query("政务公开", synonyms=False).groups
    )
    assert set(index_terms("政務公開")) == set(index_terms("政务公开"))


def test_offsets_point_back_to_the_original_characters():
    text, offsets = normalise_with_offsets("〔２０２４〕條例")
    assert text == " 2024 条例"
    assert len(offsets) == len(text) and offsets[1] == 1 and offsets[-1] == len("〔２０２４〕條例") - 1


def test_text_is_pure_python_and_imports_nothing_else_of_ours():
    code = (
        "import sys, gi_wagtail.text.doc_no, gi_wagtail.text.normalise;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'django'"
        " or (m.startswith('gi_wagtail.') and not m.startswith('gi_wagtail.text')));"
        "print(bad); sys.exit(bool(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=_repo_root())
    assert result.returncode == 0, result.stdout + result.stderr


def _repo_root():
    from pathlib import Path

    return str(Path(text_normalise.__file__).resolve().parents[2])
