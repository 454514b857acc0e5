"""The ``ehcp-lint`` command line.

``ehcp-lint PATH...`` checks plans (files, or folders searched for .docx, .pdf,
.md and .txt) and is short for ``ehcp-lint check PATH...``. Other commands:
``rules``, ``explain CODE``, ``parse PLAN``, ``config`` and ``schema``.

Exit codes, so scripts and CI can act on a run:

* 0 — no finding at or above the ``fail-on`` level (default: warning);
* 1 — at least one such finding;
* 2 — a file could not be read (every other file is still checked), or the
  command was misused (bad option, bad configuration). ``--exit-zero`` turns
  everything but misuse into 0.

This module imports only what ``--help``, ``--version`` and ``rules`` need;
spaCy and pdfplumber load when a plan is actually read or linted.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from ehcp_lint import __version__
from ehcp_lint.errors import EhcpLintError
from ehcp_lint.model import STATUTORY_SECTIONS, Block, Plan

if TYPE_CHECKING:
    from ehcp_lint.config import Config
    from ehcp_lint.config_files import Provenance
    from ehcp_lint.engine.batch import FileResult, Rendering
    from ehcp_lint.engine.registry import Registry
    from ehcp_lint.engine.rule import Rule
    from ehcp_lint.engine.runner import RuleSet
    from ehcp_lint.formatters import FormatOptions
    from ehcp_lint.rating import RatingScheme
    from ehcp_lint.report import FileError, Report

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_TROUBLE = 2

app = typer.Typer(
    name="ehcp-lint",
    help=(
        "Quality-assure Education, Health and Care Plans (EHCPs).\n\n"
        "ehcp-lint PATH... checks plans (.docx, .pdf, .md, .txt, or folders of them); "
        "it is short for ehcp-lint check PATH..."
    ),
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    # A traceback's local variables can hold plan text: never print them.
    pretty_exceptions_show_locals=False,
)


# -- small helpers -----------------------------------------------------------------
def _stderr(message: str) -> None:
    typer.echo(message, err=True)


def _misuse(message: str) -> NoReturn:
    """Report a one-line problem with how the command was used, and exit 2."""
    _stderr(f"error: {message}")
    raise typer.Exit(EXIT_TROUBLE)


def _split(values: Sequence[str] | None) -> list[str] | None:
    """``--select PRV,STR --select TPL`` → ``["PRV", "STR", "TPL"]``; ``None`` when not given."""
    if not values:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _overrides(
    select: list[str] | None,
    extend_select: list[str] | None,
    ignore: list[str] | None,
    fail_on: str | None,
    reference_date: str | None,
) -> dict[str, Any]:
    return {
        "select": _split(select),
        "extend-select": _split(extend_select),
        "ignore": _split(ignore),
        "fail-on": fail_on,
        "reference-date": reference_date,
    }


def _load(config_file: Path | None, overrides: dict[str, Any]) -> tuple[Config, Provenance]:
    from ehcp_lint.config_files import load_config

    try:
        return load_config(config_file, overrides=overrides)
    except EhcpLintError as exc:
        _misuse(str(exc))


def _registry(config: Config) -> Registry:
    """The run's rules; problems (a broken plugin, a bad rule file) are warned about once."""
    from ehcp_lint.engine.registry import load_registry

    registry = load_registry(config.rules_folders)
    for problem in registry.problems:
        _stderr(f"warning: {problem}")
    return registry


def _wants_color(stream: Any) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _is_terminal(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _width(stream: Any) -> int:
    isatty = getattr(stream, "isatty", None)
    if isatty and isatty():
        return max(60, shutil.get_terminal_size((100, 24)).columns)
    return 100


# -- shared options ---------------------------------------------------------------
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="Configuration file to use instead of searching for one."),
]
SelectOpt = Annotated[
    list[str] | None,
    typer.Option("--select", help="Rules to run (codes, families, categories, names; comma-separated)."),
]
ExtendSelectOpt = Annotated[
    list[str] | None,
    typer.Option("--extend-select", help="Rules to add to the configured selection."),
]
IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option("--ignore", help="Rules to switch off (added to the configured ignore list)."),
]
FailOnOpt = Annotated[
    str | None,
    typer.Option("--fail-on", help="Lowest severity that makes the exit code 1: error, warning, info or never."),
]
ReferenceDateOpt = Annotated[
    str | None,
    typer.Option("--reference-date", help="Date that date checks treat as today (YYYY-MM-DD)."),
]


def _format_help() -> str:
    from ehcp_lint.formatters import formatter_names

    return "Output format: " + ", ".join(formatter_names()) + "."


# -- root ------------------------------------------------------------------------
def _version(value: bool) -> None:
    if value:
        typer.echo(f"ehcp-lint {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Quality-assure Education, Health and Care Plans (EHCPs)."""


# -- check -------------------------------------------------------------------------
def _check_output(target: Path, inputs: Sequence[Path], force: bool, option: str) -> None:
    """Refuse an output that would overwrite a plan, or an existing file without ``--force``."""
    from ehcp_lint.fileio import check_output_path

    try:
        check_output_path(target, inputs=inputs, force=force, what=option)
    except EhcpLintError as exc:
        _misuse(str(exc))


def _is_baseline(path: Path) -> bool:
    """True for an existing file that ehcp-lint wrote with ``--write-baseline`` (safe to refresh)."""
    from ehcp_lint.baseline import load_baseline

    try:
        load_baseline(path)
    except EhcpLintError:
        return False
    return True


def _debug_output(results: Sequence[FileResult]) -> None:
    """With ``--debug``: the internal detail (tracebacks) behind unexpected failures."""
    for result in results:
        if result.detail:
            _stderr(f"debug: {result.path}:\n{result.detail.rstrip()}")


def _run(
    files: Sequence[Path],
    config: Config,
    jobs: int | None,
    progress: bool,
) -> list[FileResult]:
    return list(_iter_run(files, config, jobs, progress))


def _iter_run(
    files: Sequence[Path],
    config: Config,
    jobs: int | None,
    progress: bool,
    rendering: Rendering | None = None,
) -> Iterator[FileResult]:
    """Results as they arrive (in input order), with a progress bar on a terminal."""
    from ehcp_lint.engine.batch import iter_results

    if not progress or len(files) <= 1:
        yield from iter_results(files, config, jobs, rendering=rendering)
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("Checking plans"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("check", total=len(files))
        for result in iter_results(files, config, jobs, rendering=rendering):
            yield result
            bar.advance(task)


def _check_streaming(
    missing: Sequence[FileError],
    files: Sequence[Path],
    config: Config,
    ruleset: RuleSet,
    format: str,
    options: FormatOptions,
    output: Path | None,
    *,
    jobs: int | None,
    quiet: bool,
    exit_zero: bool,
    redact: bool,
) -> int:
    """``check`` for jsonl and csv: each plan written as it finishes (see ehcp_lint.streaming).

    Returns the exit code. Memory stays flat however many plans there are.
    """
    from ehcp_lint.engine.batch import FileResult, Rendering
    from ehcp_lint.formatters import get_formatter
    from ehcp_lint.formatters import jsonl as builtin_jsonl
    from ehcp_lint.report import Severity
    from ehcp_lint.streaming import StreamTotals, stream_report

    renderer = get_formatter(format)
    # The built-in JSON Lines are written by the workers, each plan's own findings ready to
    # copy out, so the parent neither unpickles nor renders them (a format registered in its
    # place is rendered here as before).
    rendering = Rendering(redact=redact) if renderer is builtin_jsonl.render else None
    # A live progress bar and records on the same terminal would garble each other.
    progress = _is_terminal(sys.stderr) and (output is not None or not _is_terminal(sys.stdout))
    unreadable = [FileResult(path=e.path, error=e) for e in missing]
    totals = StreamTotals()

    def run(write_text: Callable[[str], object], write_bytes: Callable[[bytes], object]) -> None:
        nonlocal totals
        totals = stream_report(
            _chain(unreadable, _iter_run(files, config, jobs, progress, rendering)),
            config,
            ruleset,
            format,
            renderer,
            options,
            write_text,
            redact=redact,
            write_bytes=write_bytes,
        )

    try:
        if output is None:
            run(lambda text: typer.echo(text, nl=False), lambda data: typer.echo(data, nl=False))
        else:
            from ehcp_lint.fileio import OutputError, write_atomically

            try:
                write_atomically(
                    output,
                    lambda handle: run(lambda text: handle.write(text.encode("utf-8")), handle.write),
                )
            except OSError as exc:
                raise OutputError(
                    f"--output: {output} could not be written ({exc.__class__.__name__}); "
                    "check the folder, its permissions and the free space"
                ) from None
    except EhcpLintError as exc:  # workers could not start; the output could not be written
        _misuse(str(exc))
    for err in totals.errors:
        _stderr(f"error: {err.message}")
    if output is not None and not quiet:
        _stderr(f"wrote {output}: {totals.summary_line()}")
    if exit_zero:
        return EXIT_OK
    if totals.errors:
        return EXIT_TROUBLE
    if config.fail_on == "never":
        return EXIT_OK
    return EXIT_FINDINGS if totals.at_or_above(Severity(config.fail_on).value) else EXIT_OK


def _chain(first: Sequence[FileResult], then: Iterator[FileResult]) -> Iterator[FileResult]:
    yield from first
    yield from then


def _format_options(
    format: str,
    output: Path | None,
    config: Config,
    ruleset: RuleSet,
    *,
    quiet: bool,
    statistics: bool,
    csv_bom: bool,
    summary: bool,
    redact: bool,
) -> FormatOptions:
    from ehcp_lint.formatters import FormatOptions

    stream = sys.stdout
    to_terminal = output is None and format == "text"
    return FormatOptions(
        color=to_terminal and _wants_color(stream),
        width=_width(stream) if to_terminal else 100,
        quiet=quiet,
        statistics=statistics,
        excel_bom=csv_bom,
        fail_on=config.fail_on,
        rules={r.code: r for r in ruleset.rules},
        summary=summary,
        config=config,
        redact=redact,
    )


def _exit_code(report: Report, fail_on: str, exit_zero: bool) -> int:
    from ehcp_lint.report import Severity

    if exit_zero:
        return EXIT_OK
    if report.errors:
        return EXIT_TROUBLE
    if fail_on == "never":
        return EXIT_OK
    floor = Severity(fail_on).rank
    return EXIT_FINDINGS if any(f.severity.rank >= floor for f in report.findings) else EXIT_OK


def _rating_scheme(config: Config) -> RatingScheme:
    """The configured rating scheme; a bad ``rating`` table is a one-line misuse error."""
    from ehcp_lint.rating import RatingScheme

    try:
        return RatingScheme.from_config(config)
    except EhcpLintError as exc:
        _misuse(str(exc))


def _annotate(
    report: Report,
    folder: Path,
    force: bool,
    config: Config,
    inputs: Sequence[Path],
    quiet: bool,
) -> int:
    """Write a marked-up copy of every Word and PDF plan; return how many could not be written.

    A copy that cannot be written is a one-line error and the run goes on.
    """
    from ehcp_lint.annotate import annotate_plan
    from ehcp_lint.reading import ReadOptions

    options = ReadOptions(
        heading_aliases=config.heading_aliases,
        max_file_bytes=config.max_file_mb * 1024 * 1024,
    )
    written = failed = skipped = 0
    for plan in report.plans:
        try:
            copy = annotate_plan(
                plan.path, plan.findings, folder, force, options=options, protect=inputs
            )
        except EhcpLintError as exc:
            _stderr(f"error: {exc}")
            failed += 1
            continue
        if copy is None:
            skipped += 1
        else:
            written += 1
    if skipped:
        _stderr(
            f"note: {skipped} Markdown or text {'plan has' if skipped == 1 else 'plans have'} "
            "no marked-up copy (comments need a Word or PDF file)"
        )
    if not quiet:
        _stderr(f"wrote {written} marked-up {'copy' if written == 1 else 'copies'} to {folder}")
    return failed


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="Plan files and folders of plans.")],
    format: Annotated[str, typer.Option("--format", "-f", help=_format_help())] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file (atomically).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing --output file.")] = False,
    select: SelectOpt = None,
    extend_select: ExtendSelectOpt = None,
    ignore: IgnoreOpt = None,
    fail_on: FailOnOpt = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even with findings or unreadable files.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Worker processes (default: number of cores). A single file is checked in this process."),
    ] = None,
    statistics: Annotated[bool, typer.Option("--statistics", help="Show counts per rule code.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Show only the summary line and errors.")] = False,
    config_file: ConfigOpt = None,
    reference_date: ReferenceDateOpt = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="Hide findings recorded in this baseline file.")
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option("--write-baseline", help="Record the current findings in this file and exit."),
    ] = None,
    csv_bom: Annotated[
        bool,
        typer.Option("--csv-bom", "--bom", help="Start CSV output with a byte-order mark (for Excel)."),
    ] = False,
    summary: Annotated[
        bool,
        typer.Option("--summary", help="With --format csv: one row per plan (ratings, counts per category)."),
    ] = False,
    annotate: Annotated[
        Path | None,
        typer.Option(
            "--annotate",
            help="Write a marked-up copy of each Word and PDF plan to this folder "
            "(<name>.reviewed.docx / .pdf); --force replaces existing copies.",
        ),
    ] = None,
    redact: Annotated[
        bool,
        typer.Option(
            "--redact",
            help="Replace names, dates of birth, NHS numbers, UPNs, addresses, postcodes, "
            "phone numbers and e-mail addresses in quoted plan text with placeholders.",
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help="Show internal detail (tracebacks, library warnings, debug logging) on stderr; "
            "it may quote plan text.",
        ),
    ] = False,
) -> None:
    """Check plans and report what to improve (the default command)."""
    from ehcp_lint.api import assemble_report
    from ehcp_lint.baseline import apply_baseline, load_baseline
    from ehcp_lint.baseline import write_baseline as save_baseline
    from ehcp_lint.engine.batch import FileResult, expand_paths
    from ehcp_lint.engine.runner import build_ruleset
    from ehcp_lint.formatters import get_formatter, write_atomically

    _quiet_or_debug(debug)
    config, _ = _load(config_file, _overrides(select, extend_select, ignore, fail_on, reference_date))
    try:
        renderer = get_formatter(format)
    except EhcpLintError as exc:
        _misuse(str(exc))
    if summary and format != "csv":
        _misuse("--summary: applies to --format csv only")
    scheme = _rating_scheme(config)
    registry = _registry(config)
    ruleset = build_ruleset(config, registry)

    files, missing = expand_paths(paths)
    inputs = [*paths, *files]
    if output is not None:
        _check_output(output, inputs, force, "--output")
    if write_baseline is not None:
        refresh = force or not write_baseline.exists() or _is_baseline(write_baseline)
        _check_output(write_baseline, inputs, refresh, "--write-baseline")
    if annotate is not None and annotate.exists() and not annotate.is_dir():
        _misuse(f"--annotate: {annotate} is a file; give a folder for the marked-up copies")
    accepted = None
    if baseline is not None and write_baseline is None:
        try:
            accepted = load_baseline(baseline)
        except EhcpLintError as exc:
            _misuse(str(exc))

    from ehcp_lint.streaming import can_stream

    if can_stream(
        format,
        summary=summary,
        baseline=accepted is not None or write_baseline is not None,
        annotate=annotate is not None,
        debug=debug,
    ):  # jsonl, csv: each plan written as it finishes, so memory stays flat on any batch
        options = _format_options(
            format, output, config, ruleset,
            quiet=quiet, statistics=statistics, csv_bom=csv_bom, summary=summary, redact=redact,
        )
        raise typer.Exit(
            _check_streaming(
                missing, files, config, ruleset, format, options, output,
                jobs=jobs, quiet=quiet, exit_zero=exit_zero, redact=redact,
            )
        )
    results: list[FileResult] = [FileResult(path=e.path, error=e) for e in missing]
    try:
        results += _run(files, config, jobs, progress=_is_terminal(sys.stderr))
    except EhcpLintError as exc:  # workers could not start (a bad nlp-model, a broken install)
        _misuse(str(exc))
    report = assemble_report(results, config, ruleset)
    for err in report.errors:
        _stderr(f"error: {err.message}")
    if debug:
        _debug_output(results)

    if write_baseline is not None:
        count = save_baseline(report, write_baseline)
        _stderr(f"wrote {count} baseline {'entry' if count == 1 else 'entries'} to {write_baseline}")
        raise typer.Exit(EXIT_TROUBLE if report.errors and not exit_zero else EXIT_OK)
    if accepted is not None and baseline is not None:
        hidden = apply_baseline(report, accepted, baseline.resolve().parent)
        if hidden and not quiet:
            _stderr(f"{hidden} {'finding' if hidden == 1 else 'findings'} hidden by the baseline {baseline}")
    from ehcp_lint.rating import apply_ratings

    apply_ratings(report, scheme)
    annotation_failures = (
        _annotate(report, annotate, force, config, inputs, quiet) if annotate is not None else 0
    )
    if redact:  # after annotating: marked-up copies are the plans themselves
        from ehcp_lint.privacy import redact_report

        report = redact_report(report, {r.path: r.personal for r in results if r.personal})

    options = _format_options(
        format, output, config, ruleset,
        quiet=quiet, statistics=statistics, csv_bom=csv_bom, summary=summary, redact=redact,
    )
    rendered = renderer(report, options)
    if output is not None:
        data = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
        try:
            write_atomically(output, data)
        except OSError as exc:
            _misuse(f"--output: cannot write {output} ({exc.__class__.__name__}); check the folder")
        if not quiet:
            from ehcp_lint.formatters._common import summary_line

            _stderr(f"wrote {output}: {summary_line(report)}")
    else:
        typer.echo(rendered, nl=False, color=options.color)
    if annotation_failures and not exit_zero:
        raise typer.Exit(EXIT_TROUBLE)
    raise typer.Exit(_exit_code(report, config.fail_on, exit_zero))


# -- rules ------------------------------------------------------------------------
def _builtin(rule: Rule) -> bool:
    return rule.origin == "builtin" or rule.origin.startswith("data:")


@app.command()
def rules(
    format: Annotated[str, typer.Option("--format", "-f", help="text (a table) or json.")] = "text",
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print the rule reference in Markdown (docs/rules.md).")
    ] = False,
    all_rules: Annotated[
        bool, typer.Option("--all", help="With --markdown: include plugin and local rules too.")
    ] = False,
    config_file: ConfigOpt = None,
) -> None:
    """List every rule: code, name, category, severity and summary."""
    config, _ = _load(config_file, {})
    registry = _registry(config)
    known = list(registry)
    if markdown:
        from ehcp_lint.docs_gen import rules_markdown

        typer.echo(rules_markdown(r for r in known if all_rules or _builtin(r)), nl=False)
        return
    if format == "json":
        typer.echo(json.dumps([r.metadata() for r in known], indent=2, ensure_ascii=False))
        return
    if format != "text":
        _misuse(f"--format: {format!r} is not allowed here; use text or json")
    from rich.console import Console
    from rich.table import Table

    table = Table("Code", "Name", "Category", "Severity", "Summary", show_lines=False)
    for r in known:
        table.add_row(r.code, r.name, r.category, r.severity.value, r.doc.summary)
    console = Console(
        width=max(_width(sys.stdout), 140),
        no_color=not _wants_color(sys.stdout),
        force_terminal=_wants_color(sys.stdout),
        highlight=False,
    )
    console.print(table)


# -- explain ------------------------------------------------------------------------
def _find_rule(registry: Registry, code: str) -> Rule:
    import difflib

    wanted = code.strip()
    rule = registry.get(wanted)
    if rule is None:
        rule = next((r for r in registry if r.name == wanted.lower()), None)
    if rule is None:
        names = [r.code for r in registry] + [r.name for r in registry]
        close = difflib.get_close_matches(wanted.upper(), [r.code for r in registry], n=1)
        close = close or difflib.get_close_matches(wanted.lower(), names, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        _misuse(f"explain: no rule {wanted!r}{hint}; `ehcp-lint rules` lists them")
    return rule


@app.command()
def explain(
    code: Annotated[str, typer.Argument(help="Rule code (PRV001) or name.")],
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the rule's entry in Markdown.")] = False,
    config_file: ConfigOpt = None,
) -> None:
    """Explain a rule: why it matters, its source, a poor and a better example."""
    from ehcp_lint.docs_gen import rule_markdown

    config, _ = _load(config_file, {})
    rule = _find_rule(_registry(config), code)
    if markdown:
        typer.echo(rule_markdown(rule))
        return
    from ehcp_lint.docs_gen import rule_explanation

    color = _wants_color(sys.stdout)
    text = rule_explanation(rule, color=color, width=_width(sys.stdout), config=config)
    typer.echo(text, nl=False, color=color)


# -- explain-rating -------------------------------------------------------------------
@app.command("explain-rating")
def explain_rating_command(
    plan: Annotated[Path, typer.Argument(help="One plan file.")],
    config_file: ConfigOpt = None,
    select: SelectOpt = None,
    extend_select: ExtendSelectOpt = None,
    ignore: IgnoreOpt = None,
    reference_date: ReferenceDateOpt = None,
) -> None:
    """Show how a plan's ratings were reached: each finding's weight, section sums, thresholds."""
    from ehcp_lint.api import lint
    from ehcp_lint.rating import explain_rating

    config, _ = _load(config_file, _overrides(select, extend_select, ignore, None, reference_date))
    scheme = _rating_scheme(config)
    report = lint(plan, config)
    if report.errors or not report.plans:
        for err in report.errors:
            _stderr(f"error: {err.message}")
        raise typer.Exit(EXIT_TROUBLE)
    typer.echo(explain_rating(report.plans[0], scheme))


# -- parse ------------------------------------------------------------------------
def _short(text: str, width: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _block_line(block: Block, indent: str) -> str:
    parts = [f"{indent}{block.kind.value:<9}", block.location.describe()]
    if block.area_of_need is not None:
        parts.append(f"[{block.area_of_need.value}]")
    if block.column_name:
        parts.append(f"(column: {block.column_name})")
    if block.table is not None:
        columns = ", ".join(h for h in block.table.header if h) or "no header row"
        parts.append(f"{len(block.table.rows)} rows; columns: {columns}")
    else:
        parts.append(f'"{_short(block.text)}"')
    return "  ".join(parts)


def plan_outline(plan: Plan) -> str:
    """A readable outline of a read plan: metadata, then sections and their blocks.

    For checking how a local template was read (which heading became which
    section, where tables and areas of need were recognised).
    """
    lines = [f"{plan.source or '<plan>'} ({plan.format})"]
    meta = plan.metadata.model_dump(exclude={"personal_details"}, exclude_none=True)
    if meta:
        lines.append("Metadata:")
        lines += [f"  {key.replace('_', ' ')}: {value}" for key, value in meta.items()]
    if plan.metadata.personal_details:
        lines.append(f"  personal details: {len(plan.metadata.personal_details)} labelled values")
    if plan.front_matter:
        lines.append(f"Front matter ({_count(len(plan.front_matter), 'block')})")
        lines += [_block_line(b, "  ") for b in plan.front_matter]
    for section in plan.sections:
        lines.append(
            f"Section {section.key}: {_short(section.title, 60)!r}  {section.location.describe()}"
            f"  ({_count(len(section.blocks), 'block')}, {_count(section.words, 'word')})"
        )
        lines += [_block_line(b, "  ") for b in section.blocks]
    missing = [k for k in STATUTORY_SECTIONS if not plan.has(k)]
    if missing:
        lines.append(f"Not found: sections {', '.join(missing)}")
    return "\n".join(lines) + "\n"


@app.command()
def parse(
    plan: Annotated[Path, typer.Argument(help="One plan file.")],
    format: Annotated[str, typer.Option("--format", "-f", help="text (an outline) or json (the Plan model).")] = "text",
    config_file: ConfigOpt = None,
) -> None:
    """Show how ehcp-lint reads a plan: sections, blocks, locations and metadata."""
    if format not in ("text", "json"):
        _misuse(f"--format: {format!r} is not allowed here; use text or json")
    from ehcp_lint.reading import ReadOptions, load_plan

    config, _ = _load(config_file, {})
    options = ReadOptions(
        heading_aliases=config.heading_aliases,
        max_file_bytes=config.max_file_mb * 1024 * 1024,
    )
    from ehcp_lint.engine.limits import FileLimits, call_with_limits

    def read(path: str) -> Plan | str:
        return load_plan(path, options)

    def skipped(path: str, message: str) -> Plan | str:
        return message

    try:  # under the same per-file time limit and memory guard as a check
        loaded = call_with_limits(read, str(plan), FileLimits.from_config(config), skipped)
    except EhcpLintError as exc:
        _stderr(f"error: {exc}")
        raise typer.Exit(EXIT_TROUBLE) from exc
    if isinstance(loaded, str):
        _stderr(f"error: {loaded}")
        raise typer.Exit(EXIT_TROUBLE)
    if format == "json":
        typer.echo(loaded.model_dump_json(indent=2))
        return
    typer.echo(plan_outline(loaded), nl=False)


# -- config -----------------------------------------------------------------------
@app.command("config")
def show_config(
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    config_file: ConfigOpt = None,
    select: SelectOpt = None,
    extend_select: ExtendSelectOpt = None,
    ignore: IgnoreOpt = None,
    fail_on: FailOnOpt = None,
    reference_date: ReferenceDateOpt = None,
) -> None:
    """Print the effective configuration and where each value came from."""
    from ehcp_lint.config_files import effective_items

    config, provenance = _load(config_file, _overrides(select, extend_select, ignore, fail_on, reference_date))
    items = effective_items(config, provenance)
    if format == "json":
        data = {
            "file": str(provenance.file) if provenance.file else None,
            "values": {key: {"value": value, "source": source} for key, value, source in items},
        }
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    if format != "text":
        _misuse(f"--format: {format!r} is not allowed here; use text or json")
    where = provenance.file if provenance.file else "none found (defaults apply)"
    lines = [f"# configuration file: {where}"]
    for key, value, source in items:
        lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}  # {source}")
    typer.echo("\n".join(lines))


# -- schema -----------------------------------------------------------------------
@app.command()
def schema() -> None:
    """Print the JSON Schema of the JSON report (--format json)."""
    from ehcp_lint.report import Report

    typer.echo(json.dumps(Report.model_json_schema(mode="serialization"), indent=2))


# -- entry point ----------------------------------------------------------------------
def _command_names() -> set[str]:
    names: set[str] = set()
    for info in app.registered_commands:
        name = info.name or (info.callback.__name__ if info.callback else "")
        names.add(name.replace("_", "-"))
    return names


_ROOT_OPTIONS = frozenset({"--help", "-h", "--version"})


def route(args: Sequence[str]) -> list[str]:
    """Make ``ehcp-lint PATH...`` mean ``ehcp-lint check PATH...``.

    Anything that is not a command name or a top-level option (``--help``,
    ``--version``) starts a ``check``. A plan file named like a command can
    still be checked with ``ehcp-lint check rules``.
    """
    argv = list(args)
    if not argv or argv[0] in _command_names() or argv[0] in _ROOT_OPTIONS:
        return argv
    return ["check", *argv]


def _quiet_or_debug(debug: bool) -> None:
    """Library warnings and log records can quote document content: shown only with ``--debug``."""
    import logging
    import warnings

    if debug:
        logging.basicConfig(level=logging.DEBUG, format="debug: %(name)s: %(message)s")
        warnings.simplefilter("default")
    else:
        warnings.simplefilter("ignore")


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point (``ehcp-lint``) and ``python -m ehcp_lint``.

    An unexpected failure is one line on stderr and exit code 2: a traceback
    can quote plan text, so it is shown only with ``--debug``.
    """
    args = sys.argv[1:] if argv is None else argv
    if argv is None:  # the process is the command line's own (not a caller's, not a test's)
        from ehcp_lint.engine.gc_policy import start_up

        start_up()  # no garbage collection over rules and pipeline while they are built
    try:
        app(args=route(args), prog_name="ehcp-lint")
    except Exception as exc:
        if "--debug" in args:
            raise
        _stderr(
            f"error: internal error ({exc.__class__.__name__}); nothing about the plans was "
            "changed; run again with --debug for details and please report it"
        )
        sys.exit(EXIT_TROUBLE)


__all__ = ["app", "main", "route"]
