"""YAML front matter, written through python-frontmatter's handler interface.

PyYAML's own `dump` spends most of its time in its pure-Python representer (type
dispatch, alias tracking) and resolver, before libyaml's emitter does the writing. Front
matter here is plain data (dicts, lists, strings, integers, booleans, None) with no
shared objects, so this handler builds PyYAML's node graph directly and hands it to the
same emitter with the same options: the text is identical to `yaml.dump(...,
sort_keys=True)` (a test compares them), three to four times faster, except that a string
with non-ASCII white space at an edge is quoted, so that it reads back whole.
"""

from __future__ import annotations

from functools import lru_cache

import yaml
from frontmatter.default_handlers import YAMLHandler
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

_BASE = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when the wheel has it
_STR, _INT, _BOOL, _NULL = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "bool", "null"))
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


@lru_cache(maxsize=1 << 16)
def _resolve(kind: type, value: str, implicit: tuple[bool, bool]) -> str:
    """The emitter asks, for every scalar, which tag its plain form would read back as;
    the answer depends on the text only (SafeDumper has no path resolvers)."""
    return _RESOLVER.resolve(kind, value, implicit)


_RESOLVER = yaml.resolver.Resolver()


class _Dumper(_BASE):
    def resolve(self, kind, value, implicit):
        return _resolve(kind, value, implicit) if kind is ScalarNode else super().resolve(kind, value, implicit)


def to_node(data: object) -> yaml.Node:
    """SafeRepresenter's node for plain data, with keys sorted as `sort_keys=True` does."""
    if isinstance(data, str):
        return ScalarNode(_STR, data, style='"' if _unicode_space_at_edge(data) else None)
    if data is None:
        return ScalarNode(_NULL, "null")
    if isinstance(data, bool):
        return ScalarNode(_BOOL, "true" if data else "false")
    if isinstance(data, int):
        return ScalarNode(_INT, str(data))
    if isinstance(data, dict):
        return MappingNode(_MAP, [(to_node(k), to_node(v)) for k, v in sorted(data.items())], flow_style=False)
    if isinstance(data, list):
        return SequenceNode(_SEQ, [to_node(v) for v in data], flow_style=False)
    raise TypeError(f"front matter cannot hold {type(data).__name__}")


def _unicode_space_at_edge(value: str) -> bool:
    """libyaml writes a string that starts or ends with non-ASCII white space (U+00A0,
    U+3000…) unquoted, and python-frontmatter strips the block before parsing, so that
    space would be lost or the block unreadable: such strings are written double-quoted."""
    return any(ch.isspace() and ch not in " \t\n\r" for ch in (value[:1], value[-1:]) if ch)


class FrontMatterHandler(YAMLHandler):
    """`frontmatter.dumps(post, handler=FrontMatterHandler())`."""

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        text = yaml.serialize(to_node(metadata), Dumper=_Dumper, allow_unicode=True)
        return text.strip()
