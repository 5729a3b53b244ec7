"""commands/stop_signals.py: stop signals raise instead of killing, wait inside held steps,
and an ignored one stays ignored. Each test signals this process itself, synchronously."""

from __future__ import annotations

import os
import signal

import pytest

from build_scripts.commands.stop_signals import STOP_SIGNALS, Stopped, held, raising


@pytest.fixture(autouse=True)
def handlers_restored():
    before = {s: signal.getsignal(s) for s in STOP_SIGNALS}
    yield
    for signum, handler in before.items():
        signal.signal(signum, handler)


def test_the_stop_signals():
    assert STOP_SIGNALS == (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_stop_signal_raises_stopped_with_its_number(signum):
    with pytest.raises(Stopped) as raised:
        with raising():
            signal.raise_signal(signum)
    assert raised.value.signum == signum
    assert isinstance(raised.value, KeyboardInterrupt)  # so Ctrl-C handling covers every stop


def test_handlers_are_put_back_afterwards():
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with raising():
        assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_an_ignored_signal_stays_ignored():
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    with raising():
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
        signal.raise_signal(signal.SIGHUP)  # nohup: nothing happens


def test_held_signals_arrive_when_the_step_is_done_first_one_first():
    steps = []
    with pytest.raises(Stopped) as raised:
        with raising():
            with held():
                os.kill(os.getpid(), signal.SIGTERM)
                os.kill(os.getpid(), signal.SIGHUP)
                steps.append("finished")
            steps.append("not reached")
    assert steps == ["finished"]
    assert raised.value.signum == signal.SIGTERM


def test_held_without_a_signal_changes_nothing():
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with held():
        pass
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
