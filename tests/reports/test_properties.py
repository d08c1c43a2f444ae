"""Property tests: the validator on random balanced tables and single-cell perturbations."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gi_wagtail.reports.findings import ERROR
from gi_wagtail.reports.formats import get_format
from gi_wagtail.reports.formats.table3 import APPLICANT_COLUMNS
from gi_wagtail.reports.formats.table4 import GROUP_KEYS, PARTS
from gi_wagtail.reports.schema import dump_report, load_report
from gi_wagtail.reports.validator import validate
from gi_wagtail.reports.values import CellValueError, parse_cell
from tests.reports.factories import balanced_report, with_cell

small = st.integers(min_value=0, max_value=50)


@st.composite
def balanced(draw):
    code = draw(st.sampled_from(["2019", "2021"]))
    fmt = get_format(code)
    rows = fmt.extra["outcome_rows"]
    outcomes = draw(
        st.dictionaries(
            st.sampled_from(rows), st.dictionaries(st.sampled_from(APPLICANT_COLUMNS), small, max_size=3), max_size=6
        )
    )
    carried_out = draw(st.dictionaries(st.sampled_from(APPLICANT_COLUMNS), small, max_size=3))
    # carried_in may not exceed handled + carried_out for received to stay >= 0
    handled = {c: sum(v.get(c, 0) for v in outcomes.values()) for c in APPLICANT_COLUMNS}
    carried_in = {c: draw(st.integers(0, handled[c] + carried_out.get(c, 0))) for c in APPLICANT_COLUMNS}
    table4 = draw(st.dictionaries(st.sampled_from([f"{g}_{p}" for g in GROUP_KEYS for p in PARTS]), small, max_size=4))
    year = 2020 if code == "2019" else 2022
    return balanced_report(code, year, outcomes=outcomes, carried_in=carried_in, carried_out=carried_out, table4=table4)


@settings(max_examples=150, deadline=None)
@given(balanced())
def test_balanced_tables_have_no_arithmetic_errors(report):
    findings = validate(report)
    assert not [f for f in findings if f.rule in ("R1", "R2", "R3", "R4", "R5")], findings


@st.composite
def perturbed(draw):
    report = draw(balanced())
    fmt = get_format(report["format"])
    table = draw(st.sampled_from(["table3", "table4"]))
    rows = [r.key for r in fmt.table(table).rows]
    row = draw(st.sampled_from(rows))
    col = draw(st.sampled_from([c.key for c in fmt.table(table).columns]))
    delta = draw(st.integers(min_value=1, max_value=20))
    address = f"{table}.{row}.{col}"
    old = report["tables"][table][row][col]
    return with_cell(report, address, old + delta), address


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(perturbed())
def test_changing_one_cell_gives_an_error_involving_that_cell(case):
    report, address = case
    errors = [f for f in validate(report) if f.severity == ERROR]
    assert errors, f"no error after changing {address}"
    assert any(address in f.cells for f in errors)
    # every error points at a real cell (cell-addressable for the editor)
    for f in errors:
        table, row, col = f.location.split(".")
        assert col in report["tables"][table][row]


@settings(max_examples=200, deadline=None)
@given(perturbed())
def test_blanking_one_cell_turns_errors_into_incomplete_warnings(case):
    report, address = case
    table, row, col = address.split(".")
    report["tables"][table][row][col] = None
    findings = validate(report)
    assert not [f for f in findings if address in f.cells and f.rule in ("R1", "R2", "R3", "R4")]
    completeness = [f for f in findings if f.rule == "R13" and f.location == table]
    assert len(completeness) == 1 and completeness[0].cells == (address,)
    assert completeness[0].code == "incomplete" and completeness[0].severity == "warning"


@settings(max_examples=100, deadline=None)
@given(balanced())
def test_schema_round_trip(report):
    assert load_report(dump_report(report)) == report


@given(st.text(max_size=20))
def test_parse_cell_only_raises_cell_value_error(text):
    try:
        value = parse_cell(text)
    except CellValueError:
        return
    assert value is None or isinstance(value, int)
