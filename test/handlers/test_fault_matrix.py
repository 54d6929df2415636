# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""docs/handler-faults.md cannot rot: every handler has a row, every cell names tests that exist (or says n/a and why)."""
import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MATRIX = ROOT / "docs" / "handler-faults.md"
TESTS = Path(__file__).resolve().parent
HANDLERS = ROOT / "src" / "handlers"
COLUMNS = ["Handler", "Create twice", "Update / changed target", "Delete twice", "Delete, already gone", "Throttling, bounded",
           "Eventual consistency", "Quota fails", "Concurrent read-modify-write", "Pagination"]
REFERENCE = re.compile(r"`([\w.]+\.py)::(\w+)`")


def matrix(text):
    """The table between the fault-matrix markers: its header and {handler: [cells]}."""
    block = text.split("<!-- fault-matrix:start -->")[1].split("<!-- fault-matrix:end -->")[0]
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in block.splitlines() if line.strip().startswith("|")]
    header, body = rows[0], [row for row in rows[2:]]
    return header, {row[0].strip("`"): row[1:] for row in body}


def defined_tests(path):
    """The names of the test functions a test file defines at module level (what pytest collects from it)."""
    tree = ast.parse(path.read_text())
    return {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_")}


def problems(text, handlers, tests_dir):
    """Every way the matrix disagrees with the handlers and the tests, as sentences."""
    found = []
    header, rows = matrix(text)
    if header != COLUMNS:
        found.append(f"the header is {header}, expected {COLUMNS}")
    for handler in sorted(set(handlers) - set(rows)):
        found.append(f"src/handlers/{handler} has no row")
    for handler in sorted(set(rows) - set(handlers)):
        found.append(f"row {handler} names no directory of src/handlers")
    defined = {}
    for handler, cells in rows.items():
        if len(cells) != len(COLUMNS) - 1:
            found.append(f"row {handler} has {len(cells)} cells, expected {len(COLUMNS) - 1}")
        for column, cell in zip(COLUMNS[1:], cells):
            references = REFERENCE.findall(cell)
            if not references and not cell.startswith("n/a: "):
                found.append(f"{handler} / {column} names no test and gives no 'n/a: <why>': {cell!r}")
            for file, name in references:
                if file not in defined:
                    path = tests_dir / file
                    defined[file] = defined_tests(path) if path.exists() else None
                if defined[file] is None:
                    found.append(f"{handler} / {column} names {file}, which does not exist")
                elif name not in defined[file]:
                    found.append(f"{handler} / {column} names {file}::{name}, which {file} does not define")
    return found


def handler_directories():
    return [p.name for p in HANDLERS.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))]


def test_the_matrix_has_a_row_for_every_handler_and_names_only_tests_that_exist():
    assert problems(MATRIX.read_text(), handler_directories(), TESTS) == []


ROW = "| `{name}` | `test_x.py::test_one` | n/a: read-only | `test_x.py::test_one` | n/a: nothing | n/a: none | n/a: none | n/a: none | n/a: none | n/a: none |"


def document(*rows):
    header = "| " + " | ".join(COLUMNS) + " |\n|" + "---|" * len(COLUMNS)
    return "<!-- fault-matrix:start -->\n" + header + "\n" + "\n".join(rows) + "\n<!-- fault-matrix:end -->\n"


@pytest.fixture()
def tests_dir(tmp_path):
    (tmp_path / "test_x.py").write_text("def test_one():\n    pass\n\n\ndef helper():\n    pass\n")
    return tmp_path


def test_the_check_finds_a_handler_without_a_row(tests_dir):
    assert problems(document(ROW.format(name="alpha")), ["alpha", "beta"], tests_dir) == ["src/handlers/beta has no row"]


def test_the_check_finds_a_cell_naming_a_test_that_does_not_exist(tests_dir):
    row = ROW.format(name="alpha").replace("`test_x.py::test_one` | n/a: read-only", "`test_x.py::test_two` | n/a: read-only")
    assert problems(document(row), ["alpha"], tests_dir) == ["alpha / Create twice names test_x.py::test_two, which test_x.py does not define"]


def test_the_check_finds_a_cell_naming_a_helper_or_a_missing_file(tests_dir):
    row = ROW.format(name="alpha").replace("`test_x.py::test_one` | n/a: read-only", "`test_x.py::helper` `test_y.py::test_one` | n/a: read-only")
    assert problems(document(row), ["alpha"], tests_dir) == ["alpha / Create twice names test_x.py::helper, which test_x.py does not define",
                                                             "alpha / Create twice names test_y.py, which does not exist"]


def test_the_check_finds_an_empty_cell_and_a_row_without_a_handler(tests_dir):
    row = ROW.format(name="alpha").replace("n/a: read-only", "")
    assert problems(document(row, ROW.format(name="gone")), ["alpha"], tests_dir) == [
        "row gone names no directory of src/handlers", "alpha / Update / changed target names no test and gives no 'n/a: <why>': ''"]
