"""catalogue/: who said what where, by speaker, outlet and topic, shared by every page."""

from __future__ import annotations

from build_scripts.catalogue import build_catalogue
from build_scripts.model import Claim, Speaker
from handmade import corpus, source

ACME = Speaker("Acme", "organisation")


def test_speakers_with_a_claim_sorted_by_name_with_their_roles_and_claims():
    a = source("a.txt", date="2019-01-01")
    b = source("b.txt", date="2020-01-01", speakers=(Speaker("Jan Novak"), ACME, Speaker("Silent")),
               claims=(Claim("We never spy.", "Acme", False, 0, 5),), headline=0, outlet="acme.example")
    cat = build_catalogue(corpus(b, a))
    assert list(cat.speakers) == ["Acme", "Jan Novak"]  # Silent made no claim
    jan, acme = cat.speakers["Jan Novak"], cat.speakers["Acme"]
    assert (jan.slug, jan.kind, acme.slug, acme.kind) == ("jan-novak", "person", "acme", "organisation")
    assert jan.roles == [("chief executive, Acme", a)]
    assert [(ref.source.file, ref.anchor, ref.claim.text) for ref in jan.claims] == [
        ("a.txt", "claim-we-build-no-backdoor-b4f72f", "We build no backdoor"), ("a.txt", "claim-novak-said-the-firm-protects-privacy-a89d77", "Novak said the firm protects privacy.")]
    assert jan.sources == [a] and acme.sources == [b]


def test_outlets_sorted_case_blind_with_their_sources():
    cat = build_catalogue(corpus(source("a.txt", outlet="zeta"), source("b.txt", outlet="Alpha"),
                                 source("c.txt", outlet="Alpha", date="2020"), source("d.txt", outlet=None)))
    assert [(e.name, e.slug, [s.file for s in e.sources]) for e in cat.outlets.values()] == [
        ("Alpha", "alpha", ["b.txt", "c.txt"]), ("zeta", "zeta", ["a.txt"])]


def test_topics_in_taxonomy_order_each_with_its_claims():
    cat = build_catalogue(corpus(source("a.txt")))
    assert {slug: [ref.anchor for ref in entry.claims] for slug, entry in cat.topics.items()} == {
        "no-backdoors": ["claim-we-build-no-backdoor-b4f72f"], "privacy": ["claim-novak-said-the-firm-protects-privacy-a89d77"]}
    assert cat.topics["privacy"].sources == [cat.sources[0]]


def test_two_speakers_whose_names_slug_alike_get_two_pages():
    cat = build_catalogue(corpus(source("a.txt", speakers=(Speaker("Ana Ruiz"), Speaker("Ana  Ruiz")), claims=(
        Claim("x", "Ana Ruiz", True), Claim("y", "Ana  Ruiz", True)), headline=0)))
    assert len({entry.slug for entry in cat.speakers.values()}) == 2


def test_neighbours_in_time_and_none_for_the_undated():
    a, b, c, d = (source("a.txt", date="2018"), source("b.txt", date="2019"), source("c.txt", date="2020"),
                  source("d.txt", date=None))
    cat = build_catalogue(corpus(d, c, b, a))
    assert cat.neighbours(a) == (None, b)
    assert cat.neighbours(b) == (a, c)
    assert cat.neighbours(c) == (b, None)  # the undated source is not next in time
    assert cat.neighbours(d) == (None, None)


def test_related_sources_are_the_nearest_in_time_with_a_flag_for_more():
    sources = [source(f"s{n}.txt", date=f"20{10 + n}") for n in range(6)]
    lonely = source("x.txt", date="2030", outlet="Solo", speakers=(ACME,), topics=(),
                    claims=(Claim("z", "Acme", True),), headline=0)
    cat = build_catalogue(corpus(*sources, lonely))
    related = cat.related(sources[2], limit=2)
    assert {key: ([s.file for s in found], more) for key, (found, more) in related.items()} == {
        "speaker": (["s1.txt", "s3.txt"], True),
        "topic": (["s1.txt", "s3.txt"], True),
        "outlet": (["s1.txt", "s3.txt"], True),
    }
    assert {key: (found, more) for key, (found, more) in cat.related(lonely).items()} == {
        "speaker": ([], False), "topic": ([], False), "outlet": ([], False)}
    assert [s.file for s in cat.related(sources[0], limit=10)["outlet"][0]] == [f"s{n}.txt" for n in range(1, 6)]


def test_pages_by_path():
    a = source("a.txt", slug="acme-pledges")
    assert build_catalogue(corpus(a)).by_path == {"sources/acme-pledges.md": a}


def test_an_organisations_entry_holds_its_peoples_claims_apart_from_its_own():
    acme_said = Claim("Acme never spies.", "Acme", False, 0, 5)
    a = source("a.txt", speakers=(Speaker("Jan Novak", "person", "chief executive", "ACME"), ACME),
               claims=(acme_said, Claim("We build no backdoor", "Jan Novak", True)))
    b = source("b.txt", speakers=(Speaker("Eva Berg", "person", "analyst", "Other Corp"),),
               claims=(Claim("Acme is fine.", "Eva Berg", False),))
    cat = build_catalogue(corpus(a, b))
    acme = cat.speakers["Acme"]
    assert [ref.claim.text for ref in acme.claims] == ["Acme never spies."]
    assert [(ref.claim.speaker, ref.speaker.role) for ref in acme.members] == [("Jan Novak", "chief executive")]
    assert cat.speakers["Eva Berg"].members == []


def test_an_organisation_with_only_its_peoples_claims_still_has_a_page():
    a = source("a.txt", speakers=(Speaker("Jan Novak", "person", "chief executive", "Acme"), ACME))
    cat = build_catalogue(corpus(a))
    assert list(cat.speakers) == ["Acme", "Jan Novak"] and len(cat.speakers["Acme"].members) == 2
