#!/usr/bin/env python3
# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""The versions CI proves, and the check that the README and the built packages name only those.

    proved-versions.py record <file.json> [--cdk-out <dir>]... aws-cdk-lib=X cdk-nag=Y constructs=Z
        Writes the versions a run used; with --cdk-out, first checks that the cloud assembly was synthesized by
        that aws-cdk-lib (tree.json names the version of the App that ran).
    proved-versions.py same-templates <cdk.out> [<candidate cdk.out>]...
        Compares <cdk.out>'s templates (scripts/compare-templates.py) with every candidate synthesized by the same
        aws-cdk-lib version; says so when there is none.
    proved-versions.py check <dir>
        <dir> holds the records of one CI run: <registry>-floor.json and <registry>-newest.json for npm, PyPI,
        Maven and Go. Fails unless
        - the floor is the lowest version CI proves: package.json's dev dependencies pin exactly the lower bounds
          of its peer dependencies, and every floor record (what the floor runs used) names them (Go: the
          constructs version awscdk's floor requires);
        - README.md's Install section names only proved versions: its table of proved versions starts at the floor
          run's version and ends at a version between the floor and this run's newest (a release published since
          the table was written is proved by this run and printed as a notice, not a failure), its install lines (npm, pip, the Maven POM snippet, go get, the jsii-pacmak line)
          and the versions it says the jar's POM names;
        - the built packages' dependency declarations match: the wheel's ranges start at the floor and admit
          PyPI's newest, and the jar's POM names versions a Java run of this CI proved.
"""
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("aws-cdk-lib", "cdk-nag", "constructs")
REGISTRIES = ("npm", "PyPI", "Maven", "Go")


def cdk_version(cdk_out: Path) -> str:
    tree = json.loads((cdk_out / "tree.json").read_text())
    info = tree["tree"].get("constructInfo", {})
    if info.get("fqn") != "aws-cdk-lib.App":
        sys.exit(f"{cdk_out}/tree.json: the root is not an aws-cdk-lib App ({info})")
    return info["version"]


def record(args: list) -> int:
    out, cdk_outs, versions = Path(args[0]), [], {}
    rest = args[1:]
    while rest:
        if rest[0] == "--cdk-out":
            cdk_outs.append(Path(rest[1]))
            rest = rest[2:]
            continue
        name, _, version = rest.pop(0).partition("=")
        if name not in PACKAGES or not re.fullmatch(r"\d+\.\d+\.\d+", version):
            sys.exit(f"record: expected <{'|'.join(PACKAGES)}>=<x.y.z>, got {name}={version}")
        versions[name] = version
    if sorted(versions) != sorted(PACKAGES):
        sys.exit(f"record: need a version for each of {', '.join(PACKAGES)}, got {versions}")
    for cdk_out in cdk_outs:
        ran = cdk_version(cdk_out)
        if ran != versions["aws-cdk-lib"]:
            sys.exit(f"record: {cdk_out} was synthesized by aws-cdk-lib {ran}, not {versions['aws-cdk-lib']}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(versions, indent=1) + "\n")
    print(f"proved: {out.name}: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    return 0


def same_templates(args: list) -> int:
    actual, candidates = Path(args[0]), [Path(a) for a in args[1:]]
    version = cdk_version(actual)
    same = [c for c in candidates if (c / "tree.json").is_file() and cdk_version(c) == version]
    if not same:
        print(f"same-templates: no TypeScript cloud assembly at aws-cdk-lib {version} to compare {actual} with "
              f"(candidates: {', '.join(f'{c} at {cdk_version(c)}' for c in candidates if (c / 'tree.json').is_file()) or 'none'})")
        return 0
    status = 0
    for candidate in same:
        print(f"same-templates: {actual} and {candidate}, both aws-cdk-lib {version}")
        status |= subprocess.run([sys.executable, str(ROOT / "scripts/compare-templates.py"), str(candidate), str(actual)]).returncode
    return status


class Check:
    def __init__(self) -> None:
        self.failures: list = []

    def equal(self, what: str, found, expected) -> None:
        if found == expected:
            print(f"ok: {what}: {found}")
        else:
            self.failures.append(f"{what}: found {found!r}, expected {expected!r}")
            print(f"FAILED: {what}: found {found!r}, expected {expected!r}")

    def true(self, what: str, condition: bool, detail: str = "") -> None:
        if condition:
            print(f"ok: {what}")
        else:
            self.failures.append(f"{what}{': ' + detail if detail else ''}")
            print(f"FAILED: {what}{': ' + detail if detail else ''}")


def version_key(v: str) -> tuple:
    return tuple(int(p) for p in v.split("."))


def install_section(readme: str) -> str:
    match = re.search(r"^## Install\n(.*?)(?=^## )", readme, re.M | re.S)
    if not match:
        sys.exit("README.md has no '## Install' section")
    return match.group(1)


def table_rows(section: str) -> dict:
    """The table of proved versions: | Registry | aws-cdk-lib | cdk-nag | constructs | … | rows, cells 'A – B'."""
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and cells[0] in REGISTRIES:
            parsed = {}
            for package, cell in zip(PACKAGES, cells[1:4]):
                found = re.findall(r"v?(\d+\.\d+\.\d+)", cell)
                parsed[package] = tuple(found) if len(found) == 2 else None
            rows[cells[0]] = parsed
    return rows


def check(args: list) -> int:
    records_dir = Path(args[0])
    c = Check()
    records = {}
    for registry in REGISTRIES:
        for role in ("floor", "newest"):
            path = records_dir / f"{registry}-{role}.json"
            if not path.is_file():
                sys.exit(f"check: {path} is missing: the {role} run for {registry} did not pass or did not run")
            records[registry, role] = json.loads(path.read_text())

    package = json.loads((ROOT / "package.json").read_text())
    floor = {}
    for name in PACKAGES:
        dev, peer = package["devDependencies"][name], package["peerDependencies"][name]
        c.equal(f"package.json: the peer dependency on {name} is ^<the dev dependency>", peer, f"^{dev}")
        floor[name] = dev

    # The floor runs used the floor (Go: awscdk's floor requires a newer constructs, so Go's is what go.mod resolves).
    for registry in REGISTRIES:
        for name in PACKAGES:
            if registry == "Go" and name == "constructs":
                c.true("Go: the floor's constructs is at least the floor",
                       version_key(records["Go", "floor"][name]) >= version_key(floor[name]), records["Go", "floor"][name])
                continue
            c.equal(f"{registry}: the floor run used {name} at the floor", records[registry, "floor"][name], floor[name])
        for name in PACKAGES:
            c.true(f"{registry}: the newest run's {name} is not below the floor",
                   version_key(records[registry, "newest"][name]) >= version_key(floor[name]), records[registry, "newest"][name])

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = install_section(readme)
    rows = table_rows(section)
    for registry in REGISTRIES:
        row = rows.get(registry)
        if row is None:
            c.true(f"README.md: the table of proved versions has a {registry} row", False)
            continue
        for name in PACKAGES:
            floor_run, newest_run = records[registry, "floor"][name], records[registry, "newest"][name]
            named = row[name]
            if named is None:
                c.true(f"README.md: {registry} {name} names 'floor – newest'", False, "no two versions in the cell")
                continue
            c.equal(f"README.md: {registry} {name} starts at the floor this run proved", named[0], floor_run)
            # The upper version was proved when the table was written; a registry may have published newer ones
            # since, which this run proved too. A table behind the registry is no failure (a release after the last
            # commit must not break CI), a version above what this run proved is.
            c.true(f"README.md: {registry} {name}'s newest named ({named[1]}) is between the floor and this run's newest ({newest_run})",
                   version_key(floor_run) <= version_key(named[1]) <= version_key(newest_run), str(named))
            if version_key(named[1]) < version_key(newest_run):
                print(f"notice: README.md names {registry} {name} up to {named[1]}; this run also proved {newest_run}: "
                      f"update the table to '{floor_run} – {newest_run}'")

    # Install lines.
    npm_line = re.search(r"npm install cdk-data-mesh aws-cdk-lib constructs cdk-nag\b(.*)", section)
    c.true("README.md: the npm install line names no version (npm installs the newest, proved in the npm row)",
           npm_line is not None and "@" not in npm_line.group(1).split("`")[0], npm_line.group(0) if npm_line else "no npm install line")
    pip_line = re.search(r"^pip install cdk-data-mesh (.*)$", section, re.M)
    if pip_line:
        for name in PACKAGES:
            bound = re.search(rf'"{name}>=([\d.]+),<(\d+)"', pip_line.group(1))
            c.true(f"README.md: the pip line names {name} from the floor", bound is not None and bound.group(1) == floor[name],
                   pip_line.group(0))
            if bound:
                c.true(f"README.md: the pip line's range of {name} admits PyPI's newest proved",
                       version_key(records["PyPI", "newest"][name])[0] < int(bound.group(2)), f"<{bound.group(2)}")
    else:
        c.true("README.md: a pip install line", False)
    for group, artifact, name in (("software.amazon.awscdk", "aws-cdk-lib", "aws-cdk-lib"),
                                  ("software.constructs", "constructs", "constructs"),
                                  ("io.github.cdklabs", "cdknag", "cdk-nag")):
        m = re.search(rf"<groupId>{re.escape(group)}</groupId>\s*<artifactId>{artifact}</artifactId>\s*<version>([^<]*)</version>", section)
        c.equal(f"README.md: the Maven snippet's {artifact}", m and m.group(1), records["Maven", "floor"][name])
    go_get = re.search(r"github\.com/aws/aws-cdk-go/awscdk/v2@v([\d.]+)", section)
    c.equal("README.md: go get's awscdk", go_get and go_get.group(1), records["Go", "floor"]["aws-cdk-lib"])
    pacmak = re.search(r"npm install --prefix \.jsii-go (.*)", section)
    if pacmak:
        for name in PACKAGES:
            m = re.search(rf"\b{name}@([\d.]+)", pacmak.group(1))
            c.equal(f"README.md: the jsii-pacmak install line's {name}", m and m.group(1), floor[name])
    else:
        c.true("README.md: the jsii-pacmak install line (Go)", False)

    # The wheel: ranges from the floor that admit PyPI's newest.
    wheels = sorted((ROOT / "dist/python").glob("cdk_data_mesh-*.whl"))
    c.true("dist/python holds one wheel", len(wheels) == 1, str(wheels))
    if len(wheels) == 1:
        with zipfile.ZipFile(wheels[0]) as z:
            metadata = next(z.read(n).decode() for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        for name in PACKAGES:
            m = re.search(rf"^Requires-Dist: {name} <(\d+)\.0\.0,>=([\d.]+)$", metadata, re.M)
            c.true(f"the wheel requires {name} >= the floor", m is not None and m.group(2) == floor[name],
                   m.group(0) if m else "no Requires-Dist line")
            if m:
                c.true(f"the wheel's range of {name} admits PyPI's newest proved",
                       version_key(records["PyPI", "newest"][name])[0] < int(m.group(1)), m.group(0))

    # The jar's POM: jsii-pacmak resolves its ranges to exact versions when it builds; each must be one a Java run proved.
    poms = sorted((ROOT / "dist/java").glob("io/github/cdkdatamesh/cdk-data-mesh/*/cdk-data-mesh-*.pom"))
    c.true("dist/java holds one POM", len(poms) == 1, str(poms))
    if len(poms) == 1:
        pom = poms[0].read_text()
        # The POM names what the repository listed when the jar was built (jsii-pacmak resolves its ranges then),
        # which changes with the repository: the README does not name those versions, the check below proves them.
        for group, artifact, name in (("software.amazon.awscdk", "aws-cdk-lib", "aws-cdk-lib"),
                                      ("software.constructs", "constructs", "constructs"),
                                      ("io.github.cdklabs", "cdknag", "cdk-nag")):
            m = re.search(rf"<groupId>{re.escape(group)}</groupId>\s*<artifactId>{artifact}</artifactId>\s*<version>([^<]*)</version>", pom)
            named = m.group(1) if m else None
            proved = {records["Maven", "floor"][name], records["Maven", "newest"][name]}
            c.true(f"the jar's POM names {artifact} {named}, a version a Java run proved ({' or '.join(sorted(proved))})",
                   named in proved)

    # The Go module's requirements the README names.
    gomod = (ROOT / "dist/go/cdkdatamesh/go.mod").read_text()
    for module in ("github.com/cdklabs/cdk-nag-go/cdknag/v3", "github.com/cdklabs/cloud-assembly-schema-go/awscdkcloudassemblyschema/v54"):
        required = re.search(rf"^\s*{re.escape(module)} (v\d+(?:\.\d+)*)", gomod, re.M)
        said = re.search(rf"`{re.escape(module)}` (v\d+(?:\.\d+)*)", section)
        c.equal(f"README.md: the Go module's requirement {module.split('/')[-2]}", said and said.group(1), required and required.group(1))

    if c.failures:
        print(f"\n{len(c.failures)} check(s) failed. The README's table of proved versions should read:\n")
        print(proved_table(records))
        return 1
    print(f"\nthe README, the wheel and the POM name only versions this CI run proved")
    return 0


def proved_table(records: dict) -> str:
    lines = []
    for registry in REGISTRIES:
        cells = [f"{records[registry, 'floor'][n]} – {records[registry, 'newest'][n]}" for n in PACKAGES]
        lines.append(f"| {registry} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    commands = {"record": record, "same-templates": same_templates, "check": check}
    if len(sys.argv) < 3 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    sys.exit(commands[sys.argv[1]](sys.argv[2:]))
