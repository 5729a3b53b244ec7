"""Property-based tests: arbitrary text never raises, never becomes live HTML, and the
front matter round-trips through python-frontmatter."""

from __future__ import annotations

import datetime as dt

import frontmatter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_scripts.catalogue import build_catalogue
from build_scripts.extract.claims import extract_claims
from build_scripts.extract.clean import clean
from build_scripts.extract.corpus import convert_corpus
from build_scripts.model.slugs import assign_slugs
from build_scripts.render.markup import Links
from build_scripts.render.pages import front_matter, render_source_page
from build_scripts.config.vocabulary import load_vocabulary
from html_tools import parse

VOCAB = load_vocabulary()
FRAGMENTS = st.sampled_from([
    '"', "“", "”", "said ", " Jan Novak", ", chief executive of Acme,", "\n\n", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "{{ x }}", "{% y %}", "[a](javascript:z)", "---\n", "Learn More\n",
    "We ensure data. ", "he added.", "no backdoors", ". ", "Mr. ", "&amp;", "\x0b", "🔒", "日本",
])
TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=30)), max_size=40).map("".join)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(TEXT)
def test_clean_and_extract_never_raise(text):
    cleaned = clean(text, VOCAB)
    speakers, claims = extract_claims(cleaned.body, VOCAB, "Acme")
    for claim in claims:
        assert 0 <= claim.start <= claim.end <= len(cleaned.body)
        assert claim.speaker in {s.name for s in speakers}


@FUZZ
@given(TEXT)
def test_pages_round_trip_and_stay_inert(text):
    corpus = convert_corpus({"x.txt": text.encode("utf-8", "surrogatepass")}, {}, VOCAB, dt.date(2026, 1, 1))
    if not corpus.sources:
        assert corpus.errors
        return
    catalogue = build_catalogue(corpus)
    source = corpus.sources[0]
    page = render_source_page(source, catalogue, Links())
    post = frontmatter.loads(page)
    assert post.metadata == frontmatter.loads(frontmatter.dumps(frontmatter.Post("", **front_matter(source)))).metadata
    doc = parse(post.content)
    allowed = {"blockquote", "p", "q", "span", "a", "dl", "dt", "dd", "ul", "li", "time", "code", "br", "ol",
               "mark", "div", "details", "summary", "pre", "table", "caption", "thead", "tbody", "tr", "th", "td", "h3",
               "label", "textarea", "button"}  # the citation box
    for tag, attrs in doc.elements:
        assert tag in allowed, tag
        assert not any(k.startswith("on") for k in attrs)
        assert not (attrs.get("href") or "").lower().startswith("javascript")


@FUZZ
@given(st.lists(st.text(min_size=0, max_size=80), min_size=1, max_size=6))
def test_slugs_are_distinct_and_safe(titles):
    corpus = convert_corpus({f"{i}.txt": f"{t}\n\nAcme said it will never sell data.".encode() for i, t in enumerate(titles)},
                            {}, VOCAB, dt.date(2026, 1, 1))
    slugs = [s.slug for s in assign_slugs(list(corpus.sources))]
    assert len(set(slugs)) == len(slugs)
    for slug in slugs:
        assert slug and all(c.isascii() and (c.isalnum() or c == "-") for c in slug) and len(slug) <= 80


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6),
    st.sampled_from(["null", "yes", "No", "~", "2019-06-17", "12:30", "0x1F", "1e3", ".inf", "- a", ": b", "#c",
                     "'q'", '"q"', "a: b", " lead", "trail ", "", "@x", "`y`", "*z", "&w", "!t", "%p", "|", ">"]),
    st.text(max_size=60),
)
DATA = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(min_size=1, max_size=12), inner, max_size=4)), max_leaves=20)


@FUZZ
@given(st.dictionaries(st.text(min_size=1, max_size=12).filter(lambda k: k not in ("content", "handler")), DATA, max_size=6))
def test_front_matter_handler_writes_what_pyyaml_dump_writes(metadata):
    """The fast handler must be a drop-in for python-frontmatter's default YAML output."""
    import yaml
    from frontmatter.default_handlers import YAMLHandler

    from build_scripts.render.front_matter import FrontMatterHandler

    post = frontmatter.Post("body", **metadata)
    written = frontmatter.dumps(post, handler=FrontMatterHandler())
    assert frontmatter.loads(written).metadata == metadata
    if not _unicode_space_at_an_edge(metadata):  # there PyYAML writes what python-frontmatter cannot read back
        expected = frontmatter.dumps(post, handler=YAMLHandler(), sort_keys=True,
                                     Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper))
        assert written == expected


def test_front_matter_keeps_unicode_space_at_the_edges():
    """Found by the property above: PyYAML's plain output of {'\xa0': None} does not read back."""
    from build_scripts.render.front_matter import FrontMatterHandler

    for metadata in ({"\xa0": None}, {"title": "Headline\u3000"}, {"z": ["\u2003lead"]}):
        post = frontmatter.Post("body", **metadata)
        assert frontmatter.loads(frontmatter.dumps(post, handler=FrontMatterHandler())).metadata == metadata


def _unicode_space_at_an_edge(data: object) -> bool:
    if isinstance(data, str):
        return any(ch.isspace() and ch not in " \t\n\r" for ch in (data[:1], data[-1:]) if ch)
    if isinstance(data, dict):
        return any(_unicode_space_at_an_edge(k) or _unicode_space_at_an_edge(v) for k, v in data.items())
    if isinstance(data, list):
        return any(_unicode_space_at_an_edge(v) for v in data)
    return False


PAGE_PATHS = [
    "index.md", "methodology.md", "timeline.md", "timeline/page-2.md", "sources/index.md", "sources/page-3.md",
    "sources/acme.md", "sources/acme-2.md", "sources/index-source.md", "speakers/index.md", "speakers/jan-novak.md",
    "speakers/jan-novak/page-2.md", "outlets/metro.md", "outlets/metro/page-2.md", "topics/no-backdoors.md",
    "topics/no-backdoors/page-2.md", "data/claims.json", "feed.xml", "sources/acme/original.txt",
]


def test_links_are_the_relative_urls_mkdocs_computes():
    """`Links.href` caches per folder; it must still give MkDocs' own shortest URL
    (every pair of these paths, in both URL styles)."""
    import posixpath

    from mkdocs.utils import get_relative_url

    for directory_urls in (True, False):
        links = Links(use_directory_urls=directory_urls)
        for here in PAGE_PATHS:
            for there in PAGE_PATHS:
                expected = get_relative_url(links.url_of(there), links.url_of(here))
                if not directory_urls and expected in (".", "./"):
                    expected = posixpath.basename(links.url_of(there))
                assert links.href(here, there) == expected, (here, there, directory_urls)


FURNITURE = st.sampled_from([
    "Share this article", "Read more", "By Jan Novak", "By Jan Novak, Reuters", "Published: 3 May 2021",
    "(Image credit: Getty Images)", "Via Reuters", "Home > Tech > Security", "12:30", "This site uses cookies.",
    "We use cookies to improve the site " + "x" * 200, "Sources: our reporting", "Video", "Advertisement",
])


@FUZZ
@given(st.lists(st.one_of(FURNITURE, TEXT, FURNITURE.map(lambda f: f + " and more text"), TEXT.map(lambda t: t + " uses cookies"))
                .map(lambda line: line.replace("\n", " ")), max_size=12))
def test_line_rules_in_one_pattern_decide_as_the_rules_one_by_one(lines):
    from build_scripts.extract.clean import _mark_line_rules

    expected = {}
    for i, raw in enumerate(lines):
        line = raw.strip()
        rule = next((r for r in VOCAB.line_rules if line and (r.search or len(line) <= 200) and r.matches(line)), None)
        if rule:
            expected[i] = rule.name
    found: dict[int, str] = {}
    _mark_line_rules(lines, VOCAB, found)
    assert found == expected
