#!/usr/bin/env python3
"""Real-browser test of the screening record on the built sample site.

A reviewer picks a product and a country, ticks items, fills the decision
fields, changes the choice and comes back, reloads, and prints. The record
printed to PDF (WebDriver Print, read back with pdftotext) must let an
auditor find every source, the edition and who decided what, with no site
chrome. Run from file:// and from an HTTP sub-path.

    python3 Tests/Browser/screening_test.py [--site DIR]

Needs chromium, chromium-driver and poppler-utils (Debian), installed by .ci/run.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webdriver import Browser  # noqa: E402
from sample_site import Failures, build  # noqa: E402

RECORD = "screening.html#product=facial-recognition&country=cn"
TITLE = "return !document.getElementById('screening-record').hidden && document.getElementById('record-title').textContent"
TICKED = "return [...document.querySelectorAll('#screening-result input[type=checkbox]')].filter(b => b.checked).map(b => b.dataset.key)"
FIELDS = """return ['record-reference', 'record-end-user', 'record-reviewer', 'record-conditions']
  .map(id => document.getElementById(id).value)
  .concat([(document.querySelector('input[name=decision]:checked') || {}).value || ''])"""


def choose(browser, select, value):
    """Picks an option as a reader would: the select's value, then its change event."""
    browser.run("const s = document.getElementById(arguments[0]); s.value = arguments[1];"
                "s.dispatchEvent(new Event('change', {bubbles: true}));", select, value)


def pdf_text(browser, work, name):
    path = os.path.join(work, name + ".pdf")
    with open(path, "wb") as out:
        out.write(browser.print_pdf())
    pages = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", pages).group(1))
    # -layout keeps a hyphen that ends a line (plain mode joins "chinese-" and "governmental").
    texts = [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), path, "-"], capture_output=True, text=True,
                            check=True).stdout for n in range(1, count + 1)]
    return texts


def run_checks(browser, base, label, work, f):
    print(f"screening record from {label}")
    browser.open(base + RECORD)
    browser.run("localStorage.clear()")
    browser.open(base + RECORD)
    title = browser.wait(TITLE)
    f.check(title == "Screening record: Facial recognition software to China", f"deep link restores the pair ({title})")
    f.check(browser.run("return document.getElementById('screening-result').getAttribute('aria-live')") is None,
            "the checklist is not a live region")
    status = browser.run("const s = document.getElementById('screening-status'); return [s.getAttribute('role'), s.textContent]")
    f.check(status[0] == "status" and 0 < len(status[1]) < 160, f"a short status line ({status[1]!r})")

    # Tick two items and fill the decision.
    browser.run("const b = document.querySelectorAll('#screening-result input[type=checkbox]'); b[0].click(); b[2].click();")
    browser.type("#record-reference", "TX-2026-041")
    browser.type("#record-end-user", "Ministry of Public Security")
    browser.type("#record-reviewer", "A. Reviewer")
    browser.click("input[name=decision][value=conditions]")
    browser.type("#record-conditions", "Licence, end-use certificate")
    ticked = browser.run(TICKED)
    f.check(len(ticked) == 2, f"two items ticked ({len(ticked)})")
    f.check("2 of" in browser.run("return document.getElementById('screening-status').textContent"), "the status line counts the ticks")

    # Another product: a fresh record; back: the ticks and fields return.
    choose(browser, "screening-product", "spyware")
    browser.wait(TITLE)
    f.check(browser.run(TICKED) == [] and browser.run(FIELDS) == ["", "", "", "", ""],
            "another pair starts with nothing ticked or filled")
    f.check("product=spyware" in browser.url, "the address follows the choice")
    choose(browser, "screening-product", "facial-recognition")
    browser.wait(TITLE)
    f.check(browser.run(TICKED) == ticked, "ticks survive changing the product and coming back")
    expected = ["TX-2026-041", "Ministry of Public Security", "A. Reviewer", "Licence, end-use certificate", "conditions"]
    f.check(browser.run(FIELDS) == expected, "fields survive changing the product and coming back")

    # A reload keeps them too.
    browser.run("location.reload()")
    browser.wait(TITLE)
    f.check(browser.run(TICKED) == ticked and browser.run(FIELDS) == expected, "ticks and fields survive a reload")

    # Printed: the filled record, with its sources, edition and fields; no site chrome.
    pages = pdf_text(browser, work, "filled")
    text = "\n".join(pages)
    flat = re.sub(r"\s+", " ", text)
    compact = re.sub(r"\s+", "", text)  # long URLs wrap across lines
    f.check("Screening record: Facial recognition software to China" in flat, "printed: the record's title")
    f.check(re.search(r"Knowledge base edition ([0-9a-f]{7} )?of \d+ \w+ \d{4}", flat) is not None, "printed: the edition")
    f.check("products/facial-recognition.html" in compact and "countries/cn.html" in compact,
            "printed: the product's and the country's addresses")
    f.check(re.search(r"Profile reviewed \d+ \w+ \d{4}", flat) is not None, "printed: the country's review date")
    cited = browser.run("return window.DiligenceScreening.countries.find(c => c.id === 'cn').sources.filter(s => s.url).map(s => s.url)")
    missing = [url for url in cited if url not in compact]
    f.check(cited and not missing, f"printed: every source URL of the country profile in full ({len(cited)}; missing {missing[:2]})")
    factor_urls = browser.run("return window.DiligenceScreening.countries.find(c => c.id === 'cn').factors"
                              ".filter(x => x.source && /^https?:/.test(x.source.url)).map(x => x.source.url)")
    f.check(factor_urls and all(url in compact for url in factor_urls), "printed: each risk factor's source URL")
    for value in ["TX-2026-041", "Ministry of Public Security", "A. Reviewer", "Licence, end-use certificate"]:
        f.check(value in flat, f"printed: the field value {value!r}")
    f.check("[x] Proceed with conditions" in flat and "[ ] Decline" in flat, "printed: the decision marked")
    f.check(flat.count("[x]") == 3, f"printed: two ticked items and the decision ({flat.count('[x]')} marks)")
    f.check("Skip to content" not in flat and "Risk matrix" not in flat and "Choose a product" not in flat,
            "printed: no site chrome or form controls")
    f.check(all(len(page.strip()) > 200 for page in pages), f"printed: no nearly empty sheet ({[len(p.strip()) for p in pages]})")

    # Clear: back to a blank record, printed with blank lines to fill by hand.
    browser.click("#screening-clear")
    f.check(browser.run(TICKED) == [] and browser.run(FIELDS) == ["", "", "", "", ""], "clear unticks and empties the fields")
    browser.run("location.reload()")
    browser.wait(TITLE)
    f.check(browser.run(TICKED) == [], "a cleared record stays clear after a reload")
    flat = re.sub(r"\s+", " ", "\n".join(pdf_text(browser, work, "blank")))
    f.check("Transaction reference" in flat and "Reviewer" in flat and "[ ] Proceed " in flat and "[x]" not in flat,
            "printed blank: the fields to fill and no mark")

    # Other pages print their sources' URLs and the edition.
    browser.open(base + "countries/cn.html")
    pages = pdf_text(browser, work, "country")
    compact = re.sub(r"\s+", "", "\n".join(pages))
    f.check("https://www.ecoi.net/en/document/2107650.html" in compact, "a printed country profile shows its sources' URLs")
    f.check("Edition" in pages[-1] and len(pages[-1].strip()) > 200, "the edition is printed, not alone on the last sheet")
    flat = re.sub(r"\s+", " ", "\n".join(pages))
    f.check("Referenced by" not in flat and "History" not in flat and "Screen a sale" not in flat,
            "a printed country profile leaves out the pages linking to it, the commit log and the screening link")

    # The matrix on paper: every category's column, with the concerns' text in full.
    browser.open(base + "matrix.html")
    columns = browser.run("return [...document.querySelectorAll('table.matrix thead th')].map(th => th.textContent.trim())")
    flat = re.sub(r"\s+", " ", "\n".join(pdf_text(browser, work, "matrix")))
    missing = [c for c in columns if c.split()[-1] not in flat]
    f.check(len(columns) == 7 and not missing, f"the printed matrix has all {len(columns)} columns (missing {missing})")
    basis = browser.run("return [...document.querySelectorAll('table.matrix td.concern .basis')].map(b => b.textContent.trim())")
    cut = [b for b in basis if re.sub(r"\s+", "", b.split()[-1]) not in re.sub(r"\s+", "", flat)]
    f.check(basis and not cut, f"the printed matrix shows each concern's basis to its last word ({len(basis)}; cut: {cut[:1]})")
    problems = [entry["message"] for entry in browser.logs() if entry.get("level") in ("SEVERE", "WARNING")]
    f.check(not problems, "no console error or CSP violation" + ("" if not problems else f": {problems[:3]}"))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", help="a built site (default: build the sample site)")
    options = parser.parse_args()
    work = tempfile.mkdtemp(prefix="diligence-screening-")
    try:
        _, server, (file_base, http_base) = build(work, options.site)
        f = Failures()
        browser = Browser()
        try:
            run_checks(browser, file_base, "file://", work, f)
            run_checks(browser, http_base, "HTTP sub-path", work, f)
        finally:
            browser.quit()
            server.shutdown()
        print(f"{f.checks - f.count} passed, {f.count} failed (screening)")
        return 1 if f.count else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
