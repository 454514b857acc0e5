"""Per-file limits: a time limit and a memory guard for every plan, and the workers that keep them.

A panel runs ehcp-lint over whole folders. One pathological file (a plan
with a 200,000-word paragraph, a PDF that sends pdfminer round in circles, a
document that inflates to gigabytes) must cost that file, never the batch.
So each file runs under two limits from the configuration:

* ``file-timeout`` (seconds, default 60): a file still being read or checked
  after that long is reported as "took longer than 60 s; skipped";
* ``file-memory-mb`` (default 1024): a file whose reading and checking makes
  the process grow by more than that is reported as "needed more than
  1024 MB; skipped".

How the limits hold
-------------------
**In worker processes** (:class:`WorkerPool`; every batch of more than one
file, whatever ``--jobs`` says, so ``--jobs 1`` is one worker): the parent
hands each worker one file at a time and supervises it. It knows each file's
deadline, and on Linux it reads the worker's resident memory
(``/proc/<pid>/statm``) every 50 ms while a file is in flight. A worker past
either limit is killed (SIGKILL) and replaced by a fresh one, the file gets
its one-line error and the batch goes on. A worker that dies on its own (a
crash in a C library) is replaced the same way. In the normal case workers
live for the whole batch, so the rules and the spaCy pipeline are built once
per worker. As a backstop against an allocation too sudden for polling, each
worker also lowers its own address-space limit (``RLIMIT_AS``) while it
works on a file, so such an allocation fails with :class:`MemoryError`
instead of exhausting the machine.

**In this process** (:func:`call_with_limits`; a single file with ``--jobs
1`` or the default, and the library's ``lint(path)``, where starting a worker
would double the run time): a watchdog thread checks the clock and the
resident memory every 20 ms and, past a limit, raises :class:`LimitExceeded`
in the main thread (through a signal, so even a blocking system call is
interrupted). Python code (every reader and rule) is stopped within
milliseconds; a single long call into C (one regular-expression search over
a huge text) is stopped when it returns. Signals can only be handled in the
main thread, so elsewhere the file goes to a worker process instead
(:func:`watchdog_available`).

Memory is measured as growth of resident memory over what the process held
when the file started: a worker's own rules and pipeline do not count
against a plan. Resident and virtual memory are read from ``/proc``; where
there is no ``/proc`` (macOS, Windows) only the time limit applies.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from ehcp_lint.errors import EhcpLintError

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess

    from ehcp_lint.config import Config

__all__ = [
    "FileLimits",
    "LimitExceeded",
    "WorkerPool",
    "WorkerStartError",
    "call_with_limits",
    "memory_message",
    "resident_bytes",
    "stopped_message",
    "timeout_message",
    "watchdog_available",
]

T = TypeVar("T")

_MB = 1024 * 1024
#: How often the parent reads a busy worker's memory (seconds).
POLL_SECONDS = 0.05
#: How often the in-process watchdog looks at the clock and the memory (seconds).
WATCHDOG_SECONDS = 0.02
#: How long a worker may take to build its rules and pipeline before the batch gives up.
START_SECONDS = 300.0
#: Extra address space a worker may reserve beyond the memory limit before
#: allocations fail outright (reserved-but-untouched memory is normal: a file
#: read reserves its maximum size up front).
BACKSTOP_MIN_EXTRA_MB = 1024

Failure = Callable[[str, str], T]
"""Builds the result for a file that could not be finished: ``(path, one-line message)``."""


# --------------------------------------------------------------------------- the limits


@dataclass(frozen=True, slots=True)
class FileLimits:
    """How long one file may take and how much memory it may need (``None``: no limit)."""

    timeout: float | None = 60.0
    memory_mb: int | None = 1024

    @classmethod
    def from_config(cls, config: Config) -> FileLimits:
        """``file-timeout`` and ``file-memory-mb`` from the configuration (0 or less: no limit)."""
        timeout = config.file_timeout if config.file_timeout > 0 else None
        memory = config.file_memory_mb if config.file_memory_mb > 0 else None
        return cls(timeout=timeout, memory_mb=memory)

    @property
    def memory_bytes(self) -> int | None:
        return None if self.memory_mb is None else self.memory_mb * _MB

    @property
    def backstop_bytes(self) -> int | None:
        """Address space a worker may add while on one file before allocations fail."""
        if self.memory_mb is None:
            return None
        return max(4 * self.memory_mb, self.memory_mb + BACKSTOP_MIN_EXTRA_MB) * _MB

    @property
    def active(self) -> bool:
        return self.timeout is not None or self.memory_mb is not None


def timeout_message(path: str, limits: FileLimits) -> str:
    """``plan.docx: took longer than 60 s; skipped (…)`` — one line, no plan text."""
    return (
        f"{path}: took longer than {limits.timeout:g} s; skipped "
        "(raise file-timeout in the configuration if this plan is genuinely that large)"
    )


def memory_message(path: str, limits: FileLimits) -> str:
    """``plan.docx: needed more than 1024 MB; skipped (…)`` — one line, no plan text."""
    return (
        f"{path}: needed more than {limits.memory_mb} MB; skipped "
        "(raise file-memory-mb in the configuration if this plan is genuinely that large)"
    )


def stopped_message(path: str, exitcode: int | None) -> str:
    """A worker that died while reading ``path`` (a crash in a library, or killed from outside)."""
    if exitcode is not None and exitcode < 0:
        try:
            how = f"signal {signal.Signals(-exitcode).name}"
        except ValueError:
            how = f"signal {-exitcode}"
    else:
        how = f"exit code {exitcode}"
    return (
        f"{path}: the worker reading this file stopped unexpectedly ({how}); skipped "
        "(the file may be damaged; the other files were still checked)"
    )


def _internal_message(path: str, name: str) -> str:
    return f"{path}: internal error while checking this file ({name}); please report it"


class LimitExceeded(BaseException):
    """Raised inside the work on a file when it passes a limit.

    A :class:`BaseException`, like :class:`KeyboardInterrupt`, so that the
    ``except Exception`` with which readers turn library failures into
    one-line errors does not swallow it.
    """

    def __init__(self, kind: Literal["time", "memory"]) -> None:
        super().__init__(kind)
        self.kind = kind


class WorkerStartError(EhcpLintError):
    """Worker processes could not start (a bad configuration, a broken installation)."""


# --------------------------------------------------------------------------- measuring


def _page_size() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return 4096


_PAGE = _page_size()


def _statm(pid: int | None, column: int) -> int | None:
    where = f"/proc/{pid if pid is not None else 'self'}/statm"
    try:
        with open(where, "rb") as handle:
            return int(handle.read().split()[column]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


def resident_bytes(pid: int | None = None) -> int | None:
    """Resident memory of process ``pid`` (this one by default); ``None`` without ``/proc``."""
    return _statm(pid, 1)


def address_space_bytes() -> int | None:
    """This process's virtual address space; ``None`` without ``/proc``."""
    return _statm(None, 0)


@contextlib.contextmanager
def _address_space_backstop(extra: int | None) -> Iterator[None]:
    """Let this process's address space grow by at most ``extra`` bytes (soft RLIMIT_AS).

    Used only in worker processes, which do nothing else while on a file.
    """
    size = address_space_bytes()
    if extra is None or size is None:
        yield
        return
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = size + extra
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


# --------------------------------------------------------------------------- in this process


def watchdog_available() -> bool:
    """True when limits can be kept in this process: the main thread, on a POSIX system."""
    return (
        threading.current_thread() is threading.main_thread()
        and hasattr(signal, "SIGUSR1")
        and hasattr(signal, "pthread_kill")
    )


class _Watchdog:
    """Stops the main thread's work on one file when it passes a limit.

    A thread watches the clock and the resident memory; past a limit it sends
    SIGUSR1 to the main thread, whose handler (installed only for the
    duration) raises :class:`LimitExceeded`. A SIGUSR1 that is not ours goes
    to the handler that was there before.
    """

    def __init__(self, limits: FileLimits) -> None:
        self.limits = limits
        self.reason: Literal["time", "memory"] | None = None
        self._armed = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._previous: Any = None
        self._started = 0.0
        self._base: int | None = None

    def __enter__(self) -> _Watchdog:
        self._started = time.monotonic()
        self._base = resident_bytes()
        self._previous = signal.signal(signal.SIGUSR1, self._on_signal)
        self._armed = True
        self._thread = threading.Thread(
            target=self._watch,
            args=(threading.main_thread().ident,),
            name="ehcp-lint-watchdog",
            daemon=True,
        )
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._armed = False
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        signal.signal(signal.SIGUSR1, self._previous)

    def _over(self) -> Literal["time", "memory"] | None:
        timeout, limit = self.limits.timeout, self.limits.memory_bytes
        if timeout is not None and time.monotonic() - self._started > timeout:
            return "time"
        if limit is not None and self._base is not None:
            now = resident_bytes()
            if now is not None and now - self._base > limit:
                return "memory"
        return None

    def _watch(self, main_ident: int | None) -> None:
        while not self._stop.wait(WATCHDOG_SECONDS):
            reason = self._over()
            if reason is None:
                continue
            self.reason = reason
            if main_ident is not None and self._armed:
                signal.pthread_kill(main_ident, signal.SIGUSR1)
            return

    def _on_signal(self, signum: int, frame: Any) -> None:
        if self._armed and self.reason is not None:
            self._armed = False
            raise LimitExceeded(self.reason)
        if callable(self._previous):
            self._previous(signum, frame)


def call_with_limits(task: Callable[[str], T], item: str, limits: FileLimits, failure: Failure[T]) -> T:
    """``task(item)`` in this process under ``limits``; past one, ``failure(item, message)``.

    Must be called from the main thread (see :func:`watchdog_available`);
    from another thread the task runs without limits.
    """
    if not limits.active or not watchdog_available():
        try:
            return task(item)
        except MemoryError:
            return failure(item, memory_message(item, limits))
    try:
        with _Watchdog(limits):
            result = task(item)
    except LimitExceeded as stop:
        message = timeout_message(item, limits) if stop.kind == "time" else memory_message(item, limits)
        return failure(item, message)
    except MemoryError:
        return failure(item, memory_message(item, limits))
    return result


# --------------------------------------------------------------------------- worker processes


def _send(conn: Connection, message: tuple[Any, ...]) -> bool:
    """Send to the parent; ``False`` when the parent has gone."""
    try:
        conn.send(message)
    except (BrokenPipeError, EOFError, ConnectionError):
        return False
    return True


def _serve(
    conn: Connection,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...],
    task: Callable[[str], Any],
    backstop: int | None,
) -> None:
    """A worker's whole life: build once, then one file at a time until told to stop.

    Never lets an exception escape (multiprocessing would print a traceback,
    and a traceback may quote plan text): failures are sent to the parent as
    the exception's type name only.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    warnings.simplefilter("ignore")  # library warnings may quote document content
    try:
        initializer(*initargs)
    except BaseException as exc:
        reason = str(exc) if isinstance(exc, EhcpLintError) else (
            f"worker processes could not start ({type(exc).__name__}); "
            "check the installation, or run with --debug"
        )
        _send(conn, ("init-error", reason))
        return
    if not _send(conn, ("ready",)):
        return
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        task_id, item = job
        try:
            with _address_space_backstop(backstop):
                result = task(item)
        except MemoryError:
            _send(conn, ("memory", task_id))
            return  # a fresh worker is safer than one that ran out of memory
        except Exception as exc:
            if not _send(conn, ("failed", task_id, type(exc).__name__)):
                return
            continue
        try:
            sent = _send(conn, ("done", task_id, result))
        except Exception as exc:  # the result could not be pickled
            sent = _send(conn, ("failed", task_id, type(exc).__name__))
        if not sent:
            return


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    started_at: float = field(default_factory=time.monotonic)
    ready: bool = False
    #: (index, item) of the file in flight.
    job: tuple[int, str] | None = None
    deadline: float | None = None
    base_rss: int | None = None
    #: Messages read but not yet acted on.
    inbox: list[tuple[Any, ...]] = field(default_factory=list)


class WorkerPool(Generic[T]):
    """Worker processes that can be killed and replaced, one file in flight per worker.

    ``initializer(*initargs)`` runs once in each worker (build the rules and
    the pipeline); ``task(item)`` runs per file and returns a picklable
    result. A file that passes a limit, or whose worker dies, gets
    ``failure(item, message)`` instead, and its worker is replaced.
    """

    def __init__(
        self,
        size: int,
        initializer: Callable[..., None],
        initargs: tuple[Any, ...],
        task: Callable[[str], T],
        limits: FileLimits,
        failure: Failure[T],
        context: BaseContext | None = None,
    ) -> None:
        import multiprocessing

        self.size = max(1, size)
        self.initializer = initializer
        self.initargs = initargs
        self.task = task
        self.limits = limits
        self.failure = failure
        self.context = context or multiprocessing.get_context()
        #: Workers started so far (first ones and replacements), for tests and diagnostics.
        self.started = 0

    # -- life cycle -------------------------------------------------------------------
    def _start(self) -> _Worker:
        parent_end, child_end = self.context.Pipe(duplex=True)
        process = self.context.Process(  # type: ignore[attr-defined]
            target=_serve,
            args=(child_end, self.initializer, self.initargs, self.task, self.limits.backstop_bytes),
            name="ehcp-lint-worker",
            daemon=True,
        )
        try:
            process.start()
        except OSError:
            # The forkserver listens on a socket in the temporary folder; a long TMPDIR
            # makes its path too long for a Unix socket. Starting afresh always works.
            if self.context.get_start_method() != "forkserver":
                raise
            import multiprocessing

            parent_end.close()
            child_end.close()
            self.context = multiprocessing.get_context("spawn")
            return self._start()
        child_end.close()  # so that a dead worker reads as end-of-file here
        self.started += 1
        return _Worker(process=process, conn=parent_end)

    @staticmethod
    def _kill(worker: _Worker) -> None:
        with contextlib.suppress(OSError, ValueError):
            worker.process.kill()
        worker.process.join(timeout=5)
        with contextlib.suppress(OSError):
            worker.conn.close()

    def _stop_all(self, workers: list[_Worker]) -> None:
        for worker in workers:
            if worker.job is None and worker.process.is_alive():
                with contextlib.suppress(OSError, ValueError):
                    worker.conn.send(None)
        deadline = time.monotonic() + 2.0
        for worker in workers:
            if worker.job is None:
                worker.process.join(timeout=max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                self._kill(worker)
            else:
                worker.process.join(timeout=1)
                with contextlib.suppress(OSError):
                    worker.conn.close()

    # -- one worker -----------------------------------------------------------------------
    def _dispatch(self, worker: _Worker, job: tuple[int, str]) -> bool:
        try:
            worker.conn.send(job)
        except (OSError, ValueError):
            return False
        worker.job = job
        worker.base_rss = resident_bytes(worker.process.pid)
        timeout = self.limits.timeout
        worker.deadline = None if timeout is None else time.monotonic() + timeout
        return True

    def _drain(self, worker: _Worker) -> bool:
        """Read every waiting message; ``False`` when the worker's end is closed."""
        try:
            while worker.conn.poll():
                worker.inbox.append(worker.conn.recv())
        except (EOFError, OSError):
            return False
        return True

    def _over_memory(self, worker: _Worker) -> bool:
        limit = self.limits.memory_bytes
        if limit is None or worker.base_rss is None or worker.process.pid is None:
            return False
        now = resident_bytes(worker.process.pid)
        return now is not None and now - worker.base_rss > limit

    def _service(self, worker: _Worker) -> tuple[list[tuple[int, T]], bool]:
        """Act on one worker: (results it produced, whether it is gone and must be replaced)."""
        results: list[tuple[int, T]] = []
        open_end = self._drain(worker)
        retiring = False
        for message in worker.inbox:
            kind = message[0]
            if kind == "ready":
                worker.ready = True
            elif kind == "init-error":
                raise WorkerStartError(str(message[1]))
            elif worker.job is not None and message[1] == worker.job[0]:
                index, item = worker.job
                if kind == "done":
                    results.append((index, message[2]))
                elif kind == "memory":
                    results.append((index, self.failure(item, memory_message(item, self.limits))))
                    retiring = True
                else:
                    results.append((index, self.failure(item, _internal_message(item, str(message[2])))))
                worker.job = None
                worker.deadline = None
        worker.inbox.clear()

        if not open_end or retiring or not worker.process.is_alive():
            worker.process.join(timeout=5)
            if worker.job is not None:
                index, item = worker.job
                results.append((index, self.failure(item, stopped_message(item, worker.process.exitcode))))
                worker.job = None
            elif not worker.ready:
                raise WorkerStartError(
                    "worker processes stopped while starting "
                    f"(exit code {worker.process.exitcode}); check the installation, or run with --jobs 1"
                )
            self._kill(worker)
            return results, True
        if not worker.ready and time.monotonic() - worker.started_at > START_SECONDS:
            self._kill(worker)
            raise WorkerStartError(
                f"worker processes did not start within {START_SECONDS:g} s; "
                "check plugins and local rules, or run with --debug"
            )
        if worker.job is not None:
            index, item = worker.job
            if worker.deadline is not None and time.monotonic() > worker.deadline:
                self._kill(worker)
                results.append((index, self.failure(item, timeout_message(item, self.limits))))
                return results, True
            if self._over_memory(worker):
                self._kill(worker)
                results.append((index, self.failure(item, memory_message(item, self.limits))))
                return results, True
        return results, False

    def _wait_time(self, workers: list[_Worker]) -> float | None:
        now = time.monotonic()
        waits = [max(0.0, w.started_at + START_SECONDS - now) for w in workers if not w.ready]
        busy = [w for w in workers if w.job is not None]
        if busy and self.limits.memory_bytes is not None:
            waits.append(POLL_SECONDS)
        waits += [max(0.0, w.deadline - now) for w in busy if w.deadline is not None]
        return min(waits) if waits else None

    # -- the batch ----------------------------------------------------------------------
    def run(self, items: Sequence[str]) -> Iterator[tuple[int, T]]:
        """Yield ``(index, result)`` for every item, as each finishes (not in input order)."""
        queue: deque[tuple[int, str]] = deque(enumerate(items))
        remaining = len(items)
        workers: list[_Worker] = []
        try:
            while remaining:
                busy = sum(1 for w in workers if w.job is not None)
                while len(workers) < min(self.size, busy + len(queue)):
                    workers.append(self._start())
                self._feed(workers, queue)
                handles: list[Any] = [w.conn for w in workers] + [w.process.sentinel for w in workers]
                wait(handles, timeout=self._wait_time(workers))
                finished: list[tuple[int, T]] = []
                for worker in list(workers):
                    results, gone = self._service(worker)
                    if gone:
                        workers.remove(worker)
                    finished.extend(results)
                # The next files go out before these results are handed on: the caller
                # formats and writes each result while the workers already read the next
                # plans, instead of every worker idling for that time after every plan.
                self._feed(workers, queue)
                for result in finished:
                    remaining -= 1
                    yield result
        finally:
            self._stop_all(workers)

    def _feed(self, workers: list[_Worker], queue: deque[tuple[int, str]]) -> None:
        """Give the next file to every started worker that has none."""
        for worker in workers:
            if worker.ready and worker.job is None and queue:
                job = queue.popleft()
                if not self._dispatch(worker, job):
                    queue.appendleft(job)

