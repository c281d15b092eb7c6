"""The docstrings of the exercise checkers: ``scaling_utils.checks`` and every
``scaling_utils.checks.lessonNN`` (found with pkgutil, so a lesson added later is covered as soon
as its module exists). Every public function and class shows a runnable example and ends with the
lesson that introduces it; functions with arguments document them, what they return and what they
raise; public data (task dicts, letters) carry a ``#:`` comment; and the examples run (the same
check as ``pytest --doctest-modules``)."""

import ast
import doctest
import importlib
import inspect
import io
import pkgutil
import re

import pytest

from scaling_utils import checks

_LESSON_MODULE = re.compile(r"lesson(\d\d)$")


def _lesson_modules():
    names = sorted(info.name for info in pkgutil.iter_modules(checks.__path__)
                   if _LESSON_MODULE.match(info.name))
    return [importlib.import_module(f"{checks.__name__}.{name}") for name in names]


LESSONS = _lesson_modules()
MODULES = [checks, *LESSONS]


def _lesson_number(module):
    """``"NN"`` for ``checks.lessonNN``; None for the shared machinery (any lesson may do)."""
    match = _LESSON_MODULE.match(module.__name__.rsplit(".", 1)[-1])
    return match.group(1) if match else None


def _documented(module):
    for name in module.__all__:
        obj = getattr(module, name)
        if not (inspect.isfunction(obj) or inspect.isclass(obj)):
            continue
        yield f"{module.__name__}.{name}", obj, module
        if inspect.isclass(obj):
            for attr, member in vars(obj).items():
                if attr.startswith("_"):
                    continue
                if isinstance(member, classmethod):
                    member = member.__func__
                if inspect.isfunction(member):
                    yield f"{module.__name__}.{name}.{attr}", member, module


DOCUMENTED = [item for module in MODULES for item in _documented(module)]
IDS = [name for name, _, _ in DOCUMENTED]


def test_every_lesson_module_is_found():
    numbers = [_lesson_number(module) for module in LESSONS]
    assert numbers[:6] == ["00", "01", "02", "03", "04", "05"], numbers
    assert len(DOCUMENTED) >= 40


@pytest.mark.parametrize("name, obj, module", DOCUMENTED, ids=IDS)
def test_docstring_has_an_example_and_a_lesson(name, obj, module):
    doc = inspect.getdoc(obj) or ""
    assert "Examples\n--------\n>>> " in doc, f"{name}: no Examples section with a doctest"
    found = re.search(r"Introduced in lesson (\d\d)\.\s*$", doc)
    assert found, f"{name}: no 'Introduced in lesson NN.' at the end"
    lesson = _lesson_number(module)
    if lesson is not None and getattr(obj, "__module__", None) == module.__name__:
        assert found.group(1) == lesson, f"{name} is defined in lesson {lesson}'s module"


WITH_ARGUMENTS = [item for item in DOCUMENTED
                  if inspect.isfunction(item[1]) and inspect.signature(item[1]).parameters
                  and list(inspect.signature(item[1]).parameters) != ["self"]]


@pytest.mark.parametrize("name, obj, module", WITH_ARGUMENTS,
                         ids=[name for name, _, _ in WITH_ARGUMENTS])
def test_functions_with_arguments_document_them(name, obj, module):
    doc = inspect.getdoc(obj)
    for section in ("Parameters\n----------", "Returns\n-------", "Raises\n------"):
        assert section in doc, f"{name}: no {section.splitlines()[0]} section"


def _public_data(module):
    """``(name, line above its assignment)`` for each public name the module assigns itself."""
    source = inspect.getsource(module)
    lines = source.splitlines()
    public = set(module.__all__)
    for node in ast.parse(source).body:
        targets = node.targets if isinstance(node, ast.Assign) else \
            [node.target] if isinstance(node, ast.AnnAssign) else []
        for target in targets:
            if isinstance(target, ast.Name) and target.id in public:
                yield target.id, lines[node.lineno - 2] if node.lineno > 1 else ""


DATA = [(f"{module.__name__}.{name}", above) for module in MODULES
        for name, above in _public_data(module)]


@pytest.mark.parametrize("name, above", DATA, ids=[name for name, _ in DATA])
def test_public_data_has_a_comment(name, above):
    assert above.startswith("#: "), f"{name}: no '#:' comment on the line above its assignment"


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_examples_run(module):
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = finder.find(module)
    assert sum(len(t.examples) for t in tests) > 0
    report = io.StringIO()
    for test in tests:
        runner.run(test, out=report.write)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, report.getvalue()
