"""The package's layers point one way: no module imports one above it (scaling_utils.LAYERS)."""

import ast
from pathlib import Path

import pytest

import scaling_utils

PACKAGE = Path(scaling_utils.__file__).resolve().parent
LAYER_OF = {name: i for i, layer in enumerate(scaling_utils.LAYERS) for name in layer}
#: Pairs in the same layer that must not import each other.
APART = {("widgets", "checks"), ("checks", "widgets")}


def _top_module(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def _imports(path: Path):
    """Every scaling_utils module that ``path`` imports, as top-level names, with line numbers."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package_parts = path.relative_to(PACKAGE).parent.parts
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[: len(package_parts) - (node.level - 1)]
                target = list(base) + (node.module.split(".") if node.module else [])
                names = [target[0]] if target else [alias.name for alias in node.names]
            elif node.module and node.module.split(".")[0] == "scaling_utils":
                rest = node.module.split(".")[1:]
                names = [rest[0]] if rest else [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                yield name, node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "scaling_utils" and len(parts) > 1:
                    yield parts[1], node.lineno


FILES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


def test_every_module_has_a_layer():
    modules = {_top_module(p) for p in FILES}
    assert modules <= set(LAYER_OF), f"modules without a layer: {modules - set(LAYER_OF)}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down(path):
    mine = _top_module(path)
    for name, line in _imports(path):
        if name not in LAYER_OF:
            continue  # a name imported from the package root (e.g. __version__)
        assert LAYER_OF[name] <= LAYER_OF[mine], (
            f"{path.relative_to(PACKAGE)}:{line} imports {name} (layer {LAYER_OF[name]}) from "
            f"layer {LAYER_OF[mine]}: move the code down, or the import up")
        assert (mine, name) not in APART, f"{path.relative_to(PACKAGE)}:{line}: {mine} → {name}"
