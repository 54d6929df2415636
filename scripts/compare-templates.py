#!/usr/bin/env python3
# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""Compares the templates of two cloud assemblies stack by stack, apart from asset hashes and construct
metadata; prints a diff and exits 1 on any difference.

    python scripts/compare-templates.py <expected cdk.out> <actual cdk.out>
"""
import difflib
import json
import re
import sys
from pathlib import Path

HASH = re.compile(r"\b[0-9a-f]{64}\b")


def normalized(path: Path) -> str:
    template = json.loads(path.read_text())
    for resource in template.get("Resources", {}).values():
        resource.pop("Metadata", None)
    template.pop("Metadata", None)
    return HASH.sub("<asset-hash>", json.dumps(template, indent=1, sort_keys=True))


def main(expected_dir: str, actual_dir: str) -> int:
    expected = {p.name: p for p in Path(expected_dir).glob("*.template.json")}
    actual = {p.name: p for p in Path(actual_dir).glob("*.template.json")}
    failures = 0
    if sorted(expected) != sorted(actual):
        print(f"stacks differ: expected {sorted(expected)}, got {sorted(actual)}")
        failures += 1
    for name in sorted(set(expected) & set(actual)):
        a, b = normalized(expected[name]), normalized(actual[name])
        if a != b:
            failures += 1
            print(f"--- {name} differs:")
            sys.stdout.writelines(list(difflib.unified_diff(a.splitlines(True), b.splitlines(True), "expected", "actual", n=2))[:200])
        else:
            print(f"same: {name}")
    print(f"{len(set(expected) & set(actual))} templates compared, {failures} difference(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
