"""Build the benchmark corpus: long invented plans, their PDFs, and a batch of varied copies.

Everything is written by the fixture generator (``fixtures/content.py`` wordings,
``fixtures/plan_writer.py`` Word writer) into ``benchmarks/corpus/`` (git-ignored):

* ``sizes/plan-1x.docx``, ``plan-4x.docx``, ``plan-16x.docx`` — one heading-styles
  plan with provision, outcome and advice tables, about 25 A4 pages at 1x and
  4 and 16 times the text (the same plan shape, more of every section);
* ``sizes/plan-1x.pdf`` … — the same plans converted by LibreOffice
  (``soffice --headless --convert-to pdf``; reportlab is not needed);
* ``batch/docx/plan-0001.docx`` … — ``--copies`` plans of about 25 pages each.
  ``--bases`` distinct plans are drawn first (four LA layouts: Word heading
  styles, bold headings, a table per section, the national grid; different
  areas of need, wordings and seeds), then each copy takes a base and gives the
  child a different invented name and redraws about half of its amounts
  (minutes, hours, sessions, "twice a week"), so no two files are the same
  but, as in a real authority, many sentences recur word for word from plan to
  plan (the fixture wordings are a small pool: more than in most authorities);
* ``batch/pdf/plan-0001.pdf`` … — the first ``--pdf-copies`` batch plans as PDF,
  to measure PDF throughput (a 1,000-PDF batch is extrapolated from these);
* ``manifest.json`` — what was built, with word and page counts.

Every name, school and council is invented (see ``fixtures/README.md``). The
build is deterministic and incremental: files that exist are kept unless
``--force`` is given, so ``benchmarks/run.py`` can call it every time.

    .venv/bin/python benchmarks/corpus.py                # 1,000 Word copies, PDFs
    .venv/bin/python benchmarks/corpus.py --copies 200 --no-pdf
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the fixtures package importable
    sys.path.insert(0, str(ROOT))

import datetime as dt  # noqa: E402

from fixtures.content import AREAS, Child, Recipe, assemble, assemble_grid  # noqa: E402
from fixtures.plan_spec import DocxLayout, GridGroup, PlanSpec, SectionSpec  # noqa: E402
from fixtures.plan_writer import write_docx  # noqa: E402

CORPUS = ROOT / "benchmarks" / "corpus"
#: Bump when the generated content changes, so old corpora are rebuilt.
CORPUS_VERSION = 1
#: Bump when only the batch copies change (they are rebuilt from the kept base plans).
COPIES_VERSION = 2
#: Text multipliers of the size series.
SIZES: tuple[int, ...] = (1, 4, 16)
#: Fixture "chunks" (one full recipe's worth of every section) per 1x plan: about 25 pages.
CHUNKS_PER_X = 3
#: The national grid packs a chunk into fewer (landscape) pages: more chunks for 25 pages.
GRID_CHUNKS = 6

# --------------------------------------------------------------------------- invented people

_GIRLS = (
    "Amara", "Bethany", "Chloe", "Daisy", "Esme", "Florence", "Georgia", "Hana", "Imogen",
    "Jasmine", "Keira", "Lola", "Matilda", "Nadia", "Orla", "Phoebe", "Rosie", "Sienna",
    "Tilly", "Zara",
)
_BOYS = (
    "Aaron", "Bilal", "Callum", "Dylan", "Elliot", "Finley", "Harvey", "Idris", "Jamie",
    "Kai", "Louis", "Milo", "Nathan", "Owen", "Reuben", "Stanley", "Theo", "Yusuf",
    "Zachary", "Arlo",
)
_SURNAMES = (
    "Abbott", "Barker", "Chowdhury", "Dunmore", "Ellwood", "Fairbairn", "Gallagher",
    "Holloway", "Ismail", "Jarvis", "Kowalski", "Lindqvist", "Mbeki", "Norcott", "Oduya",
    "Pemberton", "Quayle", "Rashford", "Sutcliffe", "Tregenza", "Underhill", "Varga",
    "Whitlock", "Yardley",
)
_COUNCILS = (
    "Brackenshire County Council", "Eastmoor Borough Council", "Kestrel Vale District Council",
    "Northam City Council", "Saltmarsh Metropolitan Borough Council",
)
_SCHOOLS = (
    ("Brook Lane Primary School", "Mainstream community primary school", "Year 4"),
    ("Hollins Park Academy", "Mainstream secondary academy", "Year 8"),
    ("St Ives Road Infant School", "Mainstream infant school", "Year 1"),
    ("Millbrook Special School", "Maintained special school for pupils with complex learning needs", "Year 6"),
    ("Castlegate High School", "Mainstream secondary school", "Year 10"),
)

#: Word layouts and the heading wordings their fixture plans use.
_LAYOUTS: tuple[tuple[DocxLayout, str], ...] = (
    ("heading-styles", "section-colon"),
    ("bold-headings", "caps-dash"),
    ("table-per-section", "section-row"),
    ("grid", "section-colon"),
    ("heading-styles", "part-dash"),
    ("bold-headings", "letter-dot"),
    ("table-per-section", "letter-cell"),
)


@dataclass(frozen=True)
class Base:
    """One distinct batch plan: a recipe, a layout and the child's names to swap in copies."""

    recipe: Recipe
    layout: DocxLayout


def _child(rng: random.Random, index: int) -> Child:
    sex = "female" if index % 2 == 0 else "male"
    first = rng.choice(_GIRLS if sex == "female" else _BOYS)
    school, kind, year = _SCHOOLS[index % len(_SCHOOLS)]
    council = _COUNCILS[index % len(_COUNCILS)]
    age = {"Year 1": 6, "Year 4": 9, "Year 6": 11, "Year 8": 13, "Year 10": 15}[year]
    dob = dt.date(2025 - age, 1 + index % 12, 1 + index % 28)
    return Child(
        first, rng.choice(_SURNAMES), sex, dob, year, school, kind, council,  # type: ignore[arg-type]
        parent=f"Sam {rng.choice(_SURNAMES)} (parent)", parent_short="{n}'s parent",
        plan_date=dt.date(2025, 1 + index % 6, 6 + index % 20),
    )


def _recipe(name: str, child: Child, wording: str, areas: tuple[str, ...], rng: random.Random) -> Recipe:
    """A full recipe: every area's needs, provision and outcomes, strategies, history."""
    return Recipe(
        name=name,
        child=child,
        wording=wording,
        areas=areas,
        description="benchmark plan",
        needs=6,
        provision=8,
        outcomes=5,
        f_style=rng.choice(("by-area", "single-table")),
        e_style=rng.choice(("by-area", "list", "table")),
        strategies=True,
        history=6,
        health=3,
        social=1,
        pfa=child.year_group in ("Year 8", "Year 10"),
        last_review=dt.date(2024, 3, 11),
        date_style=rng.choice(("long", "slash")),
        fault_rate=rng.choice((0.15, 0.25, 0.35)),
        jargon=rng.random() < 0.3,
        residue=rng.random() < 0.2,
    )


def size_recipe() -> Recipe:
    """The plan of the size series (heading styles, all four areas of need)."""
    child = Child(
        "Reuben", "Tregenza", "male", dt.date(2014, 10, 12), "Year 6", "Kestrel Vale Junior School",
        "Mainstream community junior school", "Kestrel Vale District Council",
        parent="Laura Tregenza (mother)", parent_short="Mrs Tregenza", plan_date=dt.date(2025, 4, 22),
    )
    recipe = _recipe("bench-size", child, "section-colon", AREAS, random.Random("bench-size"))
    return replace(recipe, f_style="by-area", e_style="by-area", jargon=True, residue=True)


def batch_bases(count: int) -> list[Base]:
    """``count`` distinct plans over the layouts, areas of need and children."""
    rng = random.Random("ehcp-lint-bench-batch")
    bases: list[Base] = []
    for index in range(count):
        layout, wording = _LAYOUTS[index % len(_LAYOUTS)]
        areas = tuple(sorted(rng.sample(AREAS, rng.randint(2, 4)), key=AREAS.index))
        child = _child(rng, index)
        bases.append(Base(_recipe(f"bench-base-{index:03d}", child, wording, areas, rng), layout))
    return bases


# --------------------------------------------------------------------------- specs


def scaled_spec(recipe: Recipe, chunks: int, layout: DocxLayout) -> PlanSpec:
    """One plan holding ``chunks`` recipes' worth of every section (same child, other seeds).

    Each chunk is the fixture recipe assembled with another seed, so a longer
    plan says more (other needs, provision rows, outcomes), not one paragraph
    many times; section for section the shape stays that of a real plan.
    """
    assemble_one = assemble_grid if layout == "grid" else assemble
    specs = [assemble_one(replace(recipe, name=f"{recipe.name}-{i}")) for i in range(chunks)]
    first = specs[0]
    parts = []
    for index, part in enumerate(first.parts):
        others = [s.parts[index] for s in specs[1:]]
        if isinstance(part, SectionSpec):
            items = part.items + tuple(i for o in others if isinstance(o, SectionSpec) for i in o.items)
            parts.append(replace(part, items=items))
        else:
            rows = part.rows + tuple(r for o in others if isinstance(o, GridGroup) for r in o.rows)
            parts.append(replace(part, rows=rows))
    return replace(first, parts=tuple(parts), name=recipe.name)


# --------------------------------------------------------------------------- copies


#: Amounts a copy rewrites, so that copies of one base differ where real plans differ
#: (minutes, hours, sessions a week) and share what real plans share (the rest).
_AMOUNTS = re.compile(r"\b(\d{1,3})( minutes?| hours?| sessions?| weeks?| pupils| times)\b")
_FREQUENCIES = ("once a week", "twice a week", "three times a week", "every day", "once a fortnight")
_FREQUENCY = re.compile("|".join(re.escape(f) for f in _FREQUENCIES))


def rename_copy(
    source: Path, target: Path, old: Child, first: str, last: str, rng: random.Random | None = None
) -> None:
    """Copy a Word plan, giving the child another (invented) name and, with ``rng``, other amounts.

    With ``rng`` about half the numbers of minutes, hours, sessions or pupils and
    half the stock frequencies ("twice a week") are redrawn, so a sentence is
    word for word the same as in another copy only where no amount was changed.
    """
    swaps = [(re.compile(rf"\b{re.escape(old.first)}\b"), first), (re.compile(rf"\b{re.escape(old.last)}\b"), last)]

    def amount(m: re.Match[str]) -> str:
        if rng is None or rng.random() < 0.5:
            return m.group(0)
        return f"{rng.choice((5, 10, 15, 20, 25, 30, 40, 45, 60))}{m.group(2)}" if "minute" in m.group(2) else (
            f"{rng.randint(1, 6)}{m.group(2)}"
        )

    def frequency(m: re.Match[str]) -> str:
        if rng is None or rng.random() < 0.5:
            return m.group(0)
        return rng.choice(_FREQUENCIES)

    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                text = data.decode("utf-8")
                for pattern, new in swaps:
                    text = pattern.sub(new, text)
                if info.filename == "word/document.xml":
                    text = _FREQUENCY.sub(frequency, _AMOUNTS.sub(amount, text))
                data = text.encode("utf-8")
            zout.writestr(info, data)
    target.write_bytes(buffer.getvalue())


def copy_names(index: int, child: Child) -> tuple[str, str]:
    """The copy's invented names: same sex as the base child, deterministic by index."""
    rng = random.Random(f"copy-{index}")
    pool = _GIRLS if child.sex == "female" else _BOYS
    first = rng.choice([n for n in pool if n != child.first])
    last = rng.choice([n for n in _SURNAMES if n != child.last])
    return first, last


# --------------------------------------------------------------------------- PDF


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx_files: Sequence[Path], folder: Path) -> None:
    """Convert Word files to PDF with one LibreOffice run (a throw-away profile)."""
    program = soffice()
    if program is None:
        raise SystemExit(
            "LibreOffice (soffice) is needed for the PDF corpus: install libreoffice-writer-nogui, "
            "or build with --no-pdf"
        )
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ehcp-bench-") as tmp:
        profile = Path(tmp, "profile").as_uri()
        subprocess.run(
            [program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(folder), *map(str, docx_files)],
            check=True,
            capture_output=True,
            timeout=3600,
        )


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def docx_words(path: Path) -> int:
    """Words in body paragraphs and table cells (merged cells once), as python-docx sees them."""
    import docx
    from benchmarks.docx_read_ratio import python_docx_words

    return python_docx_words(docx.Document(str(path)))


# --------------------------------------------------------------------------- build


@dataclass(frozen=True)
class Corpus:
    """Where the built corpus is and what it holds (read back from ``manifest.json``)."""

    root: Path
    manifest: dict[str, Any]

    def size_docx(self, size: int) -> Path:
        return self.root / "sizes" / f"plan-{size}x.docx"

    def size_pdf(self, size: int) -> Path:
        return self.root / "sizes" / f"plan-{size}x.pdf"

    def batch_docx(self, count: int | None = None) -> list[Path]:
        files = sorted((self.root / "batch" / "docx").glob("plan-*.docx"))
        return files if count is None else files[:count]

    def batch_pdf(self, count: int | None = None) -> list[Path]:
        files = sorted((self.root / "batch" / "pdf").glob("plan-*.pdf"))
        return files if count is None else files[:count]


def _log(quiet: bool) -> Callable[[str], None]:
    def say(message: str) -> None:
        if not quiet:
            print(message, file=sys.stderr, flush=True)

    return say


def build_corpus(
    root: Path = CORPUS,
    *,
    copies: int = 1000,
    bases: int = 40,
    pdf: bool = True,
    pdf_copies: int = 20,
    sizes: Sequence[int] = SIZES,
    force: bool = False,
    quiet: bool = False,
) -> Corpus:
    """Build (or top up) the corpus under ``root`` and return what it holds."""
    say = _log(quiet)
    manifest_path = root / "manifest.json"
    manifest: dict[str, Any] = {}
    if manifest_path.exists() and not force:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("version") != CORPUS_VERSION or manifest.get("bases") != bases:
            say("corpus: generator changed; rebuilding")
            force, manifest = True, {}
        elif manifest.get("copies_version") != COPIES_VERSION:
            say("corpus: batch copies changed; rebuilding the copies")
            for folder in ("docx", "pdf"):
                shutil.rmtree(root / "batch" / folder, ignore_errors=True)
    if force and root.exists():
        shutil.rmtree(root)
    manifest.update(
        {
            "version": CORPUS_VERSION,
            "copies_version": COPIES_VERSION,
            "bases": bases,
            "chunks_per_x": CHUNKS_PER_X,
        }
    )
    sizes_dir = root / "sizes"
    sizes_dir.mkdir(parents=True, exist_ok=True)
    size_info: dict[str, Any] = manifest.setdefault("sizes", {})

    recipe = size_recipe()
    for size in sizes:
        path = sizes_dir / f"plan-{size}x.docx"
        if not path.exists():
            started = time.perf_counter()
            write_docx(scaled_spec(recipe, CHUNKS_PER_X * size, "heading-styles"), path, "heading-styles")
            say(f"corpus: wrote {path.relative_to(root)} in {time.perf_counter() - started:.1f} s")
        info = size_info.setdefault(str(size), {})
        info.setdefault("words", docx_words(path))
        info["kb"] = round(path.stat().st_size / 1024)
    if pdf:
        wanted = [sizes_dir / f"plan-{s}x.docx" for s in sizes if not (sizes_dir / f"plan-{s}x.pdf").exists()]
        if wanted:
            started = time.perf_counter()
            convert_to_pdf(wanted, sizes_dir)
            say(f"corpus: converted {len(wanted)} size plans to PDF in {time.perf_counter() - started:.1f} s")
        for size in sizes:
            info = size_info[str(size)]
            info.setdefault("pages", pdf_pages(sizes_dir / f"plan-{size}x.pdf"))

    base_dir = root / "batch" / "bases"
    docx_dir = root / "batch" / "docx"
    base_dir.mkdir(parents=True, exist_ok=True)
    docx_dir.mkdir(parents=True, exist_ok=True)
    plan_bases = batch_bases(bases)
    needed = {i % bases for i in range(copies) if not (docx_dir / f"plan-{i + 1:04d}.docx").exists()}
    started = time.perf_counter()
    for index in sorted(needed):
        base = plan_bases[index]
        path = base_dir / f"base-{index:03d}.docx"
        if not path.exists():
            chunks = GRID_CHUNKS if base.layout == "grid" else CHUNKS_PER_X
            write_docx(scaled_spec(base.recipe, chunks, base.layout), path, base.layout)
    if needed:
        say(f"corpus: wrote {len(needed)} base plans in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    made = 0
    for i in range(copies):
        target = docx_dir / f"plan-{i + 1:04d}.docx"
        if target.exists():
            continue
        base = plan_bases[i % bases]
        first, last = copy_names(i, base.recipe.child)
        rng = random.Random(f"copy-amounts-{i}")
        rename_copy(base_dir / f"base-{i % bases:03d}.docx", target, base.recipe.child, first, last, rng)
        made += 1
    if made:
        say(f"corpus: wrote {made} batch copies in {time.perf_counter() - started:.1f} s")
    manifest["batch_docx"] = len(list(docx_dir.glob("plan-*.docx")))

    if pdf and pdf_copies:
        pdf_dir = root / "batch" / "pdf"
        wanted = [
            docx_dir / f"plan-{i + 1:04d}.docx"
            for i in range(min(pdf_copies, copies))
            if not (pdf_dir / f"plan-{i + 1:04d}.pdf").exists()
        ]
        if wanted:
            started = time.perf_counter()
            convert_to_pdf(wanted, pdf_dir)
            say(f"corpus: converted {len(wanted)} batch plans to PDF in {time.perf_counter() - started:.1f} s")
        manifest["batch_pdf"] = min(pdf_copies, copies)
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return Corpus(root, manifest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=CORPUS, help="corpus folder (default benchmarks/corpus)")
    parser.add_argument("--copies", type=int, default=1000, help="Word plans in the batch (default 1000)")
    parser.add_argument("--bases", type=int, default=40, help="distinct plans the copies are drawn from")
    parser.add_argument("--pdf-copies", type=int, default=20, help="batch plans also converted to PDF")
    parser.add_argument("--no-pdf", action="store_true", help="skip LibreOffice (no PDFs)")
    parser.add_argument("--force", action="store_true", help="rebuild everything")
    args = parser.parse_args(argv)
    corpus = build_corpus(
        args.out,
        copies=args.copies,
        bases=args.bases,
        pdf=not args.no_pdf,
        pdf_copies=args.pdf_copies,
        force=args.force,
    )
    print(json.dumps(corpus.manifest, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
