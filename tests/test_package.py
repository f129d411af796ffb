"""The package as code: no module of src/knowtheline imports itself back through others
(an import cycle breaks as soon as someone imports the modules in another order), and
pyproject.toml names every distribution the package imports, so `pip install .` is enough."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from conftest import ROOT

SRC = ROOT / "src"
PACKAGE = SRC / "knowtheline"
#: Import name -> distribution name, where they differ.
DISTRIBUTIONS = {"yaml": "pyyaml", "bs4": "beautifulsoup4", "fontTools": "fonttools", "PIL": "pillow",
                 "markdown_it": "markdown-it-py", "pydata_sphinx_theme": "pydata-sphinx-theme",
                 "sphinx_book_theme": "sphinx-book-theme", "myst_nb": "myst-nb", "myst_parser": "myst-parser",
                 "jupyter_book": "jupyter-book", "dateutil": "python-dateutil", "jinja2": "jinja2"}


def module_name(path: Path, src: Path = SRC) -> str:
    parts = list(path.relative_to(src).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_main_guard(node: ast.AST) -> bool:
    """`if __name__ == "__main__":` (code that runs only when the file is the script, as
    `python -m`, never when the module is imported)."""
    test = getattr(node, "test", None)
    return (isinstance(node, ast.If) and isinstance(test, ast.Compare) and isinstance(test.left, ast.Name)
            and test.left.id == "__name__" and any(isinstance(c, ast.Constant) and c.value == "__main__"
                                                  for c in test.comparators))


def import_nodes(path: Path):
    """The import statements of a file, anywhere in it but under its `__main__` guard."""
    todo = [ast.parse(path.read_text(encoding="utf-8"), str(path))]
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        todo += [child for child in ast.iter_child_nodes(node) if not is_main_guard(child)]


def imports(path: Path, src: Path = SRC) -> set[str]:
    """Every module `path` imports, anywhere in the file (a function-level import is still an
    import), resolved to absolute names; `from X import Y` counts X.Y when that is a module."""
    name = module_name(path, src)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in import_nodes(path):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                folder = src / sub.replace(".", "/")
                is_module = folder.with_suffix(".py").exists() or (folder / "__init__.py").exists()
                found.add(sub if is_module else base)
    return found


def import_graph(src: Path = SRC, top: str = "knowtheline") -> dict[str, set[str]]:
    files = sorted((src / top).rglob("*.py"))
    modules = {module_name(f, src) for f in files}
    return {module_name(f, src): {m for m in imports(f, src) if m in modules and m != module_name(f, src)}
            for f in files}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles of `graph`: each strongly connected group of two or more modules."""
    index, low, stack, on_stack, groups, counter = {}, {}, [], set(), [], [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_no_import_cycles():
    graph = import_graph()
    assert len(graph) > 20 and graph["knowtheline.book.pagefixes"], "the import walk found too little"
    assert cycles(graph) == []


def test_the_cycle_check_finds_a_cycle(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("def f():\n    from pkg.b import g\n")
    (pkg / "b.py").write_text("from . import a\n")
    (pkg / "c.py").write_text("import pkg.a\n")
    (pkg / "d.py").write_text("import sys\n\nif __name__ == '__main__':\n    import pkg.e\n")  # run as a script only
    (pkg / "e.py").write_text("import pkg.d\n")
    assert cycles(import_graph(tmp_path, "pkg")) == [["pkg.a", "pkg.b"]]


def third_party(src: Path = PACKAGE) -> dict[str, list[str]]:
    """Top-level names of the modules the package imports that are neither the standard
    library nor the package itself, each with the files that import it."""
    found: dict[str, list[str]] = {}
    for path in sorted(src.rglob("*.py")):
        for node in import_nodes(path):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != src.name and top != "__future__":
                    found.setdefault(top, []).append(str(path.relative_to(src.parent)))
    return found


def distribution(import_name: str) -> str:
    return re.sub(r"[-_.]+", "-", DISTRIBUTIONS.get(import_name, import_name)).lower()


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {re.sub(r"[-_.]+", "-", Requirement(r).name).lower() for r in project["dependencies"]}


def test_pyproject_lists_every_distribution_the_package_imports():
    used = third_party()
    assert {"yaml", "jinja2", "sphinx"} <= set(used), "the import walk found too little"
    missing = {distribution(name): sorted(set(files)) for name, files in used.items()
               if distribution(name) not in declared()}
    assert missing == {}, "add these to [project].dependencies in pyproject.toml (and requirements.in)"


def test_the_dependency_check_maps_import_names(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "m.py").write_text("import os, yaml\nfrom bs4 import BeautifulSoup\nfrom . import x\n"
                                           "def f():\n    import fontTools.subset\n")
    assert sorted(map(distribution, third_party(tmp_path / "pkg"))) == ["beautifulsoup4", "fonttools", "pyyaml"]
