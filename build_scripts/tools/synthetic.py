"""A deterministic synthetic corpus of realistic documents, for benchmarks.

Each document has a headline, a byline with an author bio naming the outlet, a
publication date line, direct quotes (straight and curly, some split around "said X"),
reported claims, page furniture and a related-links block. The same seed number always
gives the same bytes.
"""

from __future__ import annotations

import random

COMPANIES = ["Acme Networks", "Borealis Telecom", "Cobalt Systems", "Delta Devices", "Ember Cloud",
             "Fjord Software", "Granite Energy", "Helix Media", "Iris Technologies", "Juniper Labs"]
FIRST = ["Anna", "Björn", "Carlos", "Dana", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kwame",
         "Lena", "Marta", "Nikhil", "Olga", "Pedro", "Qing", "Rosa", "Sven", "Tomás", "Uma", "Viktor"]
LAST = ["Andersen", "Brennan", "Castillo", "Dubois", "Eriksen", "Fischer", "García", "Haddad", "Ivanova",
        "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quinn", "Rossi"]
ROLES = ["chief executive", "chairman", "chief technology officer", "president", "spokesperson", "founder"]
OUTLETS = ["Northwire", "The Daily Ledger", "Tech Monitor Weekly", "Harbour Times", "Signal Post", "Metro Business"]
PLEDGES = [
    "Our products contain no backdoors, and we will never build one for any government",
    "We are willing to sign no-spy agreements with every government that asks",
    "We will never sell or transfer user data to third parties",
    "Every line of our code is open to independent verification and testing",
    "We guarantee network stability and business continuity for our customers",
    "We are independent from any government and always will be",
    "Privacy is a basic human right and we protect it in every product",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def document(n: int, seed: int = 1) -> str:
    rng = random.Random(seed * 1_000_003 + n)
    company = rng.choice(COMPANIES)
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    surname = person.split()[1]
    role = rng.choice(ROLES)
    outlet = rng.choice(OUTLETS)
    author = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    year, month, day = rng.randint(2013, 2022), rng.randint(1, 12), rng.randint(1, 28)  # before the tests' fixed today (2023-11-14)
    pledge, second = rng.sample(PLEDGES, 2)
    open_q, close_q = ("“", "”") if rng.random() < 0.5 else ('"', '"')
    lines = [
        "This site uses cookies. By continuing to browse the site you are agreeing to our use of cookies.",
        "",
        f"{company} pledges: {pledge.split(',')[0].lower()} (report {n})",
        "",
        f"By {author}",
        "",
        f"Published: {day} {MONTHS[month - 1]} {year}",
        "",
        "(Image credit: Shutterstock)",
        "",
        f"{company} said on {rng.choice(['Monday', 'Tuesday', 'Wednesday'])} that it would publish the results of "
        f"an external audit of its products, as regulators in {rng.choice(['Europe', 'Asia', 'Canada'])} review suppliers.",
        "",
        f"{open_q}{pledge},{close_q} said {person}, {role} of {company}. {open_q}{second}.{close_q}",
        "",
        f"{surname} said the company had invited regulators to test its equipment and to visit its laboratories.",
        "",
        f"{open_q}We know trust has to be earned,{close_q} {surname} added, {open_q}and verification is how we earn it.{close_q}",
        "",
        "The company has repeatedly denied that its equipment poses any risk of espionage.",
        "",
        "Analysts said the market would watch the audit closely.",
        "",
        "Share this article",
        "",
        f"{author} is a technology correspondent at {outlet}. They cover telecoms, cyber security and policy.",
        "",
        "Latest in Security",
        f"{rng.choice(COMPANIES)} reports record quarter",
        f"Regulators open review of {rng.choice(COMPANIES)}",
        f"Five things to know about {rng.choice(['5G', 'cloud', 'encryption'])}",
    ]
    return "\n".join(lines) + "\n"


def corpus(size: int, seed: int = 1) -> dict[str, bytes]:
    return {f"doc-{n:06d}.txt": document(n, seed).encode("utf-8") for n in range(size)}
