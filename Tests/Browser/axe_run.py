"""axe-core in the browser through WebDriver, for the accessibility test.

axe-core's source comes from the PyPI package axe-playwright-python
(`pip install --no-deps axe-playwright-python`), which ships it as
axe_playwright_python/axe.min.js; the file is read, never imported, so
Playwright is not needed. It is injected with WebDriver's execute script,
which runs outside the page's Content-Security-Policy."""

import importlib.util
import os

WCAG22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_source():
    """axe.min.js's text, or None when the package is not installed."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if not spec or not spec.submodule_search_locations:
        return None
    path = os.path.join(list(spec.submodule_search_locations)[0], "axe.min.js")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return f.read()


INJECTED = "\nreturn window.axe ? window.axe.version : null;"

RUN = """
const done = arguments[arguments.length - 1];
const options = {runOnly: arguments[0], resultTypes: ['violations']};
window.axe.run(document, options).then(r => done({violations: r.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.map(n => ({target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t),
                            summary: (n.failureSummary || '').slice(0, 300)}))}))}))
  .catch(e => done({error: String(e && e.stack || e)}));
"""


def inject(browser, source):
    """Injects axe into the current page; returns its version (None if the
    page stopped it)."""
    if browser.run("return window.axe ? window.axe.version : null"):
        return browser.run("return window.axe.version")
    # The source is the script's body itself: no eval, which the page's CSP forbids.
    return browser.run(source + INJECTED)


def run(browser, source, tags=None, rules=None):
    """Violations on the current page: [{id, impact, help, nodes: [{target, summary}]}]."""
    version = inject(browser, source)
    if not version:
        raise RuntimeError("axe could not be injected")
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": tags or WCAG22_AA}
    outcome = browser.run_async(RUN, run_only)
    if outcome.get("error"):
        raise RuntimeError(outcome["error"])
    return outcome["violations"]
