"""djlint rule D901: block translations are trimmed.

A python_module rule, not a pattern: djlint skips untrimmed {% blocktranslate %} blocks as
whitespace-sensitive, so a pattern rule never sees the tags it is meant to catch.
Wired up in .djlint_rules.yaml; `{# djlint:off D901 #}` silences it as usual.
"""

import re

from djlint.helpers import inside_ignored_linter_block, inside_ignored_rule
from djlint.lint import get_line

UNTRIMMED = re.compile(r"{%-?\s*block(?:trans|translate)\b(?:(?!%}|\btrimmed\b).)*%}", re.S)


def run(rule, config, html, filepath, line_ends, *args, **kwargs):
    return [
        {
            "code": rule["name"],
            "line": get_line(match.start(), line_ends),
            "end": get_line(match.end(), line_ends),
            "match": match.group().strip()[:20],
            "message": rule["message"],
        }
        for match in UNTRIMMED.finditer(html)
        if not inside_ignored_rule(config, html, match, rule["name"])
        and not inside_ignored_linter_block(config, html, match)
    ]
