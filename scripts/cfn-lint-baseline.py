#!/usr/bin/env python3
# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""Compares cfn-lint's findings (its JSON output) with the checked-in baseline (scripts/cfn-lint-warnings.json).

Usage: cfn-lint-baseline.py <baseline.json> <cfn-lint.json> <template>...

Fails (exit 1) on any error, on any warning no baseline entry lists, and on any baseline entry that no longer
occurs (stale) although a template it applies to was linted. With CFN_LINT_ALLOW_STALE=1 (the runs on the newest
aws-cdk-lib, whose templates may drop a warning the pinned version has) a stale entry is reported, not a failure. An entry matches a warning by rule id, the type of the
resource the warning is about, and (shell patterns, default "*") the template file name and the resource's logical id.
"""
import fnmatch
import json
import os
import sys


def main(baseline_path, findings_path, templates):
    baseline = json.load(open(baseline_path))["warnings"]
    findings = json.load(open(findings_path))
    bodies = {os.path.realpath(t): json.load(open(t)) for t in templates}
    for i, entry in enumerate(baseline):
        missing = [k for k in ("rule", "resourceType", "reason") if not str(entry.get(k, "")).strip()]
        if missing:
            sys.exit(f"{baseline_path}: entry {i} lacks {', '.join(missing)} (every entry names the rule, the resource type and why the warning stays)")
    used = [0] * len(baseline)
    errors, unlisted = [], []
    for f in findings:
        path = f["Location"].get("Path") or []
        logical_id = path[1] if len(path) > 1 and path[0] == "Resources" else ""
        template = bodies.get(os.path.realpath(f["Filename"]), {})
        resource_type = template.get("Resources", {}).get(logical_id, {}).get("Type", "")
        where = f"{os.path.basename(f['Filename'])}:{f['Location']['Start']['LineNumber']} {f['Rule']['Id']} {logical_id or '/'.join(map(str, path))} ({resource_type or 'no resource'}): {f['Message']}"
        if f["Level"] == "Error":
            errors.append(where)
            continue
        if f["Level"] != "Warning":
            continue
        matched = False
        for i, entry in enumerate(baseline):
            if (entry["rule"] == f["Rule"]["Id"] and entry["resourceType"] == resource_type
                    and fnmatch.fnmatchcase(os.path.basename(f["Filename"]), entry.get("template", "*"))
                    and fnmatch.fnmatchcase(logical_id, entry.get("resource", "*"))):
                used[i] += 1
                matched = True
        if not matched:
            unlisted.append(where)
    names = [os.path.basename(t) for t in templates]
    stale = [e for i, e in enumerate(baseline)
             if used[i] == 0 and any(fnmatch.fnmatchcase(n, e.get("template", "*")) for n in names)
             and any(r.get("Type") == e["resourceType"] for b in bodies.values() for r in b.get("Resources", {}).values())]
    for i, entry in enumerate(baseline):
        if used[i]:
            print(f"cfn-lint: {used[i]} x {entry['rule']} on {entry['resourceType']} listed in the baseline: {entry['reason']}")
    failed = False
    if errors:
        failed = True
        print(f"\ncfn-lint: {len(errors)} error(s):", *errors, sep="\n  ", file=sys.stderr)
    if unlisted:
        failed = True
        print(f"\ncfn-lint: {len(unlisted)} warning(s) the baseline ({baseline_path}) does not list:", *unlisted, sep="\n  ", file=sys.stderr)
        print("Fix the construct that writes the resource, or, when the warning is intended, add an entry"
              " (rule, resourceType, optional template/resource patterns, reason) to the baseline.", file=sys.stderr)
    allow_stale = os.environ.get("CFN_LINT_ALLOW_STALE") == "1"
    if stale and allow_stale:
        print(f"cfn-lint: {len(stale)} baseline entr(y/ies) do not occur with this aws-cdk-lib (CFN_LINT_ALLOW_STALE=1):",
              *[f"{e['rule']} on {e['resourceType']}" for e in stale], sep="\n  ")
    elif stale:
        failed = True
        print(f"\ncfn-lint: {len(stale)} baseline entr(y/ies) no longer occur in these templates (stale):", file=sys.stderr)
        for e in stale:
            print(f"  {e['rule']} on {e['resourceType']} (template {e.get('template', '*')}, resource {e.get('resource', '*')}): {e['reason']}", file=sys.stderr)
        print(f"Remove them from {baseline_path}: the warning they excuse is gone.", file=sys.stderr)
    if failed:
        return 1
    print(f"cfn-lint: 0 errors, every warning listed in the baseline ({sum(used)} listed, {len(findings)} finding(s) in all)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
