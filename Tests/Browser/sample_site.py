"""What the browser tests share: the built sample site, served from a
loopback HTTP server under a sub-path as an intranet would, and a tally of
checks."""

import functools
import http.server
import os
import shutil
import subprocess
import threading
import urllib.parse

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SUB_PATH = "/intranet/kb/"


class Failures:
    def __init__(self):
        self.count = 0
        self.checks = 0

    def check(self, condition, message):
        self.checks += 1
        if condition:
            print(f"  ok    {message}")
        else:
            self.count += 1
            print(f"  FAIL  {message}")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory):
    handler = functools.partial(Quiet, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build(work, site=None):
    """The site (built from the sample content unless given), and a server
    with a copy of it under SUB_PATH. Returns (site, server, the two base
    URLs: file:// and HTTP)."""
    if not site:
        site = os.path.join(work, "site")
        subprocess.run(["swift", "run", "diligence", "build", "--output", site], cwd=REPO, check=True)
    site = os.path.abspath(site)
    served = os.path.join(work, "www")
    os.makedirs(os.path.join(served, SUB_PATH.strip("/").rsplit("/", 1)[0]), exist_ok=True)
    shutil.copytree(site, os.path.join(served, SUB_PATH.strip("/")))
    server = serve(served)
    return site, server, ("file://" + urllib.parse.quote(site) + "/",
                          f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}")


SEARCH = """
const done = arguments[arguments.length - 1];
window.DiligenceSearch.search(arguments[0], {limit: 500}).then(o => done(o.results.map(r => r.record.u)), e => done(String(e)));
"""


def search_urls(browser, query):
    """The URLs (relative to the language's folder) of every result of a
    query, through the search API."""
    return browser.run_async(SEARCH, query)
