#!/usr/bin/env python3
# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""Benchmark (a script, not a test): the wall time and peak memory of synthesizing the example mesh from
Python and Java (and Go, when its example builds) as ratios of the TypeScript synth, measured in one run.
Prints ratios next to the absolute values; absolute values vary between machines and with load.
Target: Python wall <= 3x TypeScript.

    python3 benchmarks/languages.py [--runs R] [--json FILE] [--languages typescript,python,java,go,ts-node]
    npx projen bench:languages [--runs R] [--json FILE]

What one run of a language is: one process that builds the seven-stack example (DataMeshChecks and
AwsSolutionsChecks registered, as in CI) and synthesizes it into a fresh temporary outdir:
- TypeScript: benchmarks/mesh-app.ts, compiled once with tsc (untimed), run as `node mesh-app.js`. It uses
  the compiled library in lib/, which is also the JavaScript the Python and Java runs load through jsii.
  `ts-node` (not in the default set) runs the same file with `ts-node --transpile-only` instead.
- Python: examples/python/mesh_app.py in the venv of .ci/run (.ci/.work/py, the built wheel installed).
- Java: examples/java, compiled once by Maven (untimed), run as `java -cp … MeshApp`: no Maven in the run.
- Go: examples/go, built once with `go build` (untimed, no downloads), run as the binary; skipped when it
  does not build.
Each language runs once to warm up (jsii unpacks its packages into its cache; the warm-up templates are
compared with TypeScript's), then R times, the languages interleaved round by round; medians are reported.
Peak memory: VmRSS summed over the process and all its descendants (jsii's node child), sampled every
--interval ms; the maximum of the sums. Sampling can miss a spike shorter than the interval, and a sum of
RSS counts pages shared between processes once per process. CPU s: user + system time of the process tree,
less sensitive than wall time to other load on the machine.
Linux only (/proc). Exit status: 0 when every run synthesized (met or not), 1 when a run failed, 2 when
a prerequisite is missing (the message says which command builds it).
"""
import argparse
import ctypes
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent
EXPECTED_TEMPLATES = 7
TARGET_LANGUAGE, TARGET_RATIO = "python", 3.0
M2 = ROOT / ".cache" / "m2"
JAVA_MAIN = "io.github.cdkdatamesh.example.MeshApp"
DIST_JAR = ROOT / "dist/java/io/github/cdkdatamesh/cdk-data-mesh/0.0.0/cdk-data-mesh-0.0.0.jar"
M2_JAR = M2 / "io/github/cdkdatamesh/cdk-data-mesh/0.0.0/cdk-data-mesh-0.0.0.jar"
MIB = 1024 * 1024


class Missing(Exception):
    """A prerequisite is missing: what, and the command (from the repository root) that makes it."""

    def __init__(self, what: str, command: str):
        super().__init__(what)
        self.what, self.command = what, command


class BuildFailed(Exception):
    """The untimed build of a language failed; the message ends with the tail of its output."""


@dataclass
class Language:
    key: str
    name: str
    # An optional language is skipped (with the reason) when it is not built, instead of stopping the run.
    optional: bool
    # Fast checks: raise Missing; return warnings.
    check: Callable[["Options"], List[str]]
    # The untimed build, once: returns the command of one run, to which the outdir is appended.
    prepare: Callable[["Options", Path], List[str]]
    how: str  # one line for the output: what is timed


@dataclass
class Options:
    runs: int
    interval: float
    venv: Path
    json_file: Optional[Path]
    keep: bool
    languages: List[str]


def rel(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def run_quiet(argv: List[str], cwd: Path, env: Optional[Dict[str, str]] = None) -> None:
    """Runs an untimed build step; raises BuildFailed with the tail of its output."""
    done = subprocess.run(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        tail = "\n".join(done.stdout.strip().splitlines()[-20:])
        raise BuildFailed(f"`{' '.join(argv)}` (in {rel(cwd)}) exited with {done.returncode}:\n{tail}")


def jsii_fingerprint(tgz: bytes) -> Optional[str]:
    """The fingerprint of the jsii assembly inside a bundled package tarball."""
    with tarfile.open(fileobj=io.BytesIO(tgz)) as tar:
        member = tar.extractfile("package/.jsii")
        return json.load(member).get("fingerprint") if member else None


def stale_warning(artifact: str, bundled: Optional[bytes], rebuild: str) -> List[str]:
    """A warning when the library bundled in an artifact was compiled from other sources than lib/ (.jsii)."""
    try:
        current = json.loads((ROOT / ".jsii").read_text()).get("fingerprint")
    except (OSError, ValueError):
        return []
    if bundled is None or jsii_fingerprint(bundled) != current:
        return [f"{artifact} was built from another compile of the library than lib/ (.jsii): the languages may run different code; rebuild with `{rebuild}`"]
    return []


def bundled_tgz(archive: Path) -> Optional[bytes]:
    with zipfile.ZipFile(archive) as z:
        names = [n for n in z.namelist() if n.endswith(".jsii.tgz") and "cdk-data-mesh@" in n]
        return z.read(names[0]) if names else None


# --- TypeScript ----------------------------------------------------------------------------------------

def check_typescript(_: Options) -> List[str]:
    if not shutil.which("node"):
        raise Missing("node is not on PATH", "install Node.js 20")
    if not (ROOT / "node_modules/.bin/tsc").exists():
        raise Missing("node_modules/ (tsc, aws-cdk-lib, cdk-nag) is not installed", "npm ci")
    if not (ROOT / "lib/index.js").exists():
        raise Missing("lib/ (the compiled library) does not exist", "npx projen compile")
    return []


def prepare_typescript(_: Options, work: Path) -> List[str]:
    out = work / "ts"
    tsconfig = work / "tsconfig.bench.json"
    tsconfig.write_text(json.dumps({
        "extends": str(ROOT / "tsconfig.json"),
        "compilerOptions": {
            "rootDir": str(ROOT), "outDir": str(out), "noEmit": False, "declaration": False,
            "inlineSourceMap": False, "inlineSources": False,
            "types": ["node"], "typeRoots": [str(ROOT / "node_modules/@types")],
        },
        "files": [str(ROOT / "benchmarks/mesh-app.ts")],
        "include": [],
    }))
    run_quiet([str(ROOT / "node_modules/.bin/tsc"), "-p", str(tsconfig)], ROOT)
    # The compiled entry requires '../lib' and 'aws-cdk-lib': give its folder the repository's neighbours.
    # Node resolves symlinks to real paths, so the library and aws-cdk-lib load once, from the repository.
    (out / "lib").symlink_to(ROOT / "lib")
    (out / "node_modules").symlink_to(ROOT / "node_modules")
    return ["node", str(out / "benchmarks/mesh-app.js")]


def prepare_ts_node(_: Options, __: Path) -> List[str]:
    return [str(ROOT / "node_modules/.bin/ts-node"), "--transpile-only", "--project", str(ROOT / "tsconfig.dev.json"), str(ROOT / "benchmarks/mesh-app.ts")]


# --- Python --------------------------------------------------------------------------------------------

def check_python(options: Options) -> List[str]:
    venv = rel(options.venv)
    wheels = sorted((ROOT / "dist/python").glob("cdk_data_mesh-*.whl"))
    if not wheels:
        raise Missing("the Python wheel (dist/python/cdk_data_mesh-*.whl) does not exist", "npx projen package:python")
    python = options.venv / "bin/python"
    if not python.exists():
        raise Missing(f"the venv {venv} does not exist",
                      f"python3 -m venv {venv} && {venv}/bin/pip install -r test/python/requirements.txt dist/python/cdk_data_mesh-*.whl")
    installed = sorted(options.venv.glob("lib/python3*/site-packages/cdk_data_mesh/_jsii/cdk-data-mesh@*.jsii.tgz"))
    wheel_tgz = bundled_tgz(wheels[-1])
    if not installed:
        raise Missing(f"cdk-data-mesh is not installed in {venv}", f"{venv}/bin/pip install -r test/python/requirements.txt dist/python/cdk_data_mesh-*.whl")
    if installed[0].read_bytes() != wheel_tgz:
        raise Missing(f"{venv} holds another build of cdk-data-mesh than {rel(wheels[-1])}",
                      f"{venv}/bin/pip install --force-reinstall --no-deps dist/python/cdk_data_mesh-*.whl")
    return stale_warning(rel(wheels[-1]), wheel_tgz, "npx projen package:python")


def prepare_python(options: Options, _: Path) -> List[str]:
    return [str(options.venv / "bin/python"), str(ROOT / "examples/python/mesh_app.py")]


# --- Java ----------------------------------------------------------------------------------------------

def check_java(_: Options) -> List[str]:
    for tool in ("java", "mvn"):
        if not shutil.which(tool):
            raise Missing(f"{tool} is not on PATH", "install a JDK 17 and Maven")
    if not DIST_JAR.exists():
        raise Missing(f"the jar ({rel(DIST_JAR)}) does not exist", "npx projen package:java")
    if not M2_JAR.exists() or M2_JAR.read_bytes() != DIST_JAR.read_bytes():
        raise Missing(f"the local Maven repository {rel(M2)} does not hold the jar of {rel(DIST_JAR)}", "npx projen package:java")
    return stale_warning(rel(DIST_JAR), bundled_tgz(DIST_JAR), "npx projen package:java")


def prepare_java(_: Options, work: Path) -> List[str]:
    classpath = work / "java.classpath"
    run_quiet(["mvn", "-q", "-B", f"-Dmaven.repo.local={M2}", "compile", "dependency:build-classpath", f"-Dmdep.outputFile={classpath}"], ROOT / "examples/java")
    return ["java", "-cp", f"{ROOT / 'examples/java/target/classes'}{os.pathsep}{classpath.read_text().strip()}", JAVA_MAIN]


# --- Go ------------------------------------------------------------------------------------------------

def go_hint() -> str:
    return "bash scripts/go-example.sh" if (ROOT / "scripts/go-example.sh").exists() else "npx projen package:go, then see examples/go/go.mod"


def check_go(_: Options) -> List[str]:
    if not (ROOT / "examples/go/main.go").exists():
        raise Missing("there is no Go example (examples/go)", "")
    if not shutil.which("go"):
        raise Missing("go is not on PATH", "install Go")
    if not (ROOT / "dist/go/cdkdatamesh/go.mod").exists():
        raise Missing("the Go module (dist/go/cdkdatamesh) does not exist", go_hint())
    return []


def prepare_go(_: Options, work: Path) -> List[str]:
    binary = work / "go" / "mesh-app"
    # Builds from what is already on this machine (the caches scripts/go-example.sh fills, unless GOMODCACHE or
    # GOCACHE say otherwise): no module downloads, no toolchain switch.
    env = dict(os.environ, GOPROXY="off", GOTOOLCHAIN="local", GOFLAGS="-mod=readonly",
               GOMODCACHE=os.environ.get("GOMODCACHE", str(ROOT / ".cache/go/mod")),
               GOCACHE=os.environ.get("GOCACHE", str(ROOT / ".cache/go/build")))
    try:
        run_quiet(["go", "build", "-o", str(binary), "."], ROOT / "examples/go", env)
    except BuildFailed as e:
        raise BuildFailed(f"{e}\nbuild its prerequisites with: {go_hint()}") from None
    return [str(binary)]


LANGUAGES = [
    Language("typescript", "TypeScript", False, check_typescript, prepare_typescript, "node, benchmarks/mesh-app.ts compiled by tsc (untimed), the library from lib/"),
    Language("python", "Python", False, check_python, prepare_python, "examples/python/mesh_app.py in {venv}"),
    Language("java", "Java", False, check_java, prepare_java, "java -cp (examples/java compiled by Maven, untimed; no Maven in the run)"),
    Language("go", "Go", True, check_go, prepare_go, "examples/go built by go build (untimed)"),
    Language("ts-node", "TS (ts-node)", False, check_typescript, prepare_ts_node, "ts-node --transpile-only benchmarks/mesh-app.ts (transpiles at start)"),
]
DEFAULT_LANGUAGES = ["typescript", "python", "java", "go"]


# --- Measuring -----------------------------------------------------------------------------------------

def make_subreaper() -> bool:
    """Descendants orphaned during a run are re-parented to this process, so their CPU time is counted."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


HAS_CHILDREN_FILES = Path(f"/proc/self/task/{os.getpid()}/children").exists()


def children(pid: int) -> List[int]:
    found: List[int] = []
    if HAS_CHILDREN_FILES:
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                try:
                    with open(f"/proc/{pid}/task/{task}/children") as f:
                        found.extend(int(c) for c in f.read().split())
                except OSError:
                    pass
        except OSError:
            pass
        return found
    for entry in os.listdir("/proc"):  # no children files: scan every process for its parent
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    stat = f.read()
                if int(stat[stat.rindex(")") + 2:].split()[1]) == pid:
                    found.append(int(entry))
            except (OSError, ValueError):
                pass
    return found


def descendants(pid: int) -> List[int]:
    out, todo = [], children(pid)
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children(p))
    return out


def vm_rss(pid: int) -> int:
    """VmRSS of a process in bytes; 0 when it is gone or a zombie."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


class TreeSampler(threading.Thread):
    """Samples the summed VmRSS of every descendant of this process (the run and, e.g., jsii's node child)."""

    def __init__(self, interval: float):
        super().__init__(daemon=True)
        self.interval, self.peak, self.samples, self.processes = interval, 0, 0, 1
        self._stop_event = threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self._stop_event.is_set():
            tree = descendants(me)
            self.peak = max(self.peak, sum(vm_rss(p) for p in tree))
            self.processes = max(self.processes, len(tree))
            self.samples += 1
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def reap(deadline_s: float = 30.0) -> None:
    """Waits for descendants re-parented to this process; kills them after the deadline."""
    end = time.monotonic() + deadline_s
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid:
            continue
        if time.monotonic() > end:
            for p in descendants(os.getpid()):
                try:
                    os.kill(p, 9)
                except OSError:
                    pass
            end = time.monotonic() + 5
        time.sleep(0.01)


@dataclass
class Run:
    wall_s: float
    peak_mib: float
    cpu_s: float
    samples: int
    processes: int


def measure(argv: List[str], outdir: Path, log: Path, interval: float) -> Run:
    reap(0)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    sampler = TreeSampler(interval)
    with open(log, "w") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv + [str(outdir)], cwd=ROOT, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
        sampler.start()
        code = proc.wait()
        wall = time.perf_counter() - start
    sampler.stop()
    reap()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if code != 0:
        tail = "\n".join(log.read_text(errors="replace").strip().splitlines()[-30:])
        raise RuntimeError(f"`{' '.join(argv)} {outdir}` exited with {code}:\n{tail}")
    templates = list(outdir.glob("*.template.json"))
    if len(templates) != EXPECTED_TEMPLATES:
        raise RuntimeError(f"`{' '.join(argv)} {outdir}` wrote {len(templates)} templates, not {EXPECTED_TEMPLATES}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, sampler.peak / MIB, cpu, sampler.samples, sampler.processes)


def compare_templates(expected: Path, actual: Path) -> Optional[str]:
    done = subprocess.run([sys.executable, str(ROOT / "scripts/compare-templates.py"), str(expected), str(actual)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return None if done.returncode == 0 else "\n".join(done.stdout.splitlines()[-40:])


# --- Main ----------------------------------------------------------------------------------------------

def parse(argv: List[str]) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="timed runs per language after the warm-up (default 3)")
    parser.add_argument("--json", type=Path, help="write the results to this file")
    parser.add_argument("--languages", default=",".join(DEFAULT_LANGUAGES),
                        help=f"comma-separated, from {', '.join(l.key for l in LANGUAGES)} (default {','.join(DEFAULT_LANGUAGES)}; go only when it builds)")
    parser.add_argument("--interval", type=float, default=25, help="memory sampling interval in ms (default 25)")
    parser.add_argument("--venv", type=Path, default=ROOT / ".ci/.work/py", help="the venv with the built wheel (default .ci/.work/py, as .ci/run makes it)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (compiled entry, outdirs, logs)")
    args = parser.parse_args(argv)
    keys = [k.strip() for k in args.languages.split(",") if k.strip()]
    unknown = [k for k in keys if k not in {l.key for l in LANGUAGES}]
    if unknown or "typescript" not in keys:
        parser.error(f"--languages: unknown {unknown}" if unknown else "--languages must include typescript (the baseline)")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return Options(args.runs, args.interval / 1000, args.venv.resolve(), args.json, args.keep, keys)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: List[str]) -> int:
    options = parse(argv)
    began = time.perf_counter()
    if not Path("/proc/self/status").exists():
        print("this benchmark reads /proc: it runs on Linux only", file=sys.stderr)
        return 2
    # An optional language named in --languages is required: its absence is an error, not a skip.
    explicit = set(options.languages) if any(a.startswith("--languages") for a in argv) else set()
    chosen = [l for l in LANGUAGES if l.key in options.languages]

    # Prerequisites: every missing one is reported, with its command, before anything runs.
    missing, warnings, skipped = [], [], []
    for language in chosen:
        try:
            warnings += [f"{language.name}: {w}" for w in language.check(options)]
        except Missing as m:
            if language.optional and language.key not in explicit:
                skipped.append((language, m.what + (f" (to build it: {m.command})" if m.command else "")))
            else:
                missing.append((language, m))
    if missing:
        print("Missing prerequisites (run from the repository root):", file=sys.stderr)
        for language, m in missing:
            print(f"  {language.name}: {m.what}\n      {m.command}", file=sys.stderr)
        return 2
    chosen = [l for l in chosen if l not in [s[0] for s in skipped]]

    subreaper = make_subreaper()
    work = Path(tempfile.mkdtemp(prefix="bench-languages-"))
    try:
        # Untimed builds, once.
        commands: Dict[str, List[str]] = {}
        prepare_s: Dict[str, float] = {}
        for language in chosen:
            start = time.perf_counter()
            try:
                commands[language.key] = language.prepare(options, work)
            except BuildFailed as e:
                if language.optional and language.key not in explicit:
                    skipped.append((language, str(e).splitlines()[0] + " … " + str(e).splitlines()[-1]))
                    continue
                print(f"{language.name}: the untimed build failed: {e}", file=sys.stderr)
                return 2
            prepare_s[language.key] = time.perf_counter() - start
            progress(f"prepared {language.name} in {prepare_s[language.key]:.1f} s")
        chosen = [l for l in chosen if l.key in commands]

        # One warm-up run each; the templates must be TypeScript's.
        for language in chosen:
            outdir = work / f"warmup-{language.key}"
            run = measure(commands[language.key], outdir, work / f"warmup-{language.key}.log", options.interval)
            progress(f"warm-up  {language.name:<13} {run.wall_s:6.1f} s {run.peak_mib:7.0f} MiB")
            if language.key != "typescript":
                diff = compare_templates(work / "warmup-typescript", outdir)
                if diff:
                    print(f"{language.name} synthesized other templates than TypeScript (a stale build?):\n{diff}", file=sys.stderr)
                    return 1
        for language in chosen:
            shutil.rmtree(work / f"warmup-{language.key}", ignore_errors=True)

        # The timed runs, interleaved so that a change in the machine's load spreads over every language.
        runs: Dict[str, List[Run]] = {l.key: [] for l in chosen}
        load_before = os.getloadavg()
        for r in range(options.runs):
            for language in chosen:
                outdir = work / f"run{r}-{language.key}"
                run = measure(commands[language.key], outdir, work / f"run{r}-{language.key}.log", options.interval)
                shutil.rmtree(outdir, ignore_errors=True)
                runs[language.key].append(run)
                progress(f"run {r + 1}/{options.runs}  {language.name:<13} {run.wall_s:6.1f} s {run.peak_mib:7.0f} MiB  ({run.samples} samples, {run.processes} processes)")
        load_after = os.getloadavg()
    except RuntimeError as e:
        print(f"a run failed: {e}", file=sys.stderr)
        return 1
    finally:
        if options.keep:
            progress(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    medians = {key: {
        "wall_s": statistics.median(r.wall_s for r in rs),
        "peak_mib": statistics.median(r.peak_mib for r in rs),
        "cpu_s": statistics.median(r.cpu_s for r in rs),
    } for key, rs in runs.items()}
    base = medians["typescript"]
    results = {}
    for language in chosen:
        m = medians[language.key]
        results[language.key] = {
            "name": language.name,
            "how": language.how.format(venv=rel(options.venv)),
            "prepare_s": round(prepare_s[language.key], 2),
            **{k: round(v, 3) for k, v in m.items()},
            "wall_ratio": round(m["wall_s"] / base["wall_s"], 3),
            "memory_ratio": round(m["peak_mib"] / base["peak_mib"], 3),
            "cpu_ratio": round(m["cpu_s"] / base["cpu_s"], 3),
            "runs": [r.__dict__ for r in runs[language.key]],
        }

    print(f"Synthesizing the example mesh ({EXPECTED_TEMPLATES} templates, DataMeshChecks and AwsSolutionsChecks registered):")
    print(f"one warm-up, then {options.runs} run(s) per language, interleaved; medians. {os.cpu_count()} CPUs, load average {load_before[0]:.1f} before, {load_after[0]:.1f} after.")
    print(f"Peak memory: VmRSS summed over the process tree (jsii's node processes included), sampled every {options.interval * 1000:.0f} ms.")
    print()
    print(f"{'language':<14}{'wall s':>8}{'× TS':>7}{'peak MiB':>10}{'× TS':>7}{'CPU s':>8}{'× TS':>7}  timed")
    for key, r in results.items():
        print(f"{r['name']:<14}{r['wall_s']:>8.2f}{r['wall_ratio']:>7.2f}{r['peak_mib']:>10.0f}{r['memory_ratio']:>7.2f}{r['cpu_s']:>8.1f}{r['cpu_ratio']:>7.2f}  {r['how']}")
    for language, reason in skipped:
        print(f"{language.name:<14}skipped: {reason}")
    print()
    target = None
    if TARGET_LANGUAGE in results:
        ratio = results[TARGET_LANGUAGE]["wall_ratio"]
        target = {"language": TARGET_LANGUAGE, "max_wall_ratio": TARGET_RATIO, "wall_ratio": ratio, "met": ratio <= TARGET_RATIO}
        print(f"Python wall ≤ {TARGET_RATIO:g}× TypeScript: {'met' if target['met'] else 'not met'} ({ratio:.2f}×)")
    for w in warnings:
        print(f"warning: {w}")
    if not subreaper:
        print("warning: could not become a child subreaper: CPU s may miss processes orphaned during a run")
    took = time.perf_counter() - began
    print(f"(this benchmark took {took:.0f} s)")

    if options.json_file:
        options.json_file.write_text(json.dumps({
            "runs": options.runs, "interval_ms": options.interval * 1000, "cpus": os.cpu_count(),
            "load_average": {"before": load_before, "after": load_after}, "took_s": round(took, 1),
            "memory": "VmRSS summed over the process tree, sampled", "languages": results,
            "skipped": {l.key: reason for l, reason in skipped}, "warnings": warnings, "target": target,
        }, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
