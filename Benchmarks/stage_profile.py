#!/usr/bin/env python3
"""CPU time of a build by stage, from `perf record -g` profiles.

    perf record -F 4999 -g -o title1.data diligence build --incremental   # after an edit; repeat
    python3 Benchmarks/stage_profile.py none=none1.data,none2.data title=title1.data,title2.data

Each sample goes to the first stage found from the root of its stack (so a
page read again by the search patch counts as the search patch), by the
mangled names of the functions that run each stage; samples whose user
stack perf could not walk (mostly page faults on fresh heap pages) are
counted apart. Prints a Markdown table of milliseconds of CPU per build:
samples per profile divided by the sampling frequency (`--frequency`,
4999 by default). Under perf a build takes 5-10 % more CPU than without.
"""

import argparse
import collections
import subprocess

# Stage, and substrings of the mangled names of the functions that run it
# (looked for in the first 50 characters: the type and function names).
STAGES = [
    ("search patch (background)", ["SearchPatchJob", "SearchRecordNames"]),
    ("history (git)", ["readHistory", "GitHistory"]),
    ("cache: read and decode", ["PreviousBuild", "BuildSnapshot", "CachedPage", "OutputCache", "KeptSearchChunks"]),
    ("list content, templates, config", ["ContentLoader", "0B6LoaderV", "TranslationDecoder", "SiteConfig",
                                         "ThemeFiles", "TemplateLibraryC", "TemplateLibraryV", "SiteConfigDecoder"]),
    ("read pages (stat, compare, decode edited)", ["PageCollector"]),
    ("link (graph)", ["PageLinker", "SiteB7BuilderV8assemble", "Site0B7Builder"]),
    ("decide", ["OutputDecider"]),
    ("render + write outputs", ["BuildExecutorV6render", "SiteRenderer", "OutputSink", "InPlaceWriter"]),
    ("search write", ["SearchStep"]),
    ("cache write", ["BuildCache", "CacheWriter"]),
]
START = "process start and exit"
UNWOUND = "page faults, stacks not unwound"
OTHER = "other"


def stage(frames):
    """The stage of a sample, its frames leaf first."""
    for frame in reversed(frames):
        for name, keys in STAGES:
            if any(key in frame[:50] for key in keys):
                return name
    if len(frames) < 3 or any("_dl_" in f or "dl_main" in f for f in frames):
        return START
    if not any(f.startswith(("$s", "_Z", "mi_", "swift")) for f in frames):
        return UNWOUND
    return OTHER


def samples(path):
    """Each sample's frames, leaf first."""
    out = subprocess.run(["perf", "script", "-i", path, "-F", "ip,sym", "--no-demangle"],
                         capture_output=True, text=True, check=True).stdout
    for block in out.split("\n\n"):
        frames = [line.strip().split(None, 1)[1] for line in block.strip().split("\n")
                  if len(line.strip().split(None, 1)) > 1]
        if frames:
            yield frames


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("groups", nargs="+", help="NAME=profile.data[,profile.data...]")
    parser.add_argument("--frequency", type=float, default=4999)
    options = parser.parse_args()
    table = {}
    for group in options.groups:
        name, paths = group.split("=", 1)
        paths = paths.split(",")
        counts = collections.Counter(stage(frames) for path in paths for frames in samples(path))
        table[name] = {k: 1000 * v / len(paths) / options.frequency for k, v in counts.items()}
    rows = [name for name, _ in STAGES] + [START, UNWOUND, OTHER]
    print("| CPU per build (ms) | " + " | ".join(table) + " |")
    print("|---|" + "---:|" * len(table))
    for row in rows:
        print(f"| {row} | " + " | ".join(f"{table[k].get(row, 0):.0f}" for k in table) + " |")
    print("| all | " + " | ".join(f"{sum(v.values()):.0f}" for v in table.values()) + " |")


if __name__ == "__main__":
    main()
