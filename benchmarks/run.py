"""Measure ehcp-lint against its floors and targets (``make bench``).

What is measured, on the corpus that ``benchmarks/corpus.py`` builds
(``benchmarks/corpus/``, git-ignored, built on first use):

* cold command line: ``ehcp-lint --version``, ``--help``, ``rules`` and one
  ~25-page plan as Word and as PDF, each a fresh process (median wall time of 5),
  plus whether spaCy or pdfplumber were imported (``-X importtime``);
* warm: ``load_plan`` + ``Linter.lint_plan`` in one process with the linter built
  once (median CPU time of several runs, interleaved with the floor's runs so a
  busy shared machine does not tilt the ratio), against the floor — for Word,
  python-docx opening the file and walking its paragraphs and table cells
  (``docx_read_ratio.python_docx_floor``) plus ``spacy.blank("en")`` tokenising
  that text; for PDF, pdfplumber extracting every page's text and tables
  (``pdf_read_ratio.pdfplumber_floor``);
* growth: warm time at 1x, 4x and 16x the text;
* batch: ``ehcp-lint --jobs N --format jsonl`` over 1,000 Word plans (``--quick``:
  200 plans, scaled to 1,000 and said so) for N = 1, 2 and every core count up to
  the machine's, with each process's peak resident memory (VmHWM, sampled from
  /proc) and RUSAGE_CHILDREN as a cross-check; the same for the PDF batch, whose
  1,000-plan time is extrapolated from its measured throughput.

Prints a table with PASS/FAIL against each target (``--json`` for JSON).

    .venv/bin/python benchmarks/run.py [--quick] [--json] [--only warm,growth]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import CORPUS, Corpus, build_corpus  # noqa: E402

SECTIONS = ("cold", "warm", "growth", "batch", "pdf")
COLD_RUNS = 5


# --------------------------------------------------------------------------- results


@dataclass
class Row:
    """One line of the results table."""

    name: str
    value: float
    unit: str
    floor: float | None = None
    target: str = ""
    passed: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.floor else None


@dataclass
class Results:
    machine: dict[str, Any]
    rows: list[Row] = field(default_factory=list)

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        say(f"  {row.name}: {_show(row.value, row.unit)}" + (f" ({row.note})" if row.note else ""))
        return row


def _load() -> str:
    """The one-minute load average: on a shared machine, wall times mean little without it."""
    return f"{os.getloadavg()[0]:.1f}"


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _show(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.2f} s" if value >= 1 else f"{value * 1000:.0f} ms"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "plans/s":
        return f"{value:.1f} plans/s"
    return f"{value:g} {unit}"


# --------------------------------------------------------------------------- machine


def machine() -> dict[str, Any]:
    """What the numbers were taken on (they mean little without it)."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "date": dt.datetime.now().isoformat(timespec="minutes"),
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


# --------------------------------------------------------------------------- timing helpers


def cpu_medians(functions: Sequence[Callable[[], object]], runs: int) -> list[float]:
    """Median CPU seconds of each function: one warm-up each, then runs interleaved."""
    for function in functions:
        function()
    timings: list[list[float]] = [[] for _ in functions]
    for _ in range(runs):
        for function, times in zip(functions, timings, strict=True):
            start = time.process_time()
            function()
            times.append(time.process_time() - start)
    return [statistics.median(t) for t in timings]


def command(*args: str) -> list[str]:
    """``ehcp-lint ARGS`` as the installed console script runs it."""
    script = Path(sys.executable).with_name("ehcp-lint")
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-m", "ehcp_lint", *args]


def installed_env() -> dict[str, str]:
    """The environment of an installed ehcp-lint: bytecode written and read.

    pip compiles a wheel's modules to bytecode when it installs them, and Python
    writes bytecode on first import; a development shell that sets
    ``PYTHONDONTWRITEBYTECODE`` would instead recompile every ehcp-lint module on
    every cold start (about 40 ms here), which no user's installation does. The
    package is compiled once before cold runs (:func:`compile_package`).
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_package() -> None:
    """Write ehcp-lint's bytecode, as ``pip install`` does for a wheel."""
    import compileall

    import ehcp_lint

    compileall.compile_dir(str(Path(ehcp_lint.__file__).parent), quiet=1)


def wall_median(argv: Sequence[str], runs: int = COLD_RUNS) -> float:
    """Median wall time of a fresh process (exit codes 0 and 1 are both normal)."""
    times: list[float] = []
    env = installed_env()
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, env=env
        )
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()[-300:]}")
    return statistics.median(times)


def heavy_imports(*args: str) -> list[str]:
    """Which of spaCy and pdfplumber ``ehcp-lint ARGS`` imports (``-X importtime``)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ehcp_lint", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
        text=True,
    )
    found = set()
    for line in done.stderr.splitlines():
        name = line.rsplit("|", 1)[-1].strip()
        top = name.split(".")[0]
        if top in ("spacy", "pdfplumber"):
            found.add(top)
    return sorted(found)


# --------------------------------------------------------------------------- process tree memory


def _children_map() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _hwm_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of process ``pid`` so far (from /proc/<pid>/stat)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / _TICKS


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


@dataclass
class Watched:
    wall: float
    returncode: int
    #: The command's own peak: sampled, and exact from the wrapper's RUSAGE_CHILDREN.
    parent_mb: float
    #: Each worker's peak (VmHWM, sampled every 0.1 s).
    worker_mb: list[float]
    children_maxrss_mb: float
    stderr: str
    #: CPU seconds (user + system) of the command and every process it started (sampled
    #: from /proc every 0.1 s, so a process's last tenth of a second may be missed).
    cpu: float = 0.0


def run_watched(argv: Sequence[str]) -> Watched:
    """Run a command, sampling every process's peak RSS (VmHWM) until it ends.

    Workers are the descendants that have no children of their own (a
    forkserver parents the workers; the resource tracker is left out). With
    one job the command itself is the worker.
    """
    # A small wrapper process runs the command and reports its RUSAGE_CHILDREN when it
    # ends: the command's exact peak, even one reached between two samples (workers,
    # children of a forkserver that never waits for them, are not in it; this
    # process's own RUSAGE_CHILDREN would also remember every earlier measurement).
    wrapper = (
        "import resource, subprocess, sys; "
        "code = subprocess.run(sys.argv[1:]).returncode; "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)"
    )
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", wrapper, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    peaks: dict[int, float] = {}
    cpu: dict[int, float] = {}
    roles: dict[int, str] = {}
    err_chunks: list[bytes] = []
    while proc.poll() is None:
        tree = _children_map()
        stack = [proc.pid]
        while stack:
            pid = stack.pop()
            kids = tree.get(pid, [])
            stack.extend(kids)
            hwm = _hwm_mb(pid)
            seconds = _cpu_seconds(pid)
            if hwm is None or seconds is None:
                continue
            peaks[pid] = max(peaks.get(pid, 0.0), hwm)
            cpu[pid] = max(cpu.get(pid, 0.0), seconds)
            if pid == proc.pid:
                roles[pid] = "wrapper"
            elif roles.get(pid) == "command" or pid in tree.get(proc.pid, []):
                roles[pid] = "command"  # the ehcp-lint process itself (the wrapper's child)
            elif "resource_tracker" in _cmdline(pid):
                roles[pid] = "tracker"
            elif kids:
                roles[pid] = "server"
            else:
                roles.setdefault(pid, "worker")
        time.sleep(0.1)
    wall = time.perf_counter() - start
    if proc.stderr is not None:
        err_chunks.append(proc.stderr.read())
    out = proc.stdout.read().decode().split() if proc.stdout is not None else []
    largest = int(out[-1]) / 1024 if out and out[-1].isdigit() else 0.0
    workers = [mb for pid, mb in peaks.items() if roles.get(pid) == "worker"]
    if not workers:  # one file, or no worker seen: the command did the work itself
        workers = [mb for pid, mb in peaks.items() if roles.get(pid) == "command"]
    command_pids = [pid for pid, role in roles.items() if role == "command"]
    parent = max(peaks.get(command_pids[0], 0.0) if command_pids else 0.0, largest)
    return Watched(
        wall=wall,
        returncode=proc.returncode,
        parent_mb=parent,
        worker_mb=workers or [parent],
        children_maxrss_mb=largest,
        stderr=b"".join(err_chunks).decode(errors="replace"),
        cpu=sum(cpu.values()),
    )


# --------------------------------------------------------------------------- floors


def word_texts(data: bytes) -> list[str]:
    """Paragraph and table-cell texts as python-docx gives them (merged cells once)."""
    import docx

    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            seen: set[object] = set()
            for cell in row.cells:
                if cell._tc not in seen:
                    seen.add(cell._tc)
                    texts.extend(p.text for p in cell.paragraphs)
    return [t for t in texts if t]


def collector_paused(function: Callable[[], object]) -> Callable[[], object]:
    """``function`` run with automatic garbage collection paused, as ehcp-lint runs a plan.

    ehcp-lint pauses the collector for each read and lint call (see
    ``engine/gc_policy.py``); a floor measured with the collector running would
    charge the library being compared with collections ehcp-lint does not pay,
    and flatter the ratio (pdfplumber's floor was 2.37 s running, 1.45 s paused).
    """

    from ehcp_lint.engine.gc_policy import collector_paused as paused

    def run() -> object:
        with paused():
            return function()

    return run


def word_floor_functions(data: bytes) -> tuple[Callable[[], object], Callable[[], object]]:
    """The two halves of the Word floor: python-docx walk, spaCy blank tokenisation."""
    import spacy
    from benchmarks.docx_read_ratio import python_docx_floor

    nlp = spacy.blank("en")
    texts = word_texts(data)

    def walk() -> object:
        return python_docx_floor(data)

    def tokenise() -> object:
        return sum(len(doc) for doc in nlp.pipe(texts))

    return collector_paused(walk), collector_paused(tokenise)


# --------------------------------------------------------------------------- sections


def measure_cold(results: Results, corpus: Corpus) -> None:
    say("cold command line (fresh process each run, bytecode compiled as an install does)")
    compile_package()
    for args, label in ((("--version",), "--version"), (("--help",), "--help"), (("rules",), "rules")):
        seconds = wall_median(command(*args))
        heavy = heavy_imports(*args)
        results.add(
            Row(
                f"cold `ehcp-lint {label}`",
                seconds,
                "s",
                target="< 0.3 s, no spaCy/pdfplumber import",
                passed=seconds < 0.3 and not heavy,
                note=f"imports {', '.join(heavy)}" if heavy else "imports neither spaCy nor pdfplumber",
            )
        )
    pages = corpus.manifest["sizes"]["1"].get("pages")
    word = wall_median(command("--exit-zero", str(corpus.size_docx(1))))
    results.add(
        Row(
            "cold `ehcp-lint plan.docx` (1x)",
            word,
            "s",
            target="< 1.5 s",
            passed=word < 1.5,
            note=f"{pages} pages" if pages else "",
        )
    )
    if corpus.size_pdf(1).exists():
        pdf = wall_median(command("--exit-zero", str(corpus.size_pdf(1))))
        results.add(Row("cold `ehcp-lint plan.pdf` (1x)", pdf, "s", note="no target; reported"))


def clear_text_caches() -> None:
    """Forget what ehcp-lint remembers about texts it has seen (its bounded caches).

    Rules and section detection remember answers for repeated texts (a row's
    cells, boilerplate shared by many plans). Re-linting the same plan would hit
    them every time, which is what a caseworker editing one plan gets, but not
    what a plan seen for the first time costs; warm runs clear them first.
    Compiled patterns and term lists (unbounded caches) are kept: they are
    start-up work, done once per process.
    """
    for name, module in list(sys.modules.items()):
        if name != "ehcp_lint" and not name.startswith("ehcp_lint."):
            continue
        for value in list(vars(module).values()):
            parameters = getattr(value, "cache_parameters", None)
            if callable(parameters) and parameters().get("maxsize") is not None:
                value.cache_clear()


def _warm_word(
    size: int, corpus: Corpus, runs: int, *, fresh: bool = True
) -> tuple[float, float, float]:
    """(ours, python-docx walk, tokenise) median CPU seconds for the size-``size`` plan.

    ``fresh`` clears the text caches before each of our runs (see :func:`clear_text_caches`).
    """
    from ehcp_lint.engine.runner import Linter
    from ehcp_lint.reading import load_plan

    path = corpus.size_docx(size)
    data = path.read_bytes()
    linter = Linter()
    walk, tokenise = word_floor_functions(data)

    def ours() -> object:
        if fresh:
            clear_text_caches()
        return linter.lint_plan(load_plan(path))

    ours_s, walk_s, tok_s = cpu_medians((ours, walk, tokenise), runs)
    return ours_s, walk_s, tok_s


def measure_warm(results: Results, corpus: Corpus, runs: int) -> None:
    say("warm, in one process (median CPU time)")
    ours, walk, tok = _warm_word(1, corpus, runs)
    floor = walk + tok
    pages = corpus.manifest["sizes"]["1"].get("pages")
    results.add(
        Row(
            "warm Word plan: load_plan + lint (1x)",
            ours,
            "s",
            floor=floor,
            target="<= 1.5x floor",
            passed=ours <= 1.5 * floor,
            note=(
                f"{pages} pages; text caches cleared before each run; floor = python-docx walk "
                f"{walk * 1000:.0f} ms + spaCy blank tokenise {tok * 1000:.0f} ms"
            ),
        )
    )
    again, walk, tok = _warm_word(1, corpus, runs, fresh=False)
    results.add(
        Row(
            "warm Word plan, linted again unchanged (1x)",
            again,
            "s",
            floor=walk + tok,
            note="a caseworker re-running one plan: remembered answers for its unchanged text",
        )
    )


def measure_growth(results: Results, corpus: Corpus, runs: int) -> None:
    say("growth with plan size (median CPU time)")
    timings: dict[int, tuple[float, float]] = {}
    for size in (1, 4, 16):
        ours, walk, tok = _warm_word(size, corpus, max(3, runs // (2 if size == 4 else 4 if size == 16 else 1)))
        timings[size] = (ours, walk + tok)
        words = corpus.manifest["sizes"][str(size)].get("words")
        results.add(
            Row(
                f"warm Word plan {size}x ({words} words)",
                ours,
                "s",
                floor=walk + tok,
                note="floor = python-docx walk + spaCy blank tokenise",
            )
        )
    for size in (4, 16):
        growth = timings[size][0] / timings[1][0]
        floor_growth = timings[size][1] / timings[1][1]
        limit = size * 18 / 16
        results.add(
            Row(
                f"growth {size}x text / 1x",
                growth,
                "x",
                target=f"<= {limit:g}x",
                passed=growth <= limit,
                note=f"the floor grows {floor_growth:.1f}x",
            )
        )


def _batch_command(folder: Path, jobs: int, out: Path) -> list[str]:
    return command(
        "--jobs", str(jobs), "--format", "jsonl", "--output", str(out), "--force",
        "--exit-zero", "--quiet", str(folder),
    )


def _batch_folder(files: Sequence[Path], tmp: Path, name: str) -> Path:
    """A folder of symlinks to ``files`` (so a quick run can use the first N plans)."""
    folder = tmp / name
    folder.mkdir()
    for f in files:
        (folder / f.name).symlink_to(f.resolve())
    return folder


def job_counts() -> list[int]:
    cores = os.cpu_count() or 1
    counts = [1, 2]
    n = 4
    while n <= cores:
        counts.append(n)
        n *= 2
    if cores > 2 and cores not in counts:
        counts.append(cores)
    return counts


def measure_batch(results: Results, corpus: Corpus, plans: int) -> None:
    say(f"Word batch of {plans} plans through the command line")
    files = corpus.batch_docx(plans)
    scale = 1000 / len(files)
    throughput: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="ehcp-bench-") as name:
        tmp = Path(name)
        folder = _batch_folder(files, tmp, "docx")
        for jobs in job_counts():
            watched = run_watched(_batch_command(folder, jobs, tmp / f"out-{jobs}.jsonl"))
            if watched.returncode != 0:
                raise SystemExit(f"batch run failed ({watched.returncode}): {watched.stderr[-500:]}")
            throughput[jobs] = len(files) / watched.wall
            estimate = watched.wall * scale
            scaled = "" if scale == 1 else f"; measured {watched.wall:.1f} s for {len(files)} plans, scaled"
            row = Row(
                f"Word batch, 1,000 plans, --jobs {jobs}",
                estimate,
                "s",
                target="< 60 s" if jobs == 2 else "",
                passed=(estimate < 60) if jobs == 2 else None,
                note=(
                    f"{throughput[jobs]:.1f} plans/s, {1000 * watched.cpu / len(files):.0f} ms CPU "
                    f"per plan (all processes){scaled}; load {_load()}"
                ),
            )
            results.add(row)
            worker = max(watched.worker_mb)
            results.add(
                Row(
                    f"peak memory per worker, --jobs {jobs}",
                    worker,
                    "MB",
                    target="< 400 MB",
                    passed=worker < 400,
                    note=(
                        f"the parent (the ehcp-lint command itself) peaked at {watched.parent_mb:.0f} MB"
                    ),
                )
            )
    if 1 in throughput and 2 in throughput:
        scaling = throughput[2] / throughput[1]
        results.add(
            Row("scaling --jobs 2 / --jobs 1", scaling, "x", target=">= 1.7x", passed=scaling >= 1.7)
        )
    for jobs, rate in sorted(throughput.items()):
        if jobs > 1:
            results.add(
                Row(
                    f"authority of 20,000 Word plans, --jobs {jobs}",
                    20000 / rate,
                    "s",
                    note="extrapolated from the measured throughput",
                )
            )


def measure_pdf(results: Results, corpus: Corpus, runs: int) -> None:
    if not corpus.size_pdf(1).exists():
        say("PDF: no PDFs in the corpus (LibreOffice missing or --no-pdf); skipped")
        return
    say("PDF (median CPU time; batch wall time)")
    from benchmarks.pdf_read_ratio import pdfplumber_floor

    from ehcp_lint.engine.runner import Linter
    from ehcp_lint.reading import load_plan

    path = corpus.size_pdf(1)
    data = path.read_bytes()
    linter = Linter()

    def ours() -> object:
        clear_text_caches()
        return linter.lint_plan(load_plan(path))

    ours_s, floor_s = cpu_medians(
        (ours, collector_paused(lambda: pdfplumber_floor(data))), max(3, runs // 2)
    )
    results.add(
        Row(
            "warm PDF plan: load_plan + lint (1x)",
            ours_s,
            "s",
            floor=floor_s,
            target="<= 1.3x floor",
            passed=ours_s <= 1.3 * floor_s,
            note="floor = pdfplumber extract_text + extract_tables, every page",
        )
    )
    files = corpus.batch_pdf()
    if not files:
        return
    with tempfile.TemporaryDirectory(prefix="ehcp-bench-") as name:
        tmp = Path(name)
        folder = _batch_folder(files, tmp, "pdf")
        for jobs in (1, 2):
            watched = run_watched(_batch_command(folder, jobs, tmp / f"pdf-{jobs}.jsonl"))
            if watched.returncode != 0:
                raise SystemExit(f"PDF batch failed ({watched.returncode}): {watched.stderr[-500:]}")
            rate = len(files) / watched.wall
            results.add(
                Row(
                    f"PDF batch, 1,000 plans, --jobs {jobs}",
                    1000 / rate,
                    "s",
                    note=(
                        f"extrapolated from {len(files)} PDFs in {watched.wall:.1f} s "
                        f"({rate:.2f} plans/s); worker peak {max(watched.worker_mb):.0f} MB"
                    ),
                )
            )


# --------------------------------------------------------------------------- output


def table(results: Results) -> str:
    m = results.machine
    lines = [
        f"ehcp-lint performance, {m['date']}: {m['cores']} cores ({m['cpu']}), "
        f"{m['memory_gb']} GB, Python {m['python']}, load {m['load_average_at_start']}",
        "",
    ]
    header = ("measure", "value", "floor", "ratio", "target", "result")
    body = []
    for r in results.rows:
        ratio = r.ratio
        body.append(
            (
                r.name,
                _show(r.value, r.unit),
                _show(r.floor, r.unit) if r.floor else "",
                f"{ratio:.2f}" if ratio is not None else "",
                r.target,
                "" if r.passed is None else ("PASS" if r.passed else "FAIL"),
            )
        )
    widths = [max(len(str(x[i])) for x in [header, *body]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *body]:
        lines.append("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    notes = [f"  {r.name}: {r.note}" for r in results.rows if r.note]
    if notes:
        lines += ["", "notes:", *notes]
    return "\n".join(lines) + "\n"


def as_json(results: Results) -> str:
    rows = []
    for r in results.rows:
        data = asdict(r)
        data["ratio"] = r.ratio
        rows.append(data)
    return json.dumps({"machine": results.machine, "rows": rows}, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200-plan batch (scaled to 1,000), fewer runs")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated: {','.join(SECTIONS)}")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="corpus folder")
    parser.add_argument("--no-pdf", action="store_true", help="build and measure no PDFs")
    args = parser.parse_args(argv)
    wanted = {s.strip() for s in args.only.split(",") if s.strip()}
    unknown = wanted - set(SECTIONS)
    if unknown:
        parser.error(f"--only: unknown section(s) {', '.join(sorted(unknown))}; use {', '.join(SECTIONS)}")
    plans = 200 if args.quick else 1000
    runs = 5 if args.quick else 9
    pdf = not args.no_pdf and shutil.which("soffice") is not None
    corpus = build_corpus(args.corpus, copies=max(plans, 200), pdf=pdf)
    results = Results(machine=machine())
    if "cold" in wanted:
        measure_cold(results, corpus)
    if "warm" in wanted:
        measure_warm(results, corpus, runs)
    if "growth" in wanted:
        measure_growth(results, corpus, runs)
    if "pdf" in wanted and pdf:
        measure_pdf(results, corpus, runs)
    if "batch" in wanted:
        measure_batch(results, corpus, plans)
    results.machine["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    sys.stdout.write(as_json(results) if args.json else table(results))
    return 0 if all(r.passed is not False for r in results.rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
