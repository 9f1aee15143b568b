"""No module-level mutable state, and no cache keyed on a mutable object.

Checked on the source: a module-level name bound to a dict, list or set
display (or comprehension, or a call of dict/list/set) is state any caller can
change, so constants are tuples, frozensets or read-only mappings. A function
memoised with functools' caches may take only immutable arguments (strings,
numbers, tuples, frozensets, paths): a cache keyed on a Tokenizer or a
Document would serve results computed before the object changed.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "policytext"
_MUTABLE_CALLS = {"dict", "list", "set", "defaultdict", "Counter", "OrderedDict"}
_IMMUTABLE_ANNOTATIONS = {"str", "int", "float", "bool", "bytes", "Path", "None", "tuple", "frozenset"}


def _sources():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        yield relative, ast.parse(path.read_text(encoding="utf-8"))


def _is_mutable(value: ast.expr) -> bool:
    if isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)):
        return True
    if isinstance(value, ast.BinOp):
        return _is_mutable(value.left) or _is_mutable(value.right)
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in _MUTABLE_CALLS


def test_no_module_level_mutable_state():
    found = []
    for relative, tree in _sources():
        for node in tree.body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None and _is_mutable(node.value):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = [t.id for t in targets if isinstance(t, ast.Name)]
                if names != ["__all__"]:
                    found.append(f"{relative}:{node.lineno} {', '.join(names)}")
    assert not found, "module-level mutable values:\n" + "\n".join(found)


def _is_cache(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name in {"lru_cache", "cache"}


def _annotation_names(annotation: ast.expr | None) -> set[str]:
    """The outer type names of an annotation: ``tuple[str, ...] | None`` → {"tuple", "None"}."""
    if annotation is None:
        return {"<missing>"}
    if isinstance(annotation, ast.BinOp):
        return _annotation_names(annotation.left) | _annotation_names(annotation.right)
    if isinstance(annotation, ast.Subscript):
        return _annotation_names(annotation.value)
    if isinstance(annotation, ast.Constant):
        return {"None" if annotation.value is None else str(annotation.value)}
    if isinstance(annotation, ast.Attribute):
        return {annotation.attr}
    return {getattr(annotation, "id", ast.unparse(annotation))}


def test_caches_are_keyed_on_immutable_values_only():
    found = []
    for relative, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(map(_is_cache, node.decorator_list)):
                arguments = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
                for argument in arguments:
                    names = _annotation_names(argument.annotation)
                    if not names <= _IMMUTABLE_ANNOTATIONS:
                        found.append(f"{relative}:{node.lineno} {node.name}({argument.arg}: {ast.unparse(argument.annotation) if argument.annotation else '?'})")
    assert not found, "caches keyed on values that may change:\n" + "\n".join(found)


def test_the_checks_see_what_they_look_for():
    tree = ast.parse("A = {}\nB = (1,)\nC = [x for x in ()]\nD = set() | {1}\nE = MappingProxyType({1: 2})\n")
    assert [_is_mutable(node.value) for node in tree.body] == [True, False, True, True, False]
    function = ast.parse("@lru_cache(maxsize=4)\ndef f(tokenizer: Tokenizer): ...").body[0]
    assert _is_cache(function.decorator_list[0]) and _annotation_names(function.args.args[0].annotation) == {"Tokenizer"}
