"""How well the topic taxonomy tags claims: a maintainer's script, and what the topic test reads.

    python -m build_scripts.tools.topic_scores [--gold tests/gold/topics.yml] [--data-dir DIR] [--errors SPLIT]

Tags every sentence of a hand-labelled topic file (`tests/gold/topics.yml`: `dev` and
`held_out`, each a list of `{text, topics}`) with the taxonomy of a data folder and prints
precision and recall per topic and over all topics (micro-averaged: every tag counts once),
for each split. `--errors dev` lists the sentences of that split tagged wrongly, to tune on;
leave the held-out split alone.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from build_scripts.config.vocabulary import VocabularyError, load_vocabulary
from build_scripts.extract.topics import tag_topics

GOLD = Path(__file__).resolve().parents[2] / "tests" / "gold" / "topics.yml"
SPLITS = ("dev", "held_out")


class LabelledSetError(ValueError):
    """A labelled file that cannot be read, as one line naming it."""


@dataclass(frozen=True)
class Labelled:
    text: str
    topics: frozenset[str]


@dataclass(frozen=True)
class Counts:
    """Tags right (true positives), given wrongly (false positives) and missed (false negatives)."""

    right: int = 0
    wrong: int = 0
    missed: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.right + other.right, self.wrong + other.wrong, self.missed + other.missed)

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else 1.0

    @property
    def recall(self) -> float:
        return self.right / (self.right + self.missed) if self.right + self.missed else 1.0


def read_labelled(path: Path, known: set[str]) -> dict[str, tuple[Labelled, ...]]:
    """The splits of a labelled file; a defect (a missing split, an item that is not
    `{text, topics}`, an unknown topic) is one line naming the file and line."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise LabelledSetError(f"{path}: {str(error).splitlines()[0]}") from None

    def defect(node, message: str) -> LabelledSetError:
        return LabelledSetError(f"{path}:{node.start_mark.line + 1}: {message}")

    if not isinstance(root, yaml.MappingNode) or sorted(k.value for k, _ in root.value) != sorted(SPLITS):
        raise LabelledSetError(f"{path}: expected exactly the splits {', '.join(SPLITS)}")
    splits = {}
    for key, node in root.value:
        if not isinstance(node, yaml.SequenceNode):
            raise defect(node, f"{key.value}: expected a list")
        items = []
        for i, item in enumerate(node.value):
            value = yaml.SafeLoader(io.StringIO()).construct_object(item, deep=True) if isinstance(item, yaml.MappingNode) else None
            if (not isinstance(value, dict) or not isinstance(value.get("text"), str) or not isinstance(value.get("topics"), list)
                    or set(value) - {"text", "topics", "note"}):
                raise defect(item, f"{key.value}[{i}]: expected {{text, topics}} (and an optional note)")
            unknown = sorted(set(value["topics"]) - known)
            if unknown:
                raise defect(item, f"{key.value}[{i}]: unknown topic '{unknown[0]}'")
            items.append(Labelled(value["text"], frozenset(value["topics"])))
        splits[key.value] = tuple(items)
    return {split: splits[split] for split in SPLITS}


def score(items: tuple[Labelled, ...], tag: Callable[[str], tuple[str, ...]], slugs: tuple[str, ...]) -> dict[str, Counts]:
    """Counts per topic slug for the tagger's topics against the labels."""
    counts = {slug: Counts() for slug in slugs}
    for item in items:
        found = set(tag(item.text))
        for slug in slugs:
            counts[slug] += Counts(int(slug in found and slug in item.topics), int(slug in found and slug not in item.topics),
                                   int(slug not in found and slug in item.topics))
    return counts


def overall(counts: Mapping[str, Counts]) -> Counts:
    return sum(counts.values(), Counts())


def report(counts: Mapping[str, Counts], title: str) -> str:
    rows = [f"{title}", f"  {'topic':36} {'right':>5} {'wrong':>5} {'missed':>6} {'precision':>9} {'recall':>6}"]
    for slug, c in [*counts.items(), ("all topics", overall(counts))]:
        rows.append(f"  {slug:36} {c.right:5} {c.wrong:5} {c.missed:6} {c.precision:9.3f} {c.recall:6.3f}")
    return "\n".join(rows)


def errors(items: tuple[Labelled, ...], tag: Callable[[str], tuple[str, ...]]) -> list[str]:
    lines = []
    for item in items:
        found = set(tag(item.text))
        if found != item.topics:
            extra, missing = sorted(found - item.topics), sorted(item.topics - found)
            lines.append(f"  +{extra} -{missing}: {item.text}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_scripts.tools.topic_scores", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--errors", choices=SPLITS)
    args = parser.parse_args(argv)
    try:
        vocab = load_vocabulary(args.data_dir)
        slugs = tuple(t.slug for t in vocab.topics)
        splits = read_labelled(args.gold, set(slugs))
    except (VocabularyError, LabelledSetError) as error:
        print(error, file=sys.stderr)
        return 1
    tag = lambda text: tag_topics(text, vocab)  # noqa: E731
    for split, items in splits.items():
        print(report(score(items, tag, slugs), f"{split} ({len(items)} sentences)"))
    if args.errors:
        print(f"wrongly tagged in {args.errors}:", *errors(splits[args.errors], tag), sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
