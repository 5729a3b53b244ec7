"""Stop signals (Ctrl-C's SIGINT, SIGTERM, SIGHUP) that let a command clean up.

By default SIGTERM and SIGHUP end a Python process on the spot, so a build stopped that
way left its temporary folder behind. While a command runs they raise `Stopped` instead,
like Ctrl-C, and the command unwinds through its own clean-up (`raising`). A few steps
must not be cut in half: signals wait until they are done (`held`).

Worker processes forked meanwhile (`cores.map_on_cores`) must not inherit that handler:
a worker is not the command and has nothing to clean up. So forks happen with the stop
signals blocked, and the new process sets SIGTERM back to its default, ignores SIGINT and
SIGHUP (they reach every process of the job; the parent ends its workers itself) and only
then unblocks them: no signal is lost in between.
"""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from typing import Iterator

STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class Stopped(KeyboardInterrupt):
    """A stop signal as an exception; a command's exit code is then 128 + `signum`, as a
    shell reports a process ended by that signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_stopped(signum: int, frame) -> None:
    raise Stopped(signum)


@contextmanager
def raising() -> Iterator[None]:
    """Stop signals raise `Stopped` for the duration. One ignored when this starts (`nohup`,
    a background job) stays ignored. Outside the main thread, where Python cannot set
    handlers, nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught = [s for s in STOP_SIGNALS if signal.getsignal(s) not in (signal.SIG_IGN, None)]
    previous = {s: signal.signal(s, _raise_stopped) for s in caught}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def held() -> Iterator[None]:
    """Stop signals wait until the block is done, then the first that arrived is
    delivered to the handler in place."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []
    caught = [s for s in STOP_SIGNALS if signal.getsignal(s) not in (signal.SIG_IGN, None)]
    previous = {s: signal.signal(s, lambda signum, frame: arrived.append(signum)) for s in caught}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if arrived:
            signal.raise_signal(arrived[0])


_fork = threading.local()


def _ours(signum: int) -> bool:
    return signal.getsignal(signum) is _raise_stopped


def _before_fork() -> None:
    if any(_ours(s) for s in STOP_SIGNALS):
        _fork.mask = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)


def _after_fork_in_parent() -> None:
    mask = getattr(_fork, "mask", None)
    if mask is not None:
        _fork.mask = None
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _after_fork_in_child() -> None:
    mask = getattr(_fork, "mask", None)
    if mask is None:
        return
    _fork.mask = None
    for signum in STOP_SIGNALS:
        if _ours(signum):
            signal.signal(signum, signal.SIG_DFL if signum == signal.SIGTERM else signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)


os.register_at_fork(before=_before_fork, after_in_parent=_after_fork_in_parent, after_in_child=_after_fork_in_child)
