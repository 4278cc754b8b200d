#!/usr/bin/env python3
"""Generates a knowledge base of N pages in Diligence's content model, for
benchmarks: deterministic for a given seed, about 5 KB per page, front matter
with lists, references and sources, 3 to 5 sections per body, cross-links.

    python3 Benchmarks/generate.py --pages 10000 --out /tmp/corpus [--seed 1] [--shape default|long-bodies]

Shapes: `default` (about 5 KB per page, four list fields of 2-4 items on
every product, two sources) and `long-bodies` (the same number of pages and
the same front matter keys, but bodies about three times as long, each
product with two of the four list fields, 1-2 items each, and one source:
more Markdown and search text per page, fewer list items and references).

Writes OUT/content/ (site.yml and the four folders). Text is drawn from a
Zipf-distributed vocabulary: a few hundred real words at the head (so queries
like "surveillance" hit many pages) and a long tail of made-up words (so the
index has a realistic number of distinct terms). Not a knowledge base to read:
every fact in it is random.
"""

import argparse
import os
import random
import shutil

COMMON = """the of and to a in is that for it as with on be by this are or from at an not which
can have has its their will may if more other such when than these they also should any all
been into only used use would could some about but were who how there where over what between
each after before most must under both those through same because while during against without
within however where since then them very well made make many much new one two three first
""".split()
DOMAIN = """surveillance export control human rights due diligence end user government product
service capability facial recognition biometric camera thermal imaging drone spyware intrusion
software interception network monitoring analytics social media data location tracking phone
identity sensor recording device licence plate reader body worn dna sequencing kit rapid
wassenaar arrangement initiative code conduct subscriber guidance state department transaction
red flag safeguard contract clause audit remedy grievance mechanism stakeholder intermediary
distributor reseller police ministry interior security agency military judiciary independent
law compel access sensitive record abuse minority journalist activist protester opponent lawyer
repression censorship privacy oversight warrant authorisation proportionality necessity risk
assessment mitigation monitoring remediation transparency reporting policy commitment training
""".split()
SYLLABLES = "ka ri to mu ne sa lo vi de pa ru mi ta no ge zu be la fi co ha je ko ly qu wo xe".split()
REGIONS = ["east-asia-pacific", "europe-eurasia", "near-east", "south-central-asia", "western-hemisphere", "africa"]
CATEGORIES = ["sensors", "biometrics", "data-analytics", "internet-surveillance", "location-tracking", "recording-devices"]
FACTORS = ["no-independent-judiciary", "compelled-data-access", "documented-abuses"]
CODES = """AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC
EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI
LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE
NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC
SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW
TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK""".split()

SITE = """title: Benchmark knowledge base
description: A generated knowledge base for benchmarks; every fact in it is random.
language: en
review_interval_months: 12
risk_levels: [low, medium, high, critical]
regions:
  east-asia-pacific: East Asia and Pacific
  europe-eurasia: Europe and Eurasia
  near-east: Near East
  south-central-asia: South and Central Asia
  western-hemisphere: Western Hemisphere
  africa: Africa
categories:
  sensors: Sensors
  biometrics: Biometric identification
  data-analytics: Data analytics
  internet-surveillance: Internet surveillance tools
  location-tracking: Non-cooperative location tracking
  recording-devices: Recording devices
factors:
  no-independent-judiciary: Lack of an independent judiciary
  compelled-data-access: Laws compelling companies to share sensitive data
  documented-abuses: Record of human rights abuses
regimes:
  wassenaar: Wassenaar Arrangement participating state
  echri: Export Controls and Human Rights Initiative Code of Conduct subscriber
"""


class Words:
    """A Zipf-distributed vocabulary of real head words and made-up tail words."""

    def __init__(self, rng, size=30000):
        tail = set()
        while len(tail) < size - len(COMMON) - len(DOMAIN):
            tail.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
        self.words = COMMON + DOMAIN + sorted(tail)
        weights = [1.0 / (rank + 1) ** 1.07 for rank in range(len(self.words))]
        total = sum(weights)
        self.cumulative = []
        running = 0.0
        for w in weights:
            running += w / total
            self.cumulative.append(running)
        self.rng = rng

    def pick(self, k):
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=k)

    def sentence(self, low=8, high=20):
        words = self.pick(self.rng.randint(low, high))
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    def title(self):
        return " ".join(w.capitalize() for w in self.pick(self.rng.randint(2, 5)))


def quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate(pages, out, seed, shape="default"):
    long_bodies = shape == "long-bodies"
    rng = random.Random(seed)
    words = Words(rng)
    content = os.path.join(out, "content")
    if os.path.exists(content):
        shutil.rmtree(content)
    for folder in ("guidance", "products", "countries", "pages"):
        os.makedirs(os.path.join(content, folder))
    with open(os.path.join(content, "site.yml"), "w") as f:
        f.write(SITE)

    countries = [c.lower() for c in CODES[:min(len(CODES), max(3, pages // 20))]]
    guidance_count = max(3, pages // 20)
    page_count = min(20, max(1, pages // 50))
    product_count = max(1, pages - len(countries) - guidance_count - page_count)
    guidance = [f"step-{i:05d}" for i in range(1, guidance_count + 1)]
    products = [f"product-{i:05d}" for i in range(1, product_count + 1)]
    free = [f"page-{i:05d}" for i in range(1, page_count + 1)]
    everything = ([("guidance", s) for s in guidance] + [("products", s) for s in products]
                  + [("countries", s) for s in countries] + [("pages", s) for s in free])

    def link(here):
        folder, slug = rng.choice(everything)
        return f"[{words.title()}](../{folder}/{slug}.md)"

    def source():
        return (f"  - title: {quoted(words.title())}\n    publisher: {quoted(words.title())}\n"
                f"    date: {rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}\n"
                f"    url: https://example.org/{rng.randint(1, 10**9)}\n")

    def body(here, size):
        sections = []
        for s in range(rng.randint(3, 5)):
            paragraphs = []
            for _ in range(rng.randint(2, 3)):
                sentences = [words.sentence() for _ in range(rng.randint(3, 6))]
                sentences.insert(rng.randint(0, len(sentences)), f"See {link(here)}.")
                paragraphs.append(" ".join(sentences))
            if rng.random() < 0.3:
                paragraphs.append("\n".join(f"- {words.sentence(4, 10)}" for _ in range(rng.randint(2, 4))))
            sections.append(f"## {words.title()} {s + 1}\n\n" + "\n\n".join(paragraphs))
        text = "\n\n".join(sections)
        while len(text) < size:
            text += "\n\n" + " ".join(words.sentence() for _ in range(4))
        return text + "\n"

    def write(folder, slug, front, size):
        with open(os.path.join(content, folder, slug + ".md"), "w") as f:
            f.write("---\n" + front + "---\n" + body((folder, slug), size))

    target = 3600  # body characters; with front matter, about 5 KB per file
    if long_bodies:
        target = 10800  # three times as long
    for i, slug in enumerate(guidance):
        related = "".join(f"  - {rng.choice(['products/' + rng.choice(products), 'countries/' + rng.choice(countries)])}\n" for _ in range(3))
        write("guidance", slug, f"title: {quoted(words.title())}\nsummary: {quoted(words.sentence())}\norder: {i + 1}\n"
              f"related:\n{related}sources:\n{source()}updated: 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n", target)
    # Each country records one concern naming a product; the ratings follow
    # the written rule `diligence check` applies (every product has a control
    # entry: critical when a concern names it, else high).
    concern_of = {code: rng.choice(products) for code in countries}
    named = set(concern_of.values())
    for slug in products:
        lists = ""
        keys = ("capabilities", "misuse", "red_flags", "safeguards")
        if long_bodies:
            keys = sorted(rng.sample(keys, 2), key=keys.index)
        for key in keys:
            items = rng.randint(1, 2) if long_bodies else rng.randint(2, 4)
            lists += f"{key}:\n" + "".join(f"  - {quoted(words.sentence(5, 12))}\n" for _ in range(items))
        refs = ", ".join(sorted(set(rng.choice(countries) for _ in range(rng.randint(1, 4)))))
        steps = "".join(f"  - {s}\n" for s in sorted(set(rng.choice(guidance) for _ in range(2))))
        write("products", slug, f"title: {quoted(words.title())}\nsummary: {quoted(words.sentence())}\n"
              f"category: {rng.choice(CATEGORIES)}\nrisk: {'critical' if slug in named else 'high'}\n"
              f"risk_basis: {quoted(words.sentence())}\n{lists}"
              f"controls:\n  - regime: wassenaar\n    entry: {rng.randint(1, 9)}.A.{rng.randint(1, 9)}\n"
              f"countries: [{refs}]\nguidance:\n{steps}sources:\n{source()}{'' if long_bodies else source()}", target - 1800)
    for code in countries:
        statuses = [rng.choice(['present', 'partial', 'absent']) for _ in FACTORS]
        factors = "".join(f"  {f}:\n    status: {status}\n    note: {quoted(words.sentence(6, 14))}\n    source: 1\n"
                          for f, status in zip(FACTORS, statuses))
        restricts = [rng.random() < 0.2 for _ in range(rng.randint(1, 3))]
        measures = "".join(f"  - authority: {quoted(words.title())}\n    measure: {quoted(words.sentence())}\n    date: 2024-0{rng.randint(1, 9)}\n"
                           f"    source: 1\n" + ("    restricts_exports: true\n" if r else "") for r in restricts)
        # The written country rule, with the one concern every country has.
        risk = "critical" if any(restricts) else "high" if "present" in statuses else "medium"
        write("countries", code, f"country: {code.upper()}\nname: {quoted(words.title())}\nsummary: {quoted(words.sentence())}\n"
              f"region: {rng.choice(REGIONS)}\nrisk: {risk}\nrisk_basis: {quoted(words.sentence())}\n"
              f"factors:\n{factors}regimes: [{rng.choice(['wassenaar', 'echri'])}]\n"
              f"measures:\n{measures}concerns:\n  - products: [{concern_of[code]}]\n    basis: {quoted(words.sentence())}\n    source: 1\n"
              f"sources:\n{source()}"
              f"reviewed: 2026-{rng.randint(1, 10):02d}-01\nreviewed_by: Generator\n", target - 700)
    for slug in free:
        write("pages", slug, f"title: {quoted(words.title())}\nsummary: {quoted(words.sentence())}\n", target)
    return len(everything)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10000)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shape", choices=("default", "long-bodies"), default="default")
    options = parser.parse_args()
    count = generate(options.pages, options.out, options.seed, options.shape)
    print(f"{count} pages in {os.path.join(options.out, 'content')}")


if __name__ == "__main__":
    main()
