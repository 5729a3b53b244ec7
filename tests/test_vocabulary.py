"""config/vocabulary.py: the data files are checked against their schema when loaded, a
defect is one line naming file and line, the language file chooses the words and marks
extraction reads, and code finds furniture lines by the role a rule declares, not its name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_scripts import pipeline
from build_scripts.config.vocabulary import DATA_DIR, RULE_ROLES, VocabularyError, load_vocabulary
from build_scripts.extract.clean import clean
from build_scripts.extract.metadata import extract_author, extract_date, extract_outlet, extract_via
from conftest import run_cli


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of the shipped data folder to break one thing in."""
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    return folder


def edit(path: Path, old: str, new: str) -> int:
    """Replace the one occurrence of `old` in a data file; the line number where `new` starts."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    start = text.index(old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text.count("\n", 0, start) + 1


def defect(folder: Path, language: str = "en") -> str:
    with pytest.raises(VocabularyError) as error:
        load_vocabulary(folder, language)
    message = str(error.value)
    assert "\n" not in message
    return message


def test_the_shipped_data_loads_with_roles_on_its_furniture_rules():
    vocab = load_vocabulary()
    assert vocab is load_vocabulary() and vocab.language == "en"
    roles = {rule.name: rule.role for rule in vocab.line_rules if rule.role}
    assert roles == {"via-credit": "via-credit", "byline": "byline", "byline-date": "byline-date",
                     "copyright-notice": "copyright", "skip-link": "navigation", "site-navigation": "navigation",
                     "back-link": "navigation"}
    assert set(roles.values()) <= set(RULE_ROLES)
    assert vocab.quote_marks.open == '"“' and vocab.month_names[2] == "March" and vocab.byline_cues == ("by",)


def test_words_yaml_would_read_as_booleans_are_text():
    """`On` and `No` unquoted were read by YAML as true and false, so they were silently missing."""
    vocab = load_vocabulary()
    assert "On" in vocab.not_names and "No" in vocab.abbreviations


def test_unknown_key(data):
    line = edit(data / "topics.yml", "    title: No backdoors\n", "    titel: No backdoors\n")
    assert defect(data) == (f"{data}/topics.yml:{line}: topics[0]: unknown key 'titel' "
                            "(expected one of: slug, title, description, patterns, requires, excludes, window)")


def test_a_misspelt_top_level_key_of_the_language_file(data):
    line = edit(data / "languages/en.yml", "\nevent_verbs:", "\nevent_verb:") + 1
    assert defect(data).startswith(f"{data}/languages/en.yml:{line}: unknown key 'event_verb' (expected one of: ")


def test_wrong_type(data):
    line = edit(data / "boilerplate.yml", "    search: true", '    search: "yes"')
    assert defect(data) == f"{data}/boilerplate.yml:{line}: line_rules[0].search: expected true or false, found text"


def test_a_word_yaml_reads_as_a_boolean_says_to_quote_it(data):
    line = edit(data / "languages/en.yml", ' "On", At,', " On, At,")
    assert defect(data) == (f"{data}/languages/en.yml:{line}: not_names[20]: expected text, found true or false "
                            '(YAML reads On as true or false: write it in quotes, "On")')


def test_invalid_regex_in_topics_names_the_pattern_line(data):
    line = edit(data / "topics.yml", "'back ?doors?'", "'back (doors?'")
    assert defect(data).startswith(f"{data}/topics.yml:{line}: topics[0].patterns[0].match: invalid regular expression: ")


RULES = """\
excludes: ['[?]$']
topics:
  - slug: doors
    title: Doors
    window: 10
    requires: ['never']
    patterns:
      - 'back ?doors?'
      - {match: 'hidden access', window: 2, excludes: ['glass']}
"""


@pytest.mark.parametrize("old, new, message", [
    ("window: 2,", "windw: 2,", "topics[0].patterns[1]: unknown key 'windw' (expected one of: match, requires, excludes, window)"),
    ("{match: 'hidden access',", "{", "topics[0].patterns[1]: missing required key 'match'"),
    ("window: 2,", "window: 0,", "topics[0].patterns[1].window: must be at least 1, not 0"),
    ("excludes: ['glass']", "requires: []", "topics[0].patterns[1].requires: must list at least 1 item(s)"),
    ("'back ?doors?'", "12", "topics[0].patterns[0]: expected a regular expression (text) or a mapping, found a number "
     '(YAML reads 12 as a number: write it in quotes, "12")'),
    ("window: 10", "window: ten", "topics[0].window: expected a whole number, found text"),
    ("['never']", "['never(']", "topics[0].requires[0]: invalid regular expression: missing )"),
    ("['glass']", "['glass(']", "topics[0].patterns[1].excludes[0]: invalid regular expression: missing )"),
    ("['[?]$']", "['([?]$']", "excludes[0]: invalid regular expression: missing )"),
])
def test_a_topic_rule_that_does_not_fit_is_one_line(data, old, new, message):
    """Conditions on a topic or on one pattern are checked like every other key; a plain
    pattern and a pattern with conditions may share a list."""
    (data / "topics.yml").write_text(RULES, encoding="utf-8")
    assert [(r.slug, r.match.pattern, len(r.contexts)) for r in load_vocabulary(data).topic_rules] == [
        ("doors", "(?:back ?doors?)", 1), ("doors", "(?:hidden access)", 2)]
    load_vocabulary.cache_clear()
    line = edit(data / "topics.yml", old, new)
    assert defect(data) == f"{data}/topics.yml:{line}: {message}"


def test_invalid_regex_in_a_block_start(data):
    line = edit(data / "boilerplate.yml", "'read next:?'", "'read next:?{2,1}'")
    assert defect(data).startswith(f"{data}/boilerplate.yml:{line}: block_starts[7]: invalid regular expression: ")


def test_furniture_rule_with_an_unknown_role(data):
    line = edit(data / "boilerplate.yml", "    role: byline\n", "    role: bylin\n")
    assert defect(data) == (f"{data}/boilerplate.yml:{line}: line_rules[6].role: 'bylin' is not one of: "
                            "byline, byline-date, via-credit, outlet-line, byline-role, author-bio, copyright, site-name, navigation, date-line")


def test_a_rule_named_like_a_role_must_play_it(data):
    line = edit(data / "boilerplate.yml", "  - name: byline\n    role: byline\n", "  - name: byline\n")
    assert defect(data) == f"{data}/boilerplate.yml:{line}: line_rules[6]: a rule named 'byline' must declare 'role: byline'"


def test_a_rule_may_not_take_a_name_the_cleaner_gives(data):
    line = edit(data / "boilerplate.yml", "  - name: video-marker", "  - name: title")
    assert defect(data) == (f"{data}/boilerplate.yml:{line}: line_rules[3]: 'title' is the name the cleaner "
                            "gives lines it finds itself; name this rule otherwise")


def test_missing_required_key(data):
    line = edit(data / "topics.yml", "    title: Privacy\n", "")
    assert defect(data) == f"{data}/topics.yml:{line - 1}: topics[6]: missing required key 'title'"


def test_a_repeated_key_and_a_repeated_slug(data):
    line = edit(data / "topics.yml", "    title: Privacy\n", "    title: Privacy\n    title: Private\n")
    assert defect(data) == f"{data}/topics.yml:{line + 1}: topics[6]: key 'title' again (first on line {line})"
    edit(data / "topics.yml", "    title: Private\n", "")
    first = edit(data / "topics.yml", "  - slug: no-backdoors\n", "  - slug: no-backdoors\n")
    line = edit(data / "topics.yml", "  - slug: privacy\n", "  - slug: no-backdoors\n")
    assert defect(data) == f"{data}/topics.yml:{line}: topics[6].slug: 'no-backdoors' again (first on line {first})"


def test_a_slot_a_pattern_needs_and_a_list_of_the_wrong_length(data):
    line = edit(data / "languages/en.yml", "{outlet}\\s+team'", "\\s+team'")
    assert defect(data) == f"{data}/languages/en.yml:{line}: bio_outlet_patterns[1]: must contain {{outlet}} exactly once"
    edit(data / "languages/en.yml", "\\s+team'", "{outlet}\\s+team'")
    line = edit(data / "languages/en.yml", ", November, December]\n  abbreviations", ", November]\n  abbreviations")
    assert defect(data) == f"{data}/languages/en.yml:{line}: months.names: must list exactly 12 items, not 11"


def test_not_yaml_and_no_file(data):
    line = edit(data / "outlets.yml", "  - name: BBC\n", "  - name: [BBC\n")
    assert defect(data).startswith(f"{data}/outlets.yml:{line + 1}: not valid YAML: ")
    (data / "outlets.yml").unlink()
    assert defect(data) == f"{data}/outlets.yml: no such data file"


def test_unknown_language(data):
    assert defect(data, "xx") == "language 'xx': no file languages/xx.yml (available: en)"
    assert defect(data, "../topics") == "language '../topics': no file languages/../topics.yml (available: en)"


SEED = """Acme pledges open audits
By Tom Hart | 3 June 2021

Acme said it would publish the results of the audit on Monday.

Tom Hart is a technology reporter at The Daily Ledger, where he covers telecoms and security policy in Europe and Asia.
Via: the BBC
"""


def read(text, vocab):
    cleaned = clean(text, vocab)
    return {"author": extract_author(cleaned, vocab), "outlet": extract_outlet(cleaned, vocab),
            "via": extract_via(cleaned, vocab), "date": extract_date(text, cleaned, vocab)}


def test_renamed_furniture_rules_keep_author_outlet_via_and_date(data):
    """Code selects lines by the role a rule declares: renaming the rules changes only the
    names shown (before, when code asked for rule names, author, outlet and via were lost)."""
    for old, new in [("byline", "author-line"), ("via-credit", "credited-to"), ("byline-date", "published-line")]:
        edit(data / "boilerplate.yml", f"  - name: {old}\n", f"  - name: {new}\n")
    renamed = load_vocabulary(data)
    expected = {"author": "Tom Hart", "outlet": "The Daily Ledger", "via": "BBC", "date": ("2021-06-03", "day")}
    assert read(SEED, load_vocabulary()) == expected
    assert read(SEED, renamed) == expected
    assert [r.rule for r in clean(SEED, renamed).removed] == ["title", "author-line", "author-bio", "credited-to"]


FRENCH_MONTHS = "[janvier, février, mars, avril, mai, juin, juillet, août, septembre, octobre, novembre, décembre]"


def test_the_language_file_chooses_quote_marks_cues_and_months(data, tmp_path):
    """Through the whole pipeline: a language with « » quotation marks, "Par" by-lines and
    French month names reads the seed the shipped English cannot."""
    english = (data / "languages/en.yml").read_text(encoding="utf-8")
    (data / "languages/fr.yml").write_text(
        english.replace("  open: ['\"', '“']", "  open: ['«']").replace("  close: ['\"', '”']", "  close: ['»']")
        .replace("byline_cues: [by]", "byline_cues: [par]")
        .replace("  names: [January, February, March, April, May, June, July, August, September, October, November,"
                 " December]", f"  names: {FRENCH_MONTHS}"), encoding="utf-8")
    edit(data / "boilerplate.yml", "pattern: 'by\\s+", "pattern: 'par\\s+")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "acme.txt").write_text(
        "Acme promet des audits\nPar Jeanne Roe | 5 mars 2019\n\n"
        "«We will never build a backdoor into any of our products,» said Jan Novak, chief executive of Acme.\n",
        encoding="utf-8")
    french = load_vocabulary(data, "fr")
    (source,) = pipeline.load(seeds, vocabulary=french).sources
    assert (source.author, source.date) == ("Jeanne Roe", "2019-03-05")
    assert [(c.text, c.speaker, c.quote) for c in source.claims] == [
        ("We will never build a backdoor into any of our products", "Jan Novak", True)]
    (english_reading,) = pipeline.load(seeds, vocabulary=load_vocabulary()).sources
    assert (english_reading.author, english_reading.date) == (None, None)
    assert all(not c.quote for c in english_reading.claims)


def test_check_with_a_bad_data_folder_prints_one_line_and_fails(data):
    """End to end: the `data_dir` and `language` plugin options reach the loader, and a
    defect stops `check` with the loader's one line, no traceback."""
    line = edit(data / "topics.yml", "'back ?doors?'", "'back (doors?'")
    result = run_cli("check", "-o", f"data_dir={data}")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"{data}/topics.yml:{line}: topics[0].patterns[0].match: invalid regular expression: missing )"]
    edit(data / "topics.yml", "'back (doors?'", "'back ?doors?'")
    result = run_cli("check", "-o", f"data_dir={data}", "-o", "language=xx")
    assert (result.returncode, result.stderr) == (1, "language 'xx': no file languages/xx.yml (available: en)\n")
    assert run_cli("check", "-o", f"data_dir={data}").returncode == 0


def test_a_list_compared_in_lower_case_must_be_written_so(data):
    """A capitalised role never matched (roles are looked for in lower-cased text): now it is an error."""
    line = edit(data / "languages/en.yml", " ambassador, director,", " Ambassador, director,")
    assert defect(data) == (f"{data}/languages/en.yml:{line}: roles[30]: 'Ambassador' is not in lower case "
                            "(the text is compared in lower case)")


def test_an_outlet_says_what_it_is_and_only_with_a_known_type(data):
    vocab = load_vocabulary()
    assert vocab.outlet_types["Reuters"] == "wire service" and vocab.outlet_types["CGTN"] == "state media"
    line = edit(data / "outlets.yml", "    type: wire service\n    aliases: [Reuters]\n",
                "    type: news wire\n    aliases: [Reuters]\n")
    assert defect(data) == (f"{data}/outlets.yml:{line}: outlets[3].type: 'news wire' is not one of: newspaper, magazine, "
                            "online news, wire service, broadcaster, state media, company newsroom, government, "
                            "non-profit, blog")
    edit(data / "outlets.yml", "    type: news wire\n", "")
    assert "Reuters" not in load_vocabulary(data).outlet_types  # the type may be left out
