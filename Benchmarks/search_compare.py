#!/usr/bin/env python3
"""Diligence search against Pagefind's default UI, on the same built HTML.

    python3 Benchmarks/search_compare.py --site /tmp/corpus/public [--runs 3]

Runs Pagefind (PyPI `pagefind-bin`) over the site Diligence built, serves the
site on loopback, and for each query opens a fresh page in headless Chromium
(cache disabled), types the query into each search box, and records (for
Diligence from the header box on index.html, from search.html?q=…, and from
the header box typed key by key; then the extra requests of a later
keystroke, the query with an "s" added):

- every file the browser fetched for the search, from page load to results
  (the HTML page and the site's own stylesheet excluded; UI code included),
  as bytes on the wire and as gzip would send them;
- time from the keystroke to the first results on screen (cold: files still
  loading), and the engine's own time once its files are loaded (warm:
  Diligence's `DiligenceSearch.search`, Pagefind's `pagefind.search` plus the
  data of the first five results).

Prints a Markdown table for docs/search.md.
"""

import argparse
import functools
import gzip
import http.server
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Browser"))
from webdriver import Browser  # noqa: E402

QUERIES = ["surveillance", "biometric camera", "licence", "rikamu", "oversight warrant"]

PAGEFIND_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind UI</title>
<link href="pagefind/pagefind-ui.css" rel="stylesheet">
<script src="pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div>
<script>window.addEventListener('DOMContentLoaded', () => { window.ui = new PagefindUI({ element: "#search", showSubResults: false }); });</script>
</body></html>
"""

TYPE_AND_WAIT = """
const [inputSelector, resultSelector, query, done] = arguments;
const input = document.querySelector(inputSelector);
input.focus();
const started = performance.now();
input.value = query;
input.dispatchEvent(new Event('input', { bubbles: true }));
const check = () => {
  if (document.querySelectorAll(resultSelector).length) { done(performance.now() - started); }
  else if (performance.now() - started > 20000) { done(-1); }
  else { requestAnimationFrame(check); }
};
check();
"""

TYPE_KEYS_AND_WAIT = """
const [inputSelector, resultSelector, query, delay, done] = arguments;
const input = document.querySelector(inputSelector);
input.focus();
input.value = '';
const started = performance.now();
let i = 0;
const next = () => {
  i += 1;
  input.value = query.slice(0, i);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  if (i < query.length) { setTimeout(next, delay); return; }
  const check = () => {
    const list = document.getElementById('search-suggestions');
    if (list.dataset.query === query && document.querySelectorAll(resultSelector).length) { done(performance.now() - started); }
    else if (performance.now() - started > 20000) { done(-1); }
    else { requestAnimationFrame(check); }
  };
  check();
};
next();
"""

PAGE_WAIT = """
const [resultSelector, done] = arguments;
const check = () => {
  if (document.querySelectorAll(resultSelector).length) { done(performance.now()); }
  else if (performance.now() > 20000) { done(-1); }
  else { requestAnimationFrame(check); }
};
check();
"""

WARM_DILIGENCE = """
const [query, done] = arguments;
const started = performance.now();
window.DiligenceSearch.search(query, { limit: 5 }).then(() => done(performance.now() - started));
"""

WARM_PAGEFIND = """
const [query, done] = arguments;
(async () => {
  const pagefind = await import('./pagefind/pagefind.js');
  await pagefind.init();
  for (let i = 0; i < 2; i++) {
    const first = await pagefind.search(query);
    await Promise.all(first.results.slice(0, 5).map(r => r.data()));
  }
  const started = performance.now();
  const search = await pagefind.search(query);
  await Promise.all(search.results.slice(0, 5).map(r => r.data()));
  done(performance.now() - started);
})();
"""


class Recorder(http.server.SimpleHTTPRequestHandler):
    """Serves files and records each one sent: (path, bytes, gzip bytes)."""
    log = []
    gzip_sizes = {}

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self):
        super().do_GET()
        path = self.translate_path(self.path)
        if os.path.isfile(path):
            if path not in Recorder.gzip_sizes:
                with open(path, "rb") as f:
                    Recorder.gzip_sizes[path] = len(gzip.compress(f.read(), 9))
            Recorder.log.append((self.path.split("?")[0], os.path.getsize(path), Recorder.gzip_sizes[path]))


def measure(browser, base, page, input_selector, result_selector, query, excluded):
    Recorder.log.clear()
    browser.call("POST", "/goog/cdp/execute", {"cmd": "Network.setCacheDisabled", "params": {"cacheDisabled": True}})
    browser.open(base + page + "?fresh=" + str(time.time()))
    browser.wait(f"return document.querySelector({input_selector!r}) !== null")
    cold = browser.run_async(TYPE_AND_WAIT, input_selector, result_selector, query)
    time.sleep(0.3)
    files = [entry for entry in Recorder.log if not any(entry[0].endswith(x) for x in excluded)]
    # A later keystroke: the query with one more letter, on the files loaded so far.
    Recorder.log.clear()
    browser.run_async(TYPE_AND_WAIT, input_selector, result_selector, query + "s")
    time.sleep(0.3)
    later = [entry for entry in Recorder.log if not any(entry[0].endswith(x) for x in excluded)]
    return cold, files, later


def measure_keys(browser, base, query, excluded, delay_ms):
    """The header box, typed one key every delay_ms (as a reader types)."""
    Recorder.log.clear()
    browser.call("POST", "/goog/cdp/execute", {"cmd": "Network.setCacheDisabled", "params": {"cacheDisabled": True}})
    browser.open(base + "index.html?fresh=" + str(time.time()))
    browser.wait("return document.querySelector('#search-input') !== null")
    cold = browser.run_async(TYPE_KEYS_AND_WAIT, "#search-input", "#search-suggestions [role=option]:not(#search-option-all)", query, delay_ms)
    time.sleep(0.3)
    return cold, [entry for entry in Recorder.log if not any(entry[0].endswith(x) for x in excluded)]


def measure_page(browser, base, query, excluded):
    """search.html?q=…: from navigation to the first results (the page's own HTML excluded)."""
    Recorder.log.clear()
    browser.call("POST", "/goog/cdp/execute", {"cmd": "Network.setCacheDisabled", "params": {"cacheDisabled": True}})
    browser.open(base + "search.html?q=" + urllib.parse.quote(query) + "&fresh=" + str(time.time()))
    cold = browser.run_async(PAGE_WAIT, "#search-results li")
    time.sleep(0.3)
    return cold, [entry for entry in Recorder.log if not any(entry[0].endswith(x) for x in excluded)]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", required=True, help="a site built by Diligence")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-pagefind-index", action="store_true", help="reuse an existing pagefind/ folder")
    parser.add_argument("--key-delay", type=int, default=150, help="ms between keys when typing key by key")
    options = parser.parse_args()
    site = os.path.abspath(options.site)

    if not options.skip_pagefind_index:
        started = time.time()
        subprocess.run([sys.executable, "-m", "pagefind_bin", "--site", site], check=True, stdout=subprocess.DEVNULL)
        print(f"pagefind indexed the site in {time.time() - started:.1f} s", file=sys.stderr)
    with open(os.path.join(site, "pagefind-ui-test.html"), "w") as f:
        f.write(PAGEFIND_PAGE)

    def size(folder):
        total = 0
        for dirpath, _, names in os.walk(os.path.join(site, folder)):
            total += sum(os.path.getsize(os.path.join(dirpath, n)) for n in names)
        return total

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Recorder, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    browser = Browser()
    rows = []
    diligence_excluded = ("/index.html", "/search.html", "/static/style.css")
    try:
        for query in QUERIES:
            result = {"query": query}
            for engine, page, inp, res, excluded in [
                ("diligence", "index.html", "#search-input", "#search-suggestions [role=option]:not(#search-option-all)", diligence_excluded),
                ("pagefind", "pagefind-ui-test.html", ".pagefind-ui__search-input", ".pagefind-ui__result", ("/pagefind-ui-test.html",)),
            ]:
                colds, files, later = [], None, None
                for _ in range(options.runs):
                    cold, files, later = measure(browser, base, page, inp, res, query, excluded)
                    colds.append(cold)
                warm_script = WARM_DILIGENCE if engine == "diligence" else WARM_PAGEFIND
                warms = [browser.run_async(warm_script, query) for _ in range(options.runs)]
                result[engine] = summary(files, colds, warms, later)
            colds, files = [], None
            for _ in range(options.runs):
                cold, files = measure_page(browser, base, query, diligence_excluded)
                colds.append(cold)
            result["diligence page"] = summary(files, colds, None, None)
            colds, files = [], None
            for _ in range(options.runs):
                cold, files = measure_keys(browser, base, query, diligence_excluded, options.key_delay)
                colds.append(cold)
            result["diligence keys"] = summary(files, colds, None, None)
            rows.append(result)
    finally:
        browser.quit()
        server.shutdown()
        os.remove(os.path.join(site, "pagefind-ui-test.html"))

    pages = sum(1 for _, _, names in os.walk(site) for n in names if n.endswith(".html"))
    print(f"Site: {site} ({pages} HTML files)\n")
    print(f"Index on disk: Diligence search/ {size('search') / 1e6:.1f} MB + UI {os.path.getsize(os.path.join(site, 'static', 'search.js')) / 1e3:.1f} kB; "
          f"Pagefind pagefind/ {size('pagefind') / 1e6:.1f} MB\n")
    search_files = sum(len(names) for _, _, names in os.walk(os.path.join(site, "search")))
    print(f"search.html: {os.path.getsize(os.path.join(site, 'search.html')) / 1e3:.1f} kB; files under search/: {search_files}\n")
    engines = [("diligence", "box"), ("diligence page", "search.html"), ("diligence keys", f"box, key by key ({options.key_delay} ms)"), ("pagefind", "pagefind")]
    print("| Query | Engine, from | Requests | Bytes | Gzip bytes | Keystroke → results (cold) | Engine time (warm) | Later keystroke (+s) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        for engine, label in engines:
            r = row[engine]
            warm = f"{r['warm']:.1f} ms" if r["warm"] is not None else ""
            later = f"{r['later']} req., {r['later_bytes'] / 1e3:.1f} kB" if r["later"] is not None else ""
            print(f"| `{row['query']}` | {label} | {r['files']} | {r['bytes'] / 1e3:.1f} kB | {r['gzip'] / 1e3:.1f} kB | {r['cold']:.0f} ms | {warm} | {later} |")
        for engine, label in engines[:3]:
            ratio = row[engine]["bytes"] / row["pagefind"]["bytes"]
            ratio_gz = row[engine]["gzip"] / row["pagefind"]["gzip"]
            print(f"| | ratio, {label} | | {ratio:.2f} | {ratio_gz:.2f} | | | |")
    print()
    for row in rows:
        for engine, label in engines:
            listing = ", ".join(f"{p.rsplit('/', 1)[-1]} {b / 1e3:.1f}k" for p, b, _ in row[engine]["list"])
            print(f"- `{row['query']}` {label}: {listing}")


def summary(files, colds, warms, later):
    return {
        "cold": statistics.median(colds), "warm": statistics.median(warms) if warms else None,
        "files": len(files), "bytes": sum(f[1] for f in files), "gzip": sum(f[2] for f in files),
        "list": files, "later": len(later) if later is not None else None,
        "later_bytes": sum(f[1] for f in later) if later is not None else 0,
    }

if __name__ == "__main__":
    main()
