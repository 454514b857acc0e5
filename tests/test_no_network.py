"""No network, ever: lint, annotate and the HTML report with every network call made to fail.

In this process the socket functions are replaced for the test; in the
command line (two worker processes) a ``sitecustomize.py`` on ``PYTHONPATH``
replaces them in every Python process that starts, and records any attempt.
Local (``AF_UNIX``) sockets stay allowed: they are how ehcp-lint's own
processes talk to each other, and they never leave the machine. Every bind is
refused, but a bind to the loopback address is not counted: urllib3, which
spaCy imports, probes for IPv6 support that way at import (and carries on
when refused). A control run shows the trap does catch a real attempt.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from badinputs.examples import DETAILS, docx_bytes, pdf_bytes, plan_markdown, write

SITECUSTOMIZE = '''
"""Test trap: any network use from this process is refused and recorded."""
import os
import socket

_LOG = os.environ["EHCP_LINT_NETWORK_LOG"]


def _record(what):
    with open(_LOG, "a", encoding="utf-8") as handle:
        handle.write(f"{os.getpid()} {what}\\n")


_record("trap-loaded")


def _local_only(name, original):
    def guarded(self, *args, **kwargs):
        if self.family == socket.AF_UNIX:
            return original(self, *args, **kwargs)
        if not _loopback_bind(name, args):
            _record(name)
        raise OSError(f"network use refused by the test ({name})")
    return guarded


def _loopback_bind(name, args):
    """urllib3 (imported by spaCy) probes IPv6 support by binding ::1 at import: refused, not recorded."""
    return name == "bind" and bool(args) and isinstance(args[0], tuple) and args[0][0] in ("::1", "127.0.0.1")


def _refused(name):
    def refuse(*args, **kwargs):
        _record(name)
        raise OSError(f"network use refused by the test ({name})")
    return refuse


for _name in ("connect", "connect_ex", "bind", "sendto", "sendmsg"):
    setattr(socket.socket, _name, _local_only(_name, getattr(socket.socket, _name)))
for _name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
    setattr(socket, _name, _refused(_name))
'''


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("offline")
    from badinputs.corpus import _external_links_docx

    return [
        write(folder / "plan.md", plan_markdown(details=DETAILS)),
        write(folder / "plan.docx", docx_bytes(details=DETAILS)),
        write(folder / "plan.pdf", pdf_bytes(details=DETAILS)),
        write(folder / "links.docx", _external_links_docx()),  # a hyperlink and a linked picture
    ]


def test_no_network_in_process(plans: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[str] = []

    def refused(name: str) -> Callable[..., Any]:
        def refuse(*args: object, **kwargs: object) -> None:
            address = args[1] if name == "bind" and len(args) > 1 else None
            if not (isinstance(address, tuple) and address[0] in ("::1", "127.0.0.1")):
                attempts.append(name)  # a loopback bind is urllib3 probing for IPv6 at import
            raise OSError(f"network use refused by the test ({name})")

        return refuse

    for name in ("connect", "connect_ex", "bind", "sendto"):
        monkeypatch.setattr(socket.socket, name, refused(name))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, refused(name))

    import ehcp_lint
    from ehcp_lint.annotate import annotate_plan
    from ehcp_lint.config import Config
    from ehcp_lint.formatters import FormatOptions, get_formatter
    from ehcp_lint.report import Report, ToolInfo

    reports = [ehcp_lint.lint(p) for p in plans]
    assert all(r.plans and not r.errors for r in reports), [r.errors for r in reports]
    for report in reports:
        plan = report.plans[0]
        annotate_plan(plan.path, plan.findings, tmp_path / "marked", force=True)
    combined = Report(tool=ToolInfo(version=ehcp_lint.__version__), plans=[r.plans[0] for r in reports])
    page = get_formatter("html")(combined, FormatOptions(config=Config()))
    assert "<h1>EHCP quality assurance: panel report</h1>" in str(page)
    assert sorted(p.name for p in (tmp_path / "marked").iterdir()) == [
        "links.reviewed.docx", "plan.reviewed.docx", "plan.reviewed.pdf",
    ]
    assert attempts == []


def test_the_pipeline_is_spacys_blank_one() -> None:
    """No statistical model unless configured: nothing to download, nothing fetched."""
    from ehcp_lint.engine.nlp import get_nlp

    nlp = get_nlp()
    # rule-based components only: the sentencizer, lookup lemmas and the part-letter sentence end
    assert set(nlp.pipe_names) <= {"sentencizer", "lemmatizer", "ehcp_lint_part_letter_sentence_end"}


def _offline_env(tmp_path: Path) -> tuple[dict[str, str], Path]:
    trap = write(tmp_path / "trap" / "sitecustomize.py", SITECUSTOMIZE).parent
    log = tmp_path / "network.log"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(trap), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        "EHCP_LINT_NETWORK_LOG": str(log),
        "NO_COLOR": "1",
    }
    return env, log


def test_the_trap_catches_a_real_attempt(tmp_path: Path) -> None:
    env, log = _offline_env(tmp_path)
    code = "import urllib.request\nurllib.request.urlopen('http://127.0.0.1:9/', timeout=2)"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert result.returncode != 0 and "network use refused by the test" in result.stderr
    assert any(line.split()[1] in ("create_connection", "getaddrinfo", "connect") for line in log.read_text().splitlines()[1:])


def test_no_network_from_the_command_line_with_two_workers(plans: list[Path], tmp_path: Path) -> None:
    env, log = _offline_env(tmp_path)
    report = tmp_path / "panel.html"
    result = subprocess.run(
        [
            sys.executable, "-m", "ehcp_lint", *map(str, plans), "--jobs", "2",
            "--annotate", str(tmp_path / "marked"), "-f", "html", "-o", str(report),
        ],
        env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert len(list((tmp_path / "marked").iterdir())) == 3
    lines = log.read_text(encoding="utf-8").splitlines()
    loaded = {line.split()[0] for line in lines if line.endswith("trap-loaded")}
    assert len(loaded) >= 2, "the trap is in the command line and in the process that starts workers"
    assert [line for line in lines if not line.endswith("trap-loaded")] == []
