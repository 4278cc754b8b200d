#!/usr/bin/env python3
"""Real-browser test of search and screening on the built sample site.

Opens the site in headless Chromium twice — from file:// and from a loopback
HTTP server under a sub-path (/intranet/kb/) — types queries as a reader
would, and checks the top results, a filter, keyboard use, the screening
checklist, and that no console error or CSP violation occurred.

    python3 Tests/Browser/search_test.py [--site DIR]

Without --site it builds the sample site with `swift run diligence build`.
Needs chromium and chromium-driver (Debian), installed by .ci/run.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sample_site import REPO, Failures, build, search_urls  # noqa: E402
from webdriver import Browser, WebDriverError  # noqa: E402


# Suggestions currently shown: [(href, title)].
SUGGESTIONS = """
const list = document.getElementById('search-suggestions');
if (list.hidden || list.dataset.query !== document.getElementById('search-input').value) return null;
const items = [...list.querySelectorAll('[role=option]:not(#search-option-all)')];
return items.length ? items.map(o => [o.dataset.href, o.querySelector('.result-title').textContent]) : null;
"""






STEMS = """
const done = arguments[arguments.length - 1];
Promise.all(arguments[0].map(form => window.DiligenceSearch.stems(form))).then(done, e => done(String(e)));
"""


def check_vocabulary(browser, base, site, f):
    """Every word of the site's records, folded and stemmed by the index
    builder (`diligence search-words`), is folded identically by the browser
    and resolves there, through the index, to the same stem keys."""
    browser.open(base + "index.html")
    records = []
    for name in sorted(os.listdir(os.path.join(site, "search", "d"))):
        with open(os.path.join(site, "search", "d", name), encoding="utf-8") as handle:
            script = handle.read()
        records.append(json.loads(script[len("DiligenceSearch.put(null,"):-3]))
    texts = []
    for record in records:
        texts += [record["t"], record["s"]] + [part for section in record["x"] for part in section[1:]]
    meta_script = open(os.path.join(site, "search", "meta.js"), encoding="utf-8").read()
    language = json.loads(meta_script[meta_script.index(",") + 1:-3])["l"]
    swift = subprocess.run(["swift", "run", "-q", "diligence", "search-words", "--language", language or "none"],
                           cwd=REPO, input=json.dumps(texts), capture_output=True, text=True, check=True)
    pairs = json.loads(swift.stdout)
    folded = browser.run("return arguments[0].map(t => window.DiligenceSearch.words(t, arguments[1]))", texts, language)
    differ = [(t, [p[0] for p in w], b) for t, w, b in zip(texts, pairs, folded) if [p[0] for p in w] != b]
    f.check(not differ, f"{language}: the browser splits and folds the {len(texts)} texts of the records as the builder does {differ[:1]}")
    # The index's stem keys; each form's expected keys: those of its words, and itself if it is a stem key.
    keys = set()
    for name in os.listdir(os.path.join(site, "search")):
        if name.startswith("i-"):
            chunk = open(os.path.join(site, "search", name), encoding="utf-8").read()
            keys |= {term for term in json.loads(chunk[chunk.index(",") + 1:-3]) if " " not in term}
    expected = {}
    for words in pairs:
        for form, key in words:
            expected.setdefault(form, set()).add(key)
    for form in expected:
        if form in keys:
            expected[form].add(form)
    forms = sorted(expected)
    resolved = browser.run_async(STEMS, forms)
    wrong = [(form, sorted(expected[form]), got) for form, got in zip(forms, resolved) if sorted(expected[form]) != got]
    missing = sorted(k for form in forms for k in expected[form] if k not in keys)
    stemmed = sum(1 for form in forms if expected[form] != {form})
    f.check(isinstance(resolved, list) and not wrong and not missing,
            f"{language}: each of the {len(forms)} words of the records ({stemmed} with another stem key) resolves in the browser "
            f"to the stem keys the builder gave {wrong[:3]} {missing[:3]}")
    vocabulary = set()
    for name in os.listdir(os.path.join(site, "search")):
        if name.startswith("v-"):
            script = open(os.path.join(site, "search", name), encoding="utf-8").read()
            vocabulary |= set(json.loads(script[script.index(",") + 1:-3]).split(" "))
    f.check(vocabulary <= set(forms) | keys, f"{language}: the records hold every word of the index ({sorted(vocabulary - set(forms) - keys)[:5]})")


def suggestions_for(browser, query):
    browser.run("const i = document.getElementById('search-input'); i.value = ''; i.focus();")
    browser.type("#search-input", query)
    return browser.wait(SUGGESTIONS + "")


def top(results):
    return results[0][0] if results else None


def run_checks(browser, base, label, f):
    print(f"{label}: {base}")
    browser.open(base + "index.html")
    browser.logs()

    # '/' focuses the search box from anywhere on the page.
    browser.run("document.activeElement && document.activeElement.blur && document.activeElement.blur();")
    browser.press("/")
    f.check(browser.run("return document.activeElement.id") == "search-input", "'/' focuses the search box")

    # The browser folds words exactly as the index builder (Swift) does.
    with open(os.path.join(REPO, "Tests", "DiligenceKitTests", "Fixtures", "folding.json"), encoding="utf-8") as fixture:
        pairs = json.load(fixture)
    folded = browser.run("return arguments[0].map(p => window.DiligenceSearch.words(p[0], p[2] || ''))", pairs)
    mismatches = [(p[0], got) for p, got in zip(pairs, folded) if got != p[1]]
    f.check(not mismatches, f"JavaScript folding matches Fixtures/folding.json ({len(pairs)} cases) {mismatches[:2] if mismatches else ''}")

    # Ranking: prefix as the reader types, a typo, a diacritic-free spelling, a phrase.
    cases = [
        ("facial recog", "products/facial-recognition.html", "prefix of the last word"),
        ("deep packet insp", "products/deep-packet-inspection.html", "prefix, three words"),
        ("spywere", "products/spyware.html", "one typo in a long word"),
        ("departement", "pages/glossary.html", "diacritic-free spelling of département"),
        ("IRAN", "countries/ir.html", "case folding"),
        ('"end-user and its government"', "guidance/review-end-user.html", "quoted phrase"),
    ]
    for query, expected, what in cases:
        try:
            results = suggestions_for(browser, query)
        except WebDriverError as error:
            results = None
            print(f"        {error}")
        first = top(results) or ""
        f.check(first.split("#")[0].endswith(expected), f"{what}: '{query}' → {expected} first (got {first})")

    # Stemming: a word finds the pages with any form of it ("camera " with a
    # space is a whole word, not a prefix).
    for query, expected in [("cameras", "products/gait-analysis.html"), ("camera ", "products/drones.html"),
                            ("drone ", "products/drones.html"), ("exported", "products/location-tracking.html")]:
        urls = search_urls(browser, query)
        f.check(expected in urls, f"stemming: '{query}' finds {expected}, which has another form of the word ({len(urls)} results)")

    # Snippets highlight the matched words with <mark>, built from text nodes.
    suggestions_for(browser, "xinjiang")
    marks = browser.run("return [...document.querySelectorAll('#search-suggestions mark')].map(m => m.textContent.toLowerCase())")
    f.check(marks and all(m.startswith("xinjiang") for m in marks), f"matches highlighted ({marks[:3] if marks else marks})")
    roles = browser.run("const i = document.getElementById('search-input'); return [i.getAttribute('role'), i.getAttribute('aria-expanded'), document.getElementById('search-suggestions').getAttribute('role')]")
    f.check(roles == ["combobox", "true", "listbox"], f"ARIA combobox and listbox ({roles})")

    # Keyboard: arrow down selects, Escape closes, Enter opens the selected result.
    browser.press("down")
    active = browser.run("return document.getElementById('search-input').getAttribute('aria-activedescendant')")
    selected = browser.run("const o = document.getElementById(document.getElementById('search-input').getAttribute('aria-activedescendant')); return o && o.getAttribute('aria-selected')")
    f.check(active == "search-option-0" and selected == "true", f"ArrowDown selects the first option ({active})")
    browser.press("escape")
    f.check(browser.run("return document.getElementById('search-suggestions').hidden"), "Escape closes the list")
    results = suggestions_for(browser, "spyware")
    browser.press("down", "enter")
    browser.wait("return location.href.indexOf('products/spyware.html') >= 0")
    f.check("products/spyware.html" in browser.url, "Enter opens the selected result")

    # Enter without a selection goes to the full results page, with filters.
    browser.open(base + "index.html")
    browser.type("#search-input", "surveillance")
    browser.press("enter")
    browser.wait("return location.href.indexOf('search.html') >= 0 && document.querySelectorAll('#search-results li').length > 0")
    total = browser.run("return document.querySelectorAll('#search-results li').length")
    kinds = browser.run("return [...document.querySelectorAll('#search-results .result-meta')].map(m => m.textContent.split(' ')[0])")
    f.check(total >= 5 and len(set(kinds)) > 1, f"results page lists {total} results of several kinds")
    widths = browser.run("return [...document.querySelectorAll('.filter-value input')].map(i => Math.round(i.getBoundingClientRect().width))")
    f.check(widths and min(widths) >= 24, f"every filter's checkbox keeps its 24 px, long labels too ({sorted(set(widths or []))} px)")
    box = browser.run("const b = document.getElementById('filter-kind-country'); return b ? b.nextElementSibling.textContent : null")
    f.check(box is not None and "(" in box, f"kind filter with a count ({box})")
    if box:
        browser.click("#filter-kind-country")
        browser.wait("return [...document.querySelectorAll('#search-results .result-meta')].every(m => m.textContent.startsWith('Country profile'))")
        count = int(box.split("(")[1].rstrip(")"))
        status = browser.wait(f"const s = document.getElementById('search-status').textContent; return s.startsWith('{count} results') && s")
        f.check(bool(status), f"country filter keeps as many results as its count said ({status})")
        # Five results first; "Show more" adds ten at a time, to the last.
        for _ in range(count // 10 + 2):
            if browser.run("return document.querySelector('.search-more').hidden"):
                break
            before = browser.run("return document.querySelectorAll('#search-results li').length")
            browser.click(".search-more")
            browser.wait(f"return document.querySelectorAll('#search-results li').length > {before}")
        shown = browser.run("return document.querySelectorAll('#search-results li').length")
        f.check(shown == count, f"'Show more' shows every result in the end ({shown} of {count})")
        f.check("kind=country" in browser.url, "filter kept in the URL")
    # Filters that facets.js writes page by page (SearchFacets.encodeEach):
    # a region and a category keep exactly the pages their index lists.
    site_dir = urllib.parse.unquote(urllib.parse.urlparse(base).path)
    for dim, value, folder in [("region", "east-asia-pacific", "regions"), ("category", "biometrics", "categories")]:
        if not os.path.exists(os.path.join(site_dir, folder, value + ".html")):
            continue
        listed = set(os.path.normpath(os.path.join(folder, href)) for href in
                     re.findall(r'href="(\.\./(?:countries|products)/[a-z0-9-]+\.html)"',
                                open(os.path.join(site_dir, folder, value + ".html"), encoding="utf-8").read()))
        browser.open(base + "search.html?q=surveillance")
        label = browser.wait(f"const b = document.getElementById('filter-{dim}-{value}'); return b && b.nextElementSibling.textContent")
        count = int(label.split("(")[1].rstrip(")")) if label and "(" in label else -1
        browser.click(f"#filter-{dim}-{value}")
        browser.wait(f"return document.getElementById('search-status').textContent.startsWith('{count} result')")
        while not browser.run("return document.querySelector('.search-more').hidden"):
            before = browser.run("return document.querySelectorAll('#search-results li').length")
            browser.click(".search-more")
            browser.wait(f"return document.querySelectorAll('#search-results li').length > {before}")
        urls = set(u.split("#")[0].replace(base, "") for u in browser.run("return [...document.querySelectorAll('#search-results li a')].map(a => a.href)"))
        f.check(count > 0 and len(urls) == count and urls <= listed,
                f"{dim} filter '{value}' keeps {count} results, all listed on {folder}/{value}.html ({sorted(urls - listed)[:2]})")
    f.check(browser.run("return document.getElementById('all-pages').hidden"), "the no-JS links to the indexes are hidden when JS runs")
    links = browser.run("return [...document.querySelectorAll('#all-pages a')].map(a => a.getAttribute('href'))")
    f.check("countries/index.html" in links and "regions/index.html" in links and len(links) < 20,
            f"without JS, search.html links the indexes, not every page ({len(links)} links)")

    # The labels a page shows are searchable: the region's name finds its countries.
    browser.open(base + "index.html")
    results = suggestions_for(browser, "eurasia")
    f.check(bool(results) and all("/countries/" in href for href, _ in results),
            f"'eurasia' finds the countries of Europe and Eurasia ({[t for _, t in results or []]})")

    # Files loaded for a query: only what it needs.
    browser.open(base + "index.html")
    suggestions_for(browser, "spyware")
    loaded = browser.run("return window.DiligenceSearch.loaded")
    f.check("facets.js" not in loaded and all(x == "meta.js" or x.startswith(("i-", "n-", "d/", "v-")) for x in loaded),
            f"suggestions load only meta, index chunks, name tables and records ({len(loaded)} files)")

    # Screening: pick a product and a country, get the record (screening_test.py checks it in depth).
    browser.open(base + "screening.html#product=spyware&country=cn")
    heading = browser.wait("const r = document.getElementById('screening-record'); return r && !r.hidden && document.getElementById('record-title').textContent")
    f.check(heading == "Screening record: Spyware and intrusion software to China", f"screening record ({heading})")
    f.check(browser.run("return document.querySelectorAll('#screening-result input[type=checkbox]').length") > 3, "record has boxes to tick")

    # No console errors and no CSP violations anywhere above.
    problems = [entry["message"] for entry in browser.logs() if entry.get("level") in ("SEVERE", "WARNING")]
    f.check(not problems, "no console error or CSP violation" + ("" if not problems else f": {problems[:3]}"))


PAYLOADS = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=\"window.__pwned=1\">",
    "\"><svg onload=window.__pwned=1>",
    "' onmouseover='window.__pwned=1' x='",
    "</script><script>window.__pwned=1</script>",
    "{{site.title}} {{{page.bodyHTML}}}",
    "line\u2028separator\u2029end <!--",
    "<a href=\"&#106;avascript:window.__pwned=1\">x</a>",
]


def yaml_quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\u2028", "\\L").replace("\u2029", "\\P") + '"'


def injection_content(work):
    """The sample content plus a page carrying every payload in its fields and body."""
    content = os.path.join(work, "injection-content")
    shutil.copytree(os.path.join(REPO, "content"), content)
    lists = "".join(f"  - {yaml_quoted('zebrafish ' + p)}\n" for p in PAYLOADS)
    body = "\n\n".join(f"## Zebrafish {i} {p}\n\nZebrafish text {p} [link {p}](javascript:window.__pwned=1) "
                         f"![img {p}](javascript:window.__pwned=1) `{p}`\n\n{p}" for i, p in enumerate(PAYLOADS))
    with open(os.path.join(content, "products", "zebrafish.md"), "w", encoding="utf-8") as f:
        f.write(f"---\ntitle: {yaml_quoted('Zebrafish ' + PAYLOADS[0])}\nsummary: {yaml_quoted('Zebrafish ' + PAYLOADS[1])}\n"
                f"category: biometrics\nrisk: medium\nrisk_basis: {yaml_quoted('Zebrafish ' + PAYLOADS[2])}\n"
                f"sources:\n  - title: {yaml_quoted('Zebrafish ' + PAYLOADS[3])}\n    url: https://example.org/zebrafish\n"
                f"capabilities:\n{lists}red_flags:\n{lists}---\n{body}\n")
    with open(os.path.join(content, "pages", "about.md"), "a", encoding="utf-8") as f:
        f.write("\nSee also [zebrafish](../products/zebrafish.md).\n")
    return content


FIRST_QUERIES = ["surveillance", "biometric camera", "licence", "oversight warrant", "cameras"]


def first_query_costs(browser, base, site):
    """Requests and bytes of a first query typed into the box of a fresh
    index.html: search.js and every search/ file it loaded (sizes on disk)."""
    print("first-query costs (requests, bytes: search.js + search/ files):")
    script = os.path.getsize(os.path.join(site, "static", "search.js"))
    for query in FIRST_QUERIES:
        browser.open(base + "index.html")
        browser.type("#search-input", query)
        browser.wait("const l = document.getElementById('search-suggestions'); return !l.hidden && l.dataset.query === arguments[0]", 10.0, query)
        loaded = browser.run("return window.DiligenceSearch.loaded")
        size = script + sum(os.path.getsize(os.path.join(site, "search", name)) for name in loaded)
        chunks = sum(1 for name in loaded if name.startswith("i-"))
        print(f"        {query!r}: {1 + len(loaded)} requests, {size / 1000:.1f} kB ({chunks} index chunks)")


def run_injection_checks(browser, base, f):
    print(f"injection: {base}")
    checks = [
        ("products/zebrafish.html", None),
        ("index.html", "zebrafish script"),
        ("search.html?q=zebrafish", None),
        ("screening.html#product=zebrafish&country=cn", None),
        ("risk-levels/high.html", None),
    ]
    browser.logs()
    for page, query in checks:
        browser.open(base + page)
        browser.wait("return document.readyState === 'complete'")
        if query:
            suggestions_for(browser, query)
            browser.press("down")
        browser.run_async("setTimeout(arguments[0], 300)")
        pwned = browser.run("return window.__pwned === undefined ? null : window.__pwned")
        f.check(pwned is None, f"no injected script ran on {page}{' after searching ' + repr(query) if query else ''}")
    problems = [entry["message"] for entry in browser.logs() if entry.get("level") in ("SEVERE", "WARNING")]
    f.check(not problems, "no console error or CSP violation on injected pages" + ("" if not problems else f": {problems[:3]}"))


FRENCH_PAGE = """---
title: Contrôle de l’exportation
summary: L'exportation des systèmes de reconnaissance faciale et l’œuvre des autorités.
order: 90
---
## Les exportations

Les reconnaissances faciales qu’elles permettent, jusqu'à l'identification des personnes.
Les sœurs et les cœurs : d'œuvres en œuvres.
"""


def french_content(work):
    """The sample content in one language, French (site.yml's `languages:`
    and the translations left out: language_test.py tests the bilingual
    site), with a French page."""
    content = os.path.join(work, "french-content")
    shutil.copytree(os.path.join(REPO, "content"), content,
                    ignore=lambda folder, names: [n for n in names if n.count(".") == 2 and n.endswith(".md")])
    site_yml = os.path.join(content, "site.yml")
    with open(site_yml, encoding="utf-8") as handle:
        text = handle.read().split("\nlanguages:\n")[0] + "\n"
    with open(site_yml, "w", encoding="utf-8") as handle:
        handle.write(text.replace("\nlanguage: en\n", "\nlanguage: fr\n"))
    with open(os.path.join(content, "guidance", "controle-exportation.md"), "w", encoding="utf-8") as handle:
        handle.write(FRENCH_PAGE)
    with open(os.path.join(content, "pages", "about.md"), "a", encoding="utf-8") as handle:
        handle.write("\nVoir [l'exportation](../guidance/controle-exportation.md).\n")
    return content


def run_french_checks(browser, base, site, f):
    print(f"French: {base}")
    browser.open(base + "index.html")
    page = "guidance/controle-exportation.html"
    for query in ["exportation", "l'exportation", "exportations", "reconnaissance faciale", "reconnaissance faciale ",
                  "oeuvre", "œuvres", "Reconnaissances", "coeur", "d’identification"]:
        urls = search_urls(browser, query)
        f.check(isinstance(urls, list) and page in urls, f"fr: '{query}' finds the French page ({urls if not isinstance(urls, list) else len(urls)} results)")
    results = suggestions_for(browser, "reconnaissances faciales")
    f.check(top(results) is not None and top(results).split("#")[0].endswith(page), f"fr: typed in the box, 'reconnaissances faciales' → {page} ({top(results)})")
    marks = browser.run("return [...document.querySelectorAll('#search-suggestions mark')].map(m => m.textContent.toLowerCase())")
    f.check(marks and any(m.startswith("reconnaissance") for m in marks), f"fr: the forms of the stem are highlighted ({marks[:4] if marks else marks})")
    check_vocabulary(browser, base, site, f)
    problems = [entry["message"] for entry in browser.logs() if entry.get("level") in ("SEVERE", "WARNING")]
    f.check(not problems, "fr: no console error" + ("" if not problems else f": {problems[:3]}"))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", help="a built site (default: build the sample site)")
    options = parser.parse_args()
    work = tempfile.mkdtemp(prefix="diligence-browser-")
    try:
        site, server, (file_base, http_base) = build(work, options.site)
        f = Failures()
        browser = Browser()
        try:
            run_checks(browser, file_base, "file://", f)
            run_checks(browser, http_base, "HTTP sub-path", f)
            first_query_costs(browser, file_base, site)
            check_vocabulary(browser, file_base, site, f)
            # The same content indexed in French, with French text added.
            french = os.path.join(work, "french-site")
            subprocess.run(["swift", "run", "diligence", "build", "--content", french_content(work), "--output", french],
                           cwd=REPO, check=True)
            run_french_checks(browser, "file://" + urllib.parse.quote(french) + "/", french, f)
            # Both again with tiny chunks: most words are "large" (a chunk of
            # their own, or a redirect read from meta.js alone), and forms and
            # their stems are in different chunks.
            for label, content in [("en", os.path.join(REPO, "content")), ("fr", os.path.join(work, "french-content"))]:
                small = os.path.join(work, f"small-chunks-{label}")
                subprocess.run(["swift", "run", "diligence", "build", "--content", content, "--output", small,
                                "--search-chunk-bytes", "160"], cwd=REPO, check=True)
                check_vocabulary(browser, "file://" + urllib.parse.quote(small) + "/", small, f)
                if label == "fr":
                    urls = search_urls(browser, "reconnaissances faciales")
                    f.check(isinstance(urls, list) and "guidance/controle-exportation.html" in urls, "fr, small chunks: 'reconnaissances faciales' finds the French page")
                else:
                    urls = search_urls(browser, "cameras")
                    f.check(isinstance(urls, list) and "products/gait-analysis.html" in urls, "en, small chunks: 'cameras' finds a page that says 'camera'")
                solo = json.loads(open(os.path.join(small, "search", "meta.js"), encoding="utf-8").read().split(",", 1)[1][:-3])["s"]
                f.check(len(solo) > 10, f"{label}, small chunks: {len(solo)} chunks of one redirect, read from meta.js")
            # Hostile content: payloads in every field of a page, opened and searched.
            hostile = os.path.join(work, "injection-site")
            subprocess.run(["swift", "run", "diligence", "build", "--content", injection_content(work), "--output", hostile],
                           cwd=REPO, check=True)
            run_injection_checks(browser, "file://" + urllib.parse.quote(hostile) + "/", f)
        finally:
            browser.quit()
            server.shutdown()
        print(f"{f.checks - f.count} passed, {f.count} failed (browser)")
        return 1 if f.count else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
