"""An admin edit form serialised as the browser sends it (``new FormData(form)``), from the page's HTML.

StreamFields are drawn by JavaScript from the JSON state in the HTML (``data-w-block-arguments-value``);
their inputs are rebuilt here from that state with the block definitions of the page's edit form.
"""

import json

from bs4 import BeautifulSoup
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock

SKIPPED_INPUT_TYPES = {"submit", "button", "image", "reset", "file"}


def edit_form(html, form_id="page-edit-form"):
    """(form element, soup) of the edit form; None when the page shows no such form (read-only or no access)."""
    soup = BeautifulSoup(html, "html.parser")
    return soup.find("form", id=form_id), soup


def serialise(form, soup, block_fields):
    """The form's data as a list of (name, value) pairs, in document order, as FormData would give it.

    ``block_fields`` maps a StreamField's name to its block definition.
    """
    pairs = []
    form_id = form.get("id")
    controls = form.find_all(["input", "select", "textarea"])
    if form_id:  # controls outside the form that belong to it through form="…"
        controls += [
            c for c in soup.find_all(["input", "select", "textarea"], attrs={"form": form_id}) if c not in controls
        ]
    for control in controls:
        if control.has_attr("disabled") or not control.get("name") or control.find_parent("template"):
            continue
        pairs += _control_values(control)
    for div in form.find_all(attrs={"data-controller": "w-block"}):
        if div.find_parent("template") or div.get("id") not in block_fields:
            continue
        state, _errors = json.loads(div["data-w-block-arguments-value"])
        pairs += block_data(block_fields[div["id"]], state, div["id"])
    return pairs


def _control_values(control):
    name = control["name"]
    if control.name == "textarea":
        text = control.string or ""
        return [(name, text[1:] if text.startswith("\n") else text)]
    if control.name == "select":
        options = list(control.find_all("option"))
        chosen = [o for o in options if o.has_attr("selected")]
        if not chosen and not control.has_attr("multiple"):
            chosen = [o for o in options if not o.has_attr("disabled")][:1]
        return [(name, o.get("value", o.get_text())) for o in chosen]
    kind = (control.get("type") or "text").lower()
    if kind in SKIPPED_INPUT_TYPES:
        return []
    if kind in ("checkbox", "radio"):
        return [(name, control.get("value", "on"))] if control.has_attr("checked") else []
    return [(name, control.get("value", ""))]


def block_data(block, state, prefix):
    """POST pairs for one block's form state, as Wagtail's block widgets write them."""
    if isinstance(block, blocks.StreamBlock):
        pairs = [(f"{prefix}-count", str(len(state or [])))]
        for i, child in enumerate(state or []):
            pairs += [
                (f"{prefix}-{i}-type", child["type"]),
                (f"{prefix}-{i}-deleted", ""),
                (f"{prefix}-{i}-order", str(i)),
                (f"{prefix}-{i}-id", child.get("id") or ""),
            ]
            pairs += block_data(block.child_blocks[child["type"]], child["value"], f"{prefix}-{i}-value")
        return pairs
    if isinstance(block, blocks.ListBlock):
        pairs = [(f"{prefix}-count", str(len(state or [])))]
        for i, child in enumerate(state or []):
            pairs += [
                (f"{prefix}-{i}-deleted", ""),
                (f"{prefix}-{i}-order", str(i)),
                (f"{prefix}-{i}-id", child.get("id") or ""),
            ]
            pairs += block_data(block.child_block, child["value"], f"{prefix}-{i}-value")
        return pairs
    if isinstance(block, blocks.StructBlock):
        pairs = []
        for name, child in block.child_blocks.items():
            pairs += block_data(child, (state or {}).get(name), f"{prefix}-{name}")
        return pairs
    if isinstance(block, TypedTableBlock):
        return _typed_table_data(block, state or {"columns": [], "rows": [], "caption": ""}, prefix)
    return _field_value(block, state, prefix)


def _typed_table_data(block, state, prefix):
    columns, rows = state["columns"], state["rows"]
    pairs = [(f"{prefix}-caption", state.get("caption") or ""), (f"{prefix}-column-count", str(len(columns)))]
    for c, column in enumerate(columns):
        pairs += [
            (f"{prefix}-column-{c}-type", column["type"]),
            (f"{prefix}-column-{c}-order", str(c)),
            (f"{prefix}-column-{c}-deleted", ""),
            (f"{prefix}-column-{c}-heading", column["heading"] or ""),
        ]
    pairs.append((f"{prefix}-row-count", str(len(rows))))
    for r, row in enumerate(rows):
        pairs += [(f"{prefix}-row-{r}-order", str(r)), (f"{prefix}-row-{r}-deleted", "")]
        for c, (column, value) in enumerate(zip(columns, row["values"], strict=False)):
            pairs += _field_value(block.child_blocks[column["type"]], value, f"{prefix}-cell-{r}-{c}")
    return pairs


def _field_value(block, state, prefix):
    if isinstance(state, bool):  # a checkbox: sent only when ticked
        return [(prefix, "on")] if state else []
    if isinstance(state, dict):  # a chooser: the chosen object's id
        return [(prefix, str(state.get("id", "")))]
    if isinstance(state, list):  # a select
        return [(prefix, str(value)) for value in state] or [(prefix, "")]
    return [(prefix, "" if state is None else str(state))]
