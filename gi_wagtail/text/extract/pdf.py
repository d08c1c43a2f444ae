"""PDF text through pypdf, page by page, up to the page limit and the character budget."""

from __future__ import annotations

import io

from pypdf import PageObject, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, WrongPasswordError
from pypdf.generic import DictionaryObject, StreamObject

from gi_wagtail.text.extract import limits
from gi_wagtail.text.extract.cleaning import Sink
from gi_wagtail.text.extract.messages import CORRUPT, ENCRYPTED, NO_TEXT, SOME_PAGES, Failure


def read_pdf(data: bytes, sink: Sink) -> None:
    """Feed the text of each page to ``sink``; ``sink.pages`` is the document's page count.

    pypdf bounds its own decompression (75 MB per stream by default) and recursion; the time it
    spends parsing is bounded here by the size of the content it would parse (``limits``). Any
    exception it raises on a hostile or broken file becomes a Failure.
    """
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        # Many published PDFs are encrypted with an empty user password (permissions only):
        # readers open them without asking, and so do we. AES needs the cryptography package.
        if reader.is_encrypted and not reader.decrypt(""):
            raise Failure("encrypted", ENCRYPTED)
        count = sink.pages = len(reader.pages)
    except Failure:
        raise
    except (DependencyError, FileNotDecryptedError, WrongPasswordError) as exc:
        raise Failure("encrypted", ENCRYPTED) from exc
    except Exception as exc:  # pypdf raises many kinds on broken files
        raise Failure("corrupt", CORRUPT) from exc

    tried = failed = 0
    budget = limits.MAX_PDF_CONTENT
    for index in range(min(count, limits.MAX_PDF_PAGES)):
        tried += 1
        try:
            page = reader.pages[index]
            size = _content_size(page, min(limits.MAX_PDF_PAGE_CONTENT, budget))
            if size > limits.MAX_PDF_PAGE_CONTENT:
                failed += 1  # one page that would take minutes: reported like a broken one
                continue
            if size > budget:
                sink.truncated = True
                tried -= 1
                break
            budget -= size
            text = page.extract_text()
        except Exception:  # noqa: BLE001 one broken page does not lose the others
            failed += 1
            continue
        if not sink.add(text):
            break
        sink.break_block()
    if count > limits.MAX_PDF_PAGES:
        sink.truncated = True
    if failed and failed == tried:
        raise Failure("corrupt", CORRUPT)
    if failed:
        raise Failure("partial", SOME_PAGES, failed=failed, pages=tried)
    if count and not sink.parts:
        raise Failure("no_text", NO_TEXT)


def _content_size(page: PageObject, limit: int) -> int:
    """Decoded bytes extract_text would parse on ``page`` (an upper bound), counted up to past ``limit``."""
    contents = page.get_contents()
    data = contents.get_data() if contents is not None else b""
    return _cost(data, page.get("/Resources"), limit, {})


def _cost(data: bytes, resources: object, limit: int, memo: dict[int, int]) -> int:
    # Each "Do" may draw a form, whose content is parsed again at every use: count each occurrence of
    # the operator's name (strings can only add to the count) as a use of the costliest form here.
    cost, uses = len(data), data.count(b"Do")
    if not uses or cost > limit:
        return cost
    worst = 0
    for form in _forms(resources):
        key = id(form)
        if key not in memo:
            memo[key] = 0  # while it is measured: a form that draws itself is skipped by pypdf
            memo[key] = _cost(form.get_data(), form.get("/Resources"), limit, memo)
        worst = max(worst, memo[key])
        if cost + uses * worst > limit:
            break
    return cost + uses * worst


def _forms(resources: object) -> list[StreamObject]:
    """The form XObjects named in ``resources`` (images are never decoded here)."""
    resources = resources.get_object() if resources is not None else None
    xobjects = resources.get("/XObject") if isinstance(resources, DictionaryObject) else None
    xobjects = xobjects.get_object() if xobjects is not None else None
    if not isinstance(xobjects, DictionaryObject):
        return []
    forms = (ref.get_object() for ref in xobjects.values())
    return [f for f in forms if isinstance(f, StreamObject) and f.get("/Subtype") == "/Form"]
