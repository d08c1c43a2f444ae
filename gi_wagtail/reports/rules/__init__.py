"""Validation rules of reference §1.7, one module per family.

Each rule function takes (report, fmt, previous) and yields Findings.
"""
