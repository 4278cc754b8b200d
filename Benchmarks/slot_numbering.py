#!/usr/bin/env python3
"""What numbering search pages by hash slot would cost a built index.

A design study for issue 22, item 4 (a new page at most 5 % of a full
build), not a feature. Today a page's number in the postings is its place
in page order, so a new page moves every later number: every posting list
with a page after it changes, and an incremental build writes all ~870
chunk files again (Benchmarks/HISTORY.md, "Session of 2026-12-06 (01:35–)").

The alternative studied: a page's number is a slot taken from its record
name (`SearchRecordNames`, six base-36 characters hashed from its id) in a
table of M slots, M the smallest power of two with N / M at most `--load`;
a taken slot passes to the next free one, pages placed in name order. An
added page then moves no other page, unless it takes a slot a later page
in name order had. This script reads a built site's `search/` folder,
renumbers every posting list and redirect that way, encodes the lists
again as `SearchIndexFiles.encode` does (base-36 deltas, a score after each
page of a stem key), and prints the bytes before and after, for all chunks
and for the chunks of some common words (what a first query loads). It
then adds random names and counts the pages each would move.

    python3 Benchmarks/slot_numbering.py PUBLIC/search [--load 0.5]
"""
import argparse
import glob
import json
import os
import random

DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36(n):
    text = ""
    while True:
        n, r = divmod(n, 36)
        text = DIGITS[r] + text
        if n == 0:
            return text


def record_names(folder):
    """Every page's record name, in page order, from the name tables `n-<k>.js`."""
    names, k = [], 0
    while os.path.exists(os.path.join(folder, f"n-{k}.js")):
        with open(os.path.join(folder, f"n-{k}.js"), encoding="utf-8") as f:
            text = f.read()
        body = text[text.index(',"') + 2:text.rindex('"')]
        names += [body[i:i + 6] for i in range(0, len(body), 6)]
        k += 1
    return names


def slots(names, size):
    """Name → slot: each name's hash slot, or the next free one, in name order."""
    taken, result = set(), {}
    for name in sorted(names):
        slot = int(name, 36) % size
        while slot in taken:
            slot = (slot + 1) % size
        taken.add(slot)
        result[name] = slot
    return result


def renumbered(value, scored, slot_of_page):
    """A posting list's text with its pages replaced by their slots, in slot order."""
    parts = value.split(",")
    step = 2 if scored else 1
    page, postings = 0, []
    for i in range(0, len(parts), step):
        page += int(parts[i], 36)
        postings.append((slot_of_page[page], parts[i + 1] if scored else None))
    out, last = [], 0
    for slot, score in sorted(postings):
        out.append(base36(slot - last))
        last = slot
        if scored:
            out.append(score)
    return ",".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("search", help="a built site's search/ folder")
    parser.add_argument("--load", type=float, default=0.5, help="pages per slot at most (default 0.5)")
    parser.add_argument("--trials", type=int, default=200, help="random names added, one at a time")
    options = parser.parse_args()

    names = record_names(options.search)
    if not names:
        parser.error(f"no name tables (n-0.js) in {options.search}: give a built site's search/ folder")
    size = 1
    while size < len(names) / options.load:
        size *= 2
    slot_of = slots(names, size)
    slot_of_page = [slot_of[name] for name in names]

    before = after = 0
    chunks = {}
    for path in sorted(glob.glob(os.path.join(options.search, "i-*.js"))):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        entries = json.loads(text[text.index("{"):text.rindex("}") + 1])
        old = sum(len(v) for v in entries.values())
        new = sum(len(renumbered(v, " " not in term, slot_of_page)) for term, v in entries.items())
        before, after = before + old, after + new
        chunks[os.path.basename(path)] = (old, new)
    print(f"{len(names)} pages, {size} slots (load {len(names) / size:.2f}), {len(chunks)} chunks")
    print(f"posting lists and redirects: {before} → {after} bytes ({after / before:.3f})")
    for name in ("i-surveil.js", "i-camera.js", "i-facial.js", "i-recognit.js", "i-biometr.js", "i-eurasia.js"):
        if name in chunks:
            old, new = chunks[name]
            print(f"  {name}: {old} → {new} bytes ({new / old:.3f})")
    tables = -(-len(names) // 64)
    print(f"name tables: {tables} → {size // 64} files of 64 names (empty slots written as six characters)")

    # An added page moves the pages whose slot it takes, and those after them in a run of taken slots.
    rng = random.Random(1)
    moved = []
    for _ in range(options.trials):
        extra = "".join(rng.choice(DIGITS) for _ in range(6))
        if extra in slot_of:
            continue
        again = slots(names + [extra], size)
        moved.append(sum(1 for name in names if again[name] != slot_of[name]))
    moved.sort()
    print(f"pages moved by one added page, over {len(moved)} random names: "
          f"median {moved[len(moved) // 2]}, 90th percentile {moved[len(moved) * 9 // 10]}, most {moved[-1]}")


if __name__ == "__main__":
    main()
