#!/usr/bin/env python3
"""Diligence search against Pagefind's default UI, on the same built HTML.

    python3 Benchmarks/search_compare.py --site /tmp/corpus/public [--runs 3]

Runs Pagefind (PyPI `pagefind-bin`) over the site Diligence built, serves the
site on loopback, and for each query opens a fresh page in headless Chromium
(cache disabled), types the query into each search box, and records:

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

WARM_DILIGENCE = """
const [query, done] = arguments;
const started = performance.now();
window.DiligenceSearch.search(query, { limit: 6 }).then(() => done(performance.now() - started));
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
    return cold, files


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", required=True, help="a site built by Diligence")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-pagefind-index", action="store_true", help="reuse an existing pagefind/ folder")
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
    try:
        for query in QUERIES:
            result = {"query": query}
            for engine, page, inp, res, excluded in [
                ("diligence", "index.html", "#search-input", "#search-suggestions [role=option]:not(#search-option-all)", ("/index.html", "/static/style.css")),
                ("pagefind", "pagefind-ui-test.html", ".pagefind-ui__search-input", ".pagefind-ui__result", ("/pagefind-ui-test.html",)),
            ]:
                colds, files = [], None
                for _ in range(options.runs):
                    cold, files = measure(browser, base, page, inp, res, query, excluded)
                    colds.append(cold)
                warm_script = WARM_DILIGENCE if engine == "diligence" else WARM_PAGEFIND
                warms = [browser.run_async(warm_script, query) for _ in range(options.runs)]
                result[engine] = {
                    "cold": statistics.median(colds), "warm": statistics.median(warms),
                    "files": len(files), "bytes": sum(f[1] for f in files), "gzip": sum(f[2] for f in files),
                    "list": files,
                }
            rows.append(result)
    finally:
        browser.quit()
        server.shutdown()
        os.remove(os.path.join(site, "pagefind-ui-test.html"))

    pages = sum(1 for _, _, names in os.walk(site) for n in names if n.endswith(".html"))
    print(f"Site: {site} ({pages} HTML files)\n")
    print(f"Index on disk: Diligence search/ {size('search') / 1e6:.1f} MB + UI {os.path.getsize(os.path.join(site, 'static', 'search.js')) / 1e3:.1f} kB; "
          f"Pagefind pagefind/ {size('pagefind') / 1e6:.1f} MB\n")
    print("| Query | Engine | Files | Bytes | Gzip bytes | Keystroke → results (cold) | Engine time (warm) |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for row in rows:
        for engine in ("diligence", "pagefind"):
            r = row[engine]
            print(f"| `{row['query']}` | {engine} | {r['files']} | {r['bytes'] / 1e3:.1f} kB | {r['gzip'] / 1e3:.1f} kB | {r['cold']:.0f} ms | {r['warm']:.1f} ms |")
        ratio = row["diligence"]["bytes"] / row["pagefind"]["bytes"]
        ratio_gz = row["diligence"]["gzip"] / row["pagefind"]["gzip"]
        print(f"| | ratio | | {ratio:.2f} | {ratio_gz:.2f} | | |")
    print()
    for row in rows:
        for engine in ("diligence", "pagefind"):
            listing = ", ".join(f"{p.rsplit('/', 1)[-1]} {b / 1e3:.1f}k" for p, b, _ in row[engine]["list"])
            print(f"- `{row['query']}` {engine}: {listing}")


if __name__ == "__main__":
    main()
