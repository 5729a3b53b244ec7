"""Property-based tests: arbitrary text never raises, never becomes live HTML, and the
front matter round-trips through python-frontmatter."""

from __future__ import annotations

import datetime as dt

import frontmatter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_scripts.catalogue import build_catalogue
from build_scripts.claims import extract_claims
from build_scripts.clean import clean
from build_scripts.convert import assign_slugs, convert_corpus
from build_scripts.markup import Links
from build_scripts.render_pages import front_matter, render_source_page
from build_scripts.vocabulary import load_vocabulary
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
    assert post.metadata == frontmatter.loads(frontmatter.dumps(frontmatter.Post("", **front_matter(source, catalogue)))).metadata
    doc = parse(post.content)
    allowed = {"blockquote", "p", "q", "span", "a", "dl", "dt", "dd", "ul", "li", "time", "code", "br", "ol",
               "mark", "div", "details", "summary", "pre", "table", "caption", "thead", "tbody", "tr", "th", "td", "h3"}
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
