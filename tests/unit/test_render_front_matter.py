"""render/front_matter.py: the YAML front matter handler writes what PyYAML would, faster."""

from __future__ import annotations

import frontmatter
import pytest
import yaml

from build_scripts.render.front_matter import FrontMatterHandler

HANDLER = FrontMatterHandler()


def test_plain_data_sorted_block_style_and_unicode_kept():
    data = {"b": 1, "a": "x", "c": None, "d": True, "e": [1, "y"], "f": {"z": "w"}, "g": "José"}
    assert HANDLER.export(data) == "a: x\nb: 1\nc: null\nd: true\ne:\n- 1\n- y\nf:\n  z: w\ng: José"


def test_strings_that_would_read_back_as_other_types_are_quoted():
    assert HANDLER.export({"a": "yes", "b": "1", "c": "", "d": "null"}) == "a: 'yes'\nb: '1'\nc: ''\nd: 'null'"


def test_same_text_as_pyyaml_dump():
    data = {"title": "A: b", "claims": [{"id": "claim-1", "quote": False, "topics": []}], "date": "2019-03-05"}
    assert HANDLER.export(data) == yaml.dump(data, Dumper=yaml.SafeDumper, sort_keys=True, allow_unicode=True).strip()


def test_unicode_space_at_an_edge_is_double_quoted_and_reads_back_whole():
    data = {"a": "\xa0x", "b": "x\u3000", "c": "x\xa0y"}
    assert HANDLER.export(data) == 'a: "\xa0x"\nb: "x\u3000"\nc: x\xa0y'
    page = frontmatter.dumps(frontmatter.Post("body", **data), handler=HANDLER)
    assert frontmatter.loads(page).metadata == data


def test_values_front_matter_never_holds_are_refused():
    with pytest.raises(TypeError, match="front matter cannot hold float"):
        HANDLER.export({"a": 1.5})
