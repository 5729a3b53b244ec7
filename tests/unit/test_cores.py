"""cores.py: per-item work spread over the cores gives the results one process would."""

from __future__ import annotations

import gc
import os

from build_scripts.cores import collector_paused, map_on_cores, parallel_from, parallel_threshold


def scaled(factor, item):
    return (item * factor, os.getpid())


def test_small_batches_run_here_in_order():
    results = map_on_cores(scaled, 3, [1, 2, 3])
    assert results == [(3, os.getpid()), (6, os.getpid()), (9, os.getpid())]


def test_batches_said_to_be_parallel_run_in_workers_and_keep_their_order():
    results = map_on_cores(scaled, 10, list(range(6)), parallel=True)
    assert [value for value, _ in results] == [0, 10, 20, 30, 40, 50]
    if (os.cpu_count() or 1) > 1:
        assert os.getpid() not in {pid for _, pid in results}


def test_parallel_false_and_a_single_item_stay_here():
    assert map_on_cores(scaled, 2, [5, 6], parallel=False) == [(10, os.getpid()), (12, os.getpid())]
    assert map_on_cores(scaled, 2, [5], parallel=True) == [(10, os.getpid())]
    assert map_on_cores(scaled, 2, [], parallel=True) == []


def test_collector_is_paused_inside_and_restored_after_even_when_nested():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_already_off_stays_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_threshold_is_the_runs_option_while_it_runs_and_nests():
    default = parallel_from()
    assert default == 400
    with parallel_threshold(2):
        assert parallel_from() == 2
        assert [value for value, _ in map_on_cores(scaled, 1, [1, 2])] == [1, 2]
        with parallel_threshold(50):
            assert parallel_from() == 50
        assert parallel_from() == 2
    assert parallel_from() == default
