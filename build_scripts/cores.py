"""Run independent per-item work on every core, for batches big enough to pay for it.

Workers are forked, so they inherit the function and its shared context (vocabulary,
catalogue) from memory; only the items and the results cross process boundaries.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import traceback
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from build_scripts.config.settings import DEFAULT_PARALLEL_FROM
from build_scripts.model import one_line

PARALLEL_FROM = DEFAULT_PARALLEL_FROM  # items; below this, starting worker processes costs more than it saves
_threshold = [PARALLEL_FROM]


def parallel_from() -> int:
    """The number of items from which work goes to every core: PARALLEL_FROM, or the
    `parallel_from` option of the run under way (see `parallel_threshold`)."""
    return _threshold[-1]


@contextmanager
def parallel_threshold(items: int) -> Iterator[None]:
    """Use every core from `items` items on while the block runs: the plugin and the CLI set
    it from the validated `parallel_from` option (tests use it to run the parallel path on
    small corpora). A process-wide setting, as the cores are; nested use restores the outer."""
    _threshold.append(items)
    try:
        yield
    finally:
        _threshold.pop()


def map_on_cores(function: Callable[[Any, Any], Any], context: Any, items: list, parallel: bool | None = None) -> list:
    """`[function(context, item) for item in items]`, spread over the cores when it helps:
    by default when there are `parallel_from()` items or more; a caller whose items are
    already batches of work says so with `parallel`, and each item is then one task."""
    workers = os.cpu_count() or 1
    batched = parallel is not None
    if not (parallel if batched else len(items) >= parallel_from()) or workers < 2 or len(items) < 2:
        return [function(context, item) for item in items]
    step = 1 if batched else -(-len(items) // (workers * 8))
    chunks = [items[i : i + step] for i in range(0, len(items), step)]
    return [result for chunk in _map_chunks(function, context, chunks, min(workers, len(chunks))) for result in chunk]


def _map_chunks(function: Callable, context: Any, chunks: list[list], workers: int) -> list[list]:
    """Each forked worker owns one pipe each way and shares no lock with anyone, so the
    parent can stop the work at any moment (Ctrl-C, SIGTERM) by killing its workers:
    multiprocessing.Pool's terminate could wait for ever on a queue lock held by a worker
    blocked reading the next task. The chunks are in the workers' memory from the fork;
    only a chunk's number goes out and its pickled results come back. The next chunk goes
    to whichever worker finishes first, so one long chunk does not hold the others up."""
    from multiprocessing.connection import Pipe, wait

    started: list[tuple[int, Any, Any]] = []  # (pid, task pipe end, result pipe end)
    results: list[list | None] = [None] * len(chunks)
    try:
        for _ in range(workers):
            task_read, task_write = Pipe(duplex=False)
            result_read, result_write = Pipe(duplex=False)
            pid = os.fork()
            if pid == 0:  # the worker: never returns into the parent's code
                task_write.close()
                result_read.close()
                _serve(function, context, chunks, task_read, result_write)
            task_read.close()
            result_write.close()
            started.append((pid, task_write, result_read))
        owner: dict[Any, tuple[Any, int | None]] = {}
        queue = iter(range(len(chunks)))
        for _, tasks, answers in started:
            owner[answers] = (tasks, _hand_out(tasks, queue))
        while any(index is not None for _, index in owner.values()):
            for answers in wait([a for a, (_, index) in owner.items() if index is not None]):
                tasks, index = owner[answers]
                status, payload = pickle.loads(answers.recv_bytes())
                if status == "error":
                    raise RuntimeError(f"a worker process failed:\n{payload}")
                results[index] = payload
                owner[answers] = (tasks, _hand_out(tasks, queue))
        return results  # type: ignore[return-value]
    finally:
        for pid, tasks, answers in started:
            try:
                os.kill(pid, signal.SIGKILL)  # done or not: nothing of a worker is kept
            except ProcessLookupError:
                pass
            tasks.close()
            answers.close()
        for pid, _, _ in started:
            os.waitpid(pid, 0)


def _hand_out(tasks, queue: Iterator[int]) -> int | None:
    index = next(queue, None)
    if index is not None:
        tasks.send_bytes(index.to_bytes(8, "little"))
    return index


def _serve(function: Callable, context: Any, chunks: list[list], tasks, answers) -> None:
    """A worker's life: run the chunks it is handed until the parent kills it."""
    status = 0
    try:
        while True:
            index = int.from_bytes(tasks.recv_bytes(), "little")
            try:
                reply = ("ok", [function(context, item) for item in chunks[index]])
            except Exception:
                reply = ("error", traceback.format_exc())
            answers.send_bytes(pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException:
        status = 1
    finally:
        os._exit(status)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold Python's cycle collector while a corpus is built. Conversion allocates
    hundreds of thousands of small objects that all stay alive, and the collector would
    rescan them again and again (it made unpickling the workers' results four times
    slower); the model has no reference cycles to collect. Nested use is harmless."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def fork_aside(work: Callable[[], None], failure: str) -> int:
    """Run WORK in a child process in a process group of its own (so `stop_aside` stops what it
    started, Pagefind included) while this one goes on; the child's pid. If WORK fails, its
    error goes to the file FAILURE in one line (`aside_failure` reads it back)."""
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            os.setpgid(0, 0)
            work()
            status = 0
        except BaseException as error:
            with open(failure, "w", encoding="utf-8") as out:
                out.write(one_line(str(error)) or type(error).__name__)
        finally:
            os._exit(status)
    try:
        os.setpgid(pid, pid)  # here too: a stop may come before the child has run
    except OSError:
        pass
    return pid


def aside_failure(status: int, failure: str) -> str | None:
    """Why a child of `fork_aside` failed (its wait STATUS), or None if it did not."""
    if status == 0:
        return None
    if os.path.isfile(failure):
        with open(failure, encoding="utf-8") as found:
            return found.read()
    return f"exit status {status}"


def stop_aside(pid: int, wait: bool = False) -> None:
    """Stop a child of `fork_aside` and whatever it started; WAIT: reap it too."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if wait:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
