from __future__ import annotations


class ReportParseError(ValueError):
    """The file cannot be read as an annual report; the message says why.

    ``errors`` lists (line, message) pairs: where in the file each problem is (line 1 for a
    problem of the file as a whole, such as no report year).
    """

    def __init__(self, message: str | None = None, errors: list[tuple[int, str]] | None = None) -> None:
        self.errors = errors or [(1, message or "")]
        super().__init__(message if message is not None else "; ".join(text for _line, text in self.errors))
