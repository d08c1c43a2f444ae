"""security/ sits above text and conf only: nothing of the domain rooms (checked on the source)."""

import ast
from pathlib import Path

import gi_wagtail

PACKAGE = Path(gi_wagtail.__file__).parent


def imports_of(room):
    """{module path: gi_wagtail modules it imports, at any depth (function-level imports included)}."""
    found = {}
    for path in sorted((PACKAGE / room).rglob("*.py")):
        names = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
        found[str(path.relative_to(PACKAGE))] = {n for n in names if n == "gi_wagtail" or n.startswith("gi_wagtail.")}
    return found


def outside(found, allowed):
    return {
        path: sorted(n for n in names if not any(n == a or n.startswith(a + ".") for a in allowed))
        for path, names in found.items()
        if any(not any(n == a or n.startswith(a + ".") for a in allowed) for n in names)
    }


def test_security_imports_only_conf_text_and_itself():
    # The upload check reuses the bounded archive reader of gi_wagtail.text.extract (layers: security → text).
    assert outside(imports_of("security"), ("gi_wagtail.conf", "gi_wagtail.text", "gi_wagtail.security")) == {}
