#!/usr/bin/env python3
"""Real-browser test of the French edition of the sample site (issue 23).

Opens the built sample site in headless Chromium from file:// and from a
loopback HTTP server under a sub-path, in French: the page's language, the
language switcher (which keeps the reader on the same page, both ways), the
hreflang alternates, an untranslated page's notice, and French search with
French folding and stems: "reconnaissance faciale", "l'exportation",
"exportations" finding a page that only says "exportation".

    python3 Tests/Browser/language_test.py [--site DIR]

Without --site it builds the sample site with `swift run diligence build`.
Needs chromium and chromium-driver (Debian), installed by .ci/run.
"""

import argparse
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sample_site import Failures, build, search_urls  # noqa: E402
from webdriver import Browser, WebDriverError  # noqa: E402

SUGGESTIONS = """
const list = document.getElementById('search-suggestions');
if (list.hidden || list.dataset.query !== document.getElementById('search-input').value) return null;
const items = [...list.querySelectorAll('[role=option]:not(#search-option-all)')];
return items.length ? items.map(o => o.dataset.href) : null;
"""




def suggestions_for(browser, query):
    browser.run("const i = document.getElementById('search-input'); i.value = ''; i.focus();")
    browser.type("#search-input", query)
    try:
        return browser.wait(SUGGESTIONS) or []
    except WebDriverError:
        return []


def run_checks(browser, base, label, f):
    print(f"{label}: {base}")
    browser.open(base + "fr/guidance/red-flags.html")
    browser.logs()
    lang = browser.run("return document.documentElement.lang")
    f.check(lang == "fr", f"French page has <html lang=fr> ({lang})")
    title = browser.run("return document.querySelector('h1').textContent")
    f.check(title == "Signaux d'alerte" or "alerte" in title.lower(), f"translated title ({title})")
    skip = browser.run("return document.querySelector('.skip-link').textContent")
    f.check(skip != "Skip to content", f"interface strings in French ({skip})")
    dates = browser.run("return [...document.querySelectorAll('time')].map(t => t.textContent)")
    f.check(any(any(m in d for m in ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                                        "septembre", "octobre", "novembre", "décembre")) for d in dates),
            f"dates written in French ({dates[:2]})")

    # hreflang alternates name existing pages of both languages.
    alternates = browser.run("return [...document.querySelectorAll('link[rel=alternate][hreflang]')].map(l => [l.hreflang, l.href])")
    f.check(sorted(h for h, _ in alternates) == ["en", "fr"], f"hreflang alternates for en and fr ({alternates})")
    f.check(any(h == "en" and u.endswith("/guidance/red-flags.html") and "/fr/" not in u for h, u in alternates),
            "the English alternate is the same page at the root")

    # The switcher keeps the reader on the same page, both ways.
    english = browser.run("const a = document.querySelector('.languages a[hreflang=en]'); return a && a.getAttribute('href')")
    f.check(english == "../../guidance/red-flags.html", f"switcher links the English page, relatively ({english})")
    if english:
        browser.click(".languages a[hreflang=en]")
        browser.wait("return location.href.indexOf('/fr/') < 0 && document.documentElement.lang === 'en'")
        f.check(browser.url.endswith("guidance/red-flags.html") and "/fr/" not in browser.url,
                f"switching to English opens the same page ({browser.url})")
        browser.click(".languages a[hreflang=fr]")
        browser.wait("return location.href.indexOf('/fr/') >= 0")
        f.check(browser.url.endswith("fr/guidance/red-flags.html"), f"and back to French ({browser.url})")
    current = browser.run("const a = document.querySelector('.languages [aria-current]'); return a && a.getAttribute('hreflang')")
    f.check(current == "fr", f"the current language is marked ({current})")

    # An untranslated page: the original's text, marked English, with a notice in French.
    browser.open(base + "fr/products/spyware.html")
    notice = browser.run("const n = document.querySelector('.untranslated'); return n && [n.textContent, n.closest('[lang]').lang]")
    f.check(bool(notice) and notice[1] == "fr", f"untranslated page shows a notice in French ({notice})")
    marked = browser.run("return document.querySelector('h1').closest('[lang]').lang")
    f.check(marked == "en", f"its English text is marked lang=en ({marked})")

    # French search: its own index, French folding and stems.
    browser.open(base + "fr/index.html")
    results = suggestions_for(browser, "reconnaissance faciale")
    f.check(bool(results) and all("/fr/" in r for r in results),
            f"'reconnaissance faciale' finds French pages ({results[:3]})")
    results = suggestions_for(browser, "l'exportation")
    f.check(any("export-controls-human-rights-initiative" in r for r in results),
            f"'l'exportation' finds the initiative's page ({results[:3]})")
    results = suggestions_for(browser, "exportations controles")
    f.check(bool(results), f"'exportations controles' (plural, no accent) finds pages ({results[:3]})")
    # about.fr.md says "exportation" three times and never "exportations";
    # "exportations" is not the last word, so no prefix match explains it.
    every = search_urls(browser, "exportations restriction")
    f.check(isinstance(every, list) and any(u.startswith("pages/about.html") for u in every),
            f"'exportations restriction' finds the about page, which says only 'exportation' (by stem) ({every[:6] if isinstance(every, list) else every})")
    singular = search_urls(browser, "recommandation 2020")
    plural = search_urls(browser, "recommandations 2020")
    f.check(isinstance(singular, list) and singular and sorted(singular) == sorted(plural),
            f"singular and plural (not the last word) find the same pages ({len(singular or [])} and {len(plural or [])})")
    loaded = browser.run("return window.DiligenceSearch.loaded")
    f.check(bool(loaded), f"the French index was loaded ({len(loaded or [])} files)")

    problems = [entry["message"] for entry in browser.logs() if entry.get("level") in ("SEVERE", "WARNING")]
    f.check(not problems, "no console error or CSP violation" + ("" if not problems else f": {problems[:3]}"))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", help="a built site (default: build the sample site)")
    options = parser.parse_args()
    work = tempfile.mkdtemp(prefix="diligence-language-")
    try:
        site, server, (file_base, http_base) = build(work, options.site)
        f = Failures()
        browser = Browser()
        try:
            run_checks(browser, file_base, "file://", f)
            run_checks(browser, http_base, "HTTP sub-path", f)
        finally:
            browser.quit()
            server.shutdown()
        print(f"{f.checks - f.count} passed, {f.count} failed (language)")
        return 1 if f.count else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
