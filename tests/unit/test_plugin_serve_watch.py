"""plugin.serve.SeedsWatch: the seeds folder watched through change notices, the rest polled,
and the seeds polled too where notices fail."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

import pytest

from watchdog.events import FileSystemEventHandler
from watchdog.observers.polling import PollingObserver

from build_scripts.plugin.serve import SeedsWatch


class Seen(FileSystemEventHandler):
    def __init__(self) -> None:
        self.events: list[str] = []
        self.changed = threading.Event()

    def on_any_event(self, event) -> None:
        self.events.append(event.event_type)
        self.changed.set()


def test_the_seeds_are_watched_by_notice_and_a_read_is_no_change(tmp_path):
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    seeds.mkdir()
    docs.mkdir()
    (seeds / "a.txt").write_text("words")
    polling = PollingObserver(timeout=0.1)
    watch = SeedsWatch(polling, str(seeds))
    mine, theirs = Seen(), Seen()
    watch.schedule(mine, str(seeds), recursive=True)
    watch.schedule(theirs, str(docs), recursive=True)
    assert watch.native is not None and [e.watch.path for e in polling.emitters] == [str(docs)]
    watch.start()
    try:
        time.sleep(0.3)
        (seeds / "a.txt").read_text()  # opened and closed: what every rebuild does to every seed
        assert not mine.changed.wait(0.5), mine.events
        (seeds / "a.txt").write_text("other words")
        assert mine.changed.wait(5) and "modified" in mine.events
        (docs / "page.md").write_text("# Page")
        assert theirs.changed.wait(5)
    finally:
        watch.stop()
        watch.join(5)


def test_without_notices_the_seeds_are_polled(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    polling = PollingObserver(timeout=0.1)
    watch = SeedsWatch(polling, str(seeds))
    mine = Seen()
    watch.schedule(mine, str(seeds), recursive=True)

    def no_notices() -> None:
        raise OSError(24, "inotify instance limit reached")

    monkeypatch.setattr(watch.native, "start", no_notices)
    watch.start()
    try:
        assert watch.native is None and [e.watch.path for e in polling.emitters] == [str(seeds)]
        time.sleep(0.3)
        (seeds / "b.txt").write_text("new")
        assert mine.changed.wait(5)
    finally:
        watch.stop()
        watch.join(5)


@pytest.mark.parametrize("poll_seeds", [False, True])
def test_the_plugin_hands_the_seeds_to_notices_unless_told_to_poll(tmp_path, poll_seeds):
    from build_scripts.plugin import ClaimlinePlugin

    plugin = ClaimlinePlugin()
    plugin.load_config({"seeds_dir": str(tmp_path), "poll_seeds": poll_seeds})
    polling = PollingObserver()
    server = SimpleNamespace(observer=polling, watched=[])
    server.watch = lambda path: (server.watched.append(path), server.observer.schedule(Seen(), path, recursive=True))
    plugin.on_serve(server, None, None)
    assert server.watched == [str(tmp_path)]
    if poll_seeds:
        assert server.observer is polling and [e.watch.path for e in polling.emitters] == [str(tmp_path)]
    else:
        assert isinstance(server.observer, SeedsWatch) and not polling.emitters and server.observer.native is not None
