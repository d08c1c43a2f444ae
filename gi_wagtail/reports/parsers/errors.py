class ReportParseError(ValueError):
    """The file cannot be read as an annual report; the message says why."""
