"""Fail if any two modules of gi_wagtail import each other, directly or through others.

import-linter's acyclic_siblings contract works on packages; this looks at modules, deferred
imports included. Cycles are allowed only inside the page tree of catalogue.models (index, category, item).
"""

import sys

import grimp

# Pages of one tree that refer to each other (index ↔ category ↔ item); any cycle within them is allowed.
PAGE_TREE = {
    "gi_wagtail.catalogue.models.index",
    "gi_wagtail.catalogue.models.category",
    "gi_wagtail.catalogue.models.item",
}


def cycles(graph: grimp.ImportGraph) -> list[set[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def main() -> int:
    sys.path.insert(0, ".")
    graph = grimp.build_graph("gi_wagtail", exclude_type_checking_imports=True)
    bad = [component for component in cycles(graph) if not component <= PAGE_TREE]
    for component in bad:
        print("import cycle:", " ↔ ".join(sorted(component)))
    print(f"{len(graph.modules)} modules, {len(bad)} import cycle(s) outside the page tree")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
