"""The package's dependency rule, checked on its import statements.

Layers, lowest first; a module may import from its own layer or a lower one,
never from a higher one, and the import graph has no circle. The analyses
share only through a lower layer: one analysis package never imports another.
Every import statement counts, including those inside functions and under
``TYPE_CHECKING``: a late import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "policytext"

#: (layer, module names or package prefixes), lowest first; the README's package section lists the same.
LAYERS = (
    ("text primitives", ("errors", "spans", "textfacts", "resources", "scanning", "numerals", "redaction",
                         "normalize", "paths", "output", "frames", "encoding", "reading", "terminal", "textview", "elisions",
                         "digests", "markers")),
    ("loading, outline, segmentation, reference", ("", "boilerplate", "document", "outline", "segment", "reference", "dating",
                                                   "formats", "pdf", "webpage",
                                                   "sections", "runs")),
    ("parsed document", ("parsed",)),
    ("analyses", ("rhetoric", "indicators", "compare", "overview")),
    ("analysis object", ("analysis", "analysis_store")),
    ("figures and corpus", ("figures", "figure_index", "corpus", "rhetoric.plots", "compare.plots", "indicators.tables",
                            "reading_page")),
    ("command line and runner", ("cli", "commands", "runner", "run_record", "evaluation", "html_report")),
)
ANALYSES = ("rhetoric", "indicators", "compare", "overview")
#: Known exceptions, each with the reason it stays for now. Keep this empty.
EXCEPTIONS = {
    # The notebooks call rhetoric.plot_*; the figures layer takes them over (issue 12, helper "figures").
    ("rhetoric", "rhetoric.plots"): "rhetoric re-exports its plot functions until the notebooks use the figures layer",
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that ``name`` imports (names relative to the package, "" for the package itself)."""
    is_package = path.name == "__init__.py"
    here = name.split(".") if name else []
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here if is_package else here[:-1]
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(["policytext", *base, *([node.module] if node.module else [])])
            else:
                prefix = node.module or ""
            # ``from x import y`` imports the module x.y if there is one, else a name of x.
            targets = [f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}"[11:] in modules else prefix for alias in node.names]
        else:
            continue
        for target in targets:
            if target == "policytext" or target.startswith("policytext."):
                relative = target[len("policytext."):] if target != "policytext" else ""
                while relative not in modules and "." in relative:
                    relative = relative.rsplit(".", 1)[0]
                if relative in modules and relative != name:
                    found.add(relative)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    """The import graph, read once for the tests of this module (parsing every module is most of their time)."""
    return _graph()


def layer_of(name: str) -> int:
    best, rank = -1, None
    for index, (_, members) in enumerate(LAYERS):
        for member in members:
            if name == member or (member and name.startswith(member + ".")):
                if len(member) > best:
                    best, rank = len(member), index
    if rank is None:
        raise AssertionError(f"policytext.{name} is in no layer: add it to LAYERS (and to the README)")
    return rank


def _analysis_package(name: str) -> str | None:
    top = name.split(".")[0]
    return top if top in ANALYSES and layer_of(name) == layer_of(top) else None


def test_every_module_has_a_layer():
    for name in _modules():
        layer_of(name)


def test_no_import_goes_up_a_layer(graph):
    upward = [
        f"policytext.{a or '(package)'} ({LAYERS[layer_of(a)][0]}) imports policytext.{b} ({LAYERS[layer_of(b)][0]})"
        for a, targets in graph.items() for b in sorted(targets)
        if layer_of(b) > layer_of(a) and (a, b) not in EXCEPTIONS
    ]
    assert not upward, "\n".join(upward)


def test_analyses_share_only_through_a_lower_layer(graph):
    across = [
        f"policytext.{a} imports policytext.{b}"
        for a, targets in graph.items() for b in sorted(targets)
        if _analysis_package(a) and _analysis_package(b) and _analysis_package(a) != _analysis_package(b)
    ]
    assert not across, "\n".join(across)


def test_the_import_graph_has_no_circle(graph):
    circles = [component for component in _strongly_connected(graph) if len(component) > 1]
    assert not circles, "import circles: " + "; ".join(" <-> ".join(sorted(c)) for c in circles)


def _strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
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
                    work.append((child, iter(sorted(graph.get(child, ())))))
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
                components.append(component)
    return components


@pytest.mark.parametrize("module", ["rhetoric.quotations", "rhetoric.directives", "rhetoric.formulas",
                                    "rhetoric.enumerations", "rhetoric.keywords", "rhetoric.four_character",
                                    "compare.clauses", "compare.keyness"])
def test_no_function_shadows_its_module(module):
    import importlib
    import types

    package, _, leaf = module.rpartition(".")
    assert isinstance(getattr(importlib.import_module(f"policytext.{package}"), leaf), types.ModuleType)


def test_the_checker_sees_a_circle_and_an_upward_import():
    assert _strongly_connected({"a": {"b"}, "b": {"a"}, "c": set()}) == [{"a", "b"}, {"c"}] or \
        {frozenset(c) for c in _strongly_connected({"a": {"b"}, "b": {"a"}, "c": set()})} == {frozenset({"a", "b"}), frozenset({"c"})}
    assert layer_of("cli") > layer_of("analysis") > layer_of("rhetoric.quotations") > layer_of("parsed") > layer_of("document")
