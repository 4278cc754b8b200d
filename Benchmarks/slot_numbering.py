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
and for the chunks of some common words (what a first query loads).

It also encodes `facets.js` again with the new numbers, each filter in the
shorter of the forms `SearchFacets` chooses between (after checking that
re-encoding with the old numbers gives the file back byte for byte): once
with slots over the whole table, once with a table per kind (so a kind's
pages keep one run of numbers), and once with a table per kind and, for
products, per category (tables in the filters' order, each a power of two
of at least 64 slots), with and without a fourth form for a filter value
whose pages fill whole tables: the tables' slot ranges (exact, since a
result is always a taken slot). The results page loads `facets.js` with
its first query, so its growth counts against item 6 (a first query at
most a quarter of Pagefind's bytes). It prints the posting lists' bytes
with the per-category tables too, and adds random names (to the whole
table, and to the fullest per-category table) and counts the pages each
would move.

    python3 Benchmarks/slot_numbering.py PUBLIC/search [--load 0.5]

The index must be numbered by page, as Diligence wrote it before
2026-12-07 (38a4d7e or earlier): since then it numbers by slot itself
(`SearchNumbering`, the per-kind-and-category variant studied here, at
most three quarters full until 2026-12-07, at most half full since:
`--load 0.5`).
"""
import argparse
import glob
import gzip
import json
import os
import random
import sys

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


EACH = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
BITS = "0123456789abcdefghijklmnopqrstuv"


def facet_pages(encoded):
    """A facet value's pages, decoded as search.js's facetPages does."""
    pages, doc = [], 0
    if encoded.startswith("+"):
        runs = [int(x, 36) for x in encoded[1:].split(",")]
        for i in range(0, len(runs) - 1, 2):
            doc += runs[i]
            pages += range(doc, doc + runs[i + 1])
            doc += runs[i + 1]
    elif encoded.startswith("!"):
        colon = encoded.index(":")
        start = int(encoded[1:colon], 36)
        for i, char in enumerate(encoded[colon + 1:]):
            bits = BITS.index(char)
            pages += [start + i * 5 + k for k in range(5) if bits & (16 >> k)]
    elif encoded:
        for delta in encoded.split(","):
            doc += int(delta, 36)
            pages.append(doc)
    return pages


def each_pages(each, count):
    """Value number (from 0) → pages, from a filter given page by page (`SearchFacets.encodeEach`)."""
    start, per, digits = each.split(":")
    page, per, states = int(start, 36), int(per), count + 1
    pages = [[] for _ in range(count)]
    for char in digits:
        code = EACH.index(char)
        for k in range(per - 1, -1, -1):
            value = code % states
            code //= states
            if value:
                pages[value - 1].append(page + k)
        page += per
    return pages


def encode(pages):
    """`SearchFacets.encode`: the shortest of deltas, runs and a bitmap."""
    if not pages:
        return ""
    deltas, previous = [], 0
    for page in pages:
        deltas.append(base36(page - previous))
        previous = page
    deltas = ",".join(deltas)
    runs, end, k = [], 0, 0
    while k < len(pages):
        length = 1
        while k + length < len(pages) and pages[k + length] == pages[k] + length:
            length += 1
        runs += [base36(pages[k] - end), base36(length)]
        end = pages[k] + length
        k += length
    runs = "+" + ",".join(runs)
    best = runs if len(runs) < len(deltas) else deltas
    first, span = pages[0], pages[-1] - pages[0] + 1
    if (span + 4) // 5 < len(best):
        digits = [0] * ((span + 4) // 5)
        for page in pages:
            digits[(page - first) // 5] |= 1 << (4 - (page - first) % 5)
        bits = "!" + base36(first) + ":" + "".join(BITS[d] for d in digits)
        if len(bits) < len(best):
            best = bits
    return best


def encode_each(values):
    """`SearchFacets.encodeEach`, or None."""
    if not any(values):
        return None
    last = max(max(p) for p in values if p)
    value_of = [0] * (last + 1)
    for k, pages in enumerate(values):
        for page in pages:
            if value_of[page]:
                return None
            value_of[page] = k + 1
    first = next(i for i, v in enumerate(value_of) if v)
    states, per, capacity = len(values) + 1, 0, 1
    while capacity * states <= 64:
        capacity *= states
        per += 1
    digits, page = [], first
    while page <= last:
        code = 0
        for k in range(per):
            code = code * states + (value_of[page + k] if page + k <= last else 0)
        digits.append(EACH[code])
        page += per
    return base36(first) + ":" + str(per) + ":" + "".join(digits)


def encode_tables(pages, tables):
    """A value's pages as the slot ranges of the tables they fill (`~` then
    start,length pairs in base 36, as the runs are), when its pages are
    every page of whole tables; else None. A result is always a taken
    slot, so testing its slot against the ranges is exact."""
    ranges, members = [], set(pages)
    for start, size, taken in tables:
        if taken <= members:
            if ranges and ranges[-1][0] + ranges[-1][1] == start:
                ranges[-1][1] += size
            else:
                ranges.append([start, size])
            members -= taken
        elif taken & members:
            return None
    if members:
        return None
    out, end = [], 0
    for start, length in ranges:
        out += [base36(start - end), base36(length)]
        end = start + length
    return "~" + ",".join(out)


def facets_file(facets, number, tables=None):
    """`search/facets.js` again with page p numbered `number[p]`, each
    filter encoded as `SearchFacets` chooses (its values' lists, or page by
    page when that is shorter); with `tables` (start, size, taken slots),
    a value filling whole tables may be written as their ranges."""
    dims = []
    for dim in facets["dims"]:
        count = len(dim["values"])
        old = each_pages(dim["each"], count) if dim.get("each") else [facet_pages(v["docs"]) for v in dim["values"]]
        lists = [sorted(number[p] for p in pages) for pages in old]
        def shortest(pages):
            best = encode(pages)
            ranged = encode_tables(pages, tables) if tables else None
            return ranged if ranged is not None and len(ranged) < len(best) else best
        values = [dict(v, docs=shortest(pages)) for v, pages in zip(dim["values"], lists)]
        each = encode_each(lists)
        new = {key: value for key, value in dim.items() if key != "each"}
        if each is not None and len(each.encode()) < sum(len(v["docs"].encode()) for v in values):
            new.update(values=[dict(v, docs="") for v in values], each=each)
        else:
            new["values"] = values
        dims.append(new)
    body = json.dumps({"dims": dims}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return f'DiligenceSearch.put("facets",{body});'


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


# The chunks of some common words (what a first query loads) and of a rare one.
FIRST_QUERY_CHUNKS = ("i-surveil.js", "i-camera.js", "i-facial.js", "i-recognit.js", "i-biometr.js", "i-eurasia.js")


def all_entries(folder):
    """Every (term, posting list) of the index's chunks."""
    for path in sorted(glob.glob(os.path.join(folder, "i-*.js"))):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        yield from json.loads(text[text.index("{"):text.rindex("}") + 1]).items()


def group_slots(facets, names, load):
    """Page → slot, in a table (a power of two, at least 64 slots, at most
    `load` full) per kind, and per category for pages filed under one;
    tables one after another in the order of the filters' values (kinds,
    then categories), not of their first pages: a page added before all
    others of its table must not move the tables."""
    dims = {d["id"]: d for d in facets["dims"]}
    group = {}
    for dim_id in ("kind", "category"):
        dim = dims.get(dim_id)
        if not dim:
            continue
        count = len(dim["values"])
        lists = each_pages(dim["each"], count) if dim.get("each") else [facet_pages(v["docs"]) for v in dim["values"]]
        for k, pages in enumerate(lists):
            for p in pages:
                group[p] = group.get(p, ()) + ((dim_id, k),)
    members = {}
    for p in range(len(names)):
        members.setdefault(group.get(p, ()), []).append(p)
    number, base, tables = [0] * len(names), 0, []
    for key in sorted(members):
        pages = members[key]
        table = 64
        while table < len(pages) / load:
            table *= 2
        own = slots([names[p] for p in pages], table)
        for p in pages:
            number[p] = base + own[names[p]]
        tables.append((base, table, {number[p] for p in pages}))
        base += table
    return number, tables


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
    for name in FIRST_QUERY_CHUNKS:
        if name in chunks:
            old, new = chunks[name]
            print(f"  {name}: {old} → {new} bytes ({new / old:.3f})")
    tables = -(-len(names) // 64)
    print(f"name tables: {tables} → {size // 64} files of 64 names (empty slots written as six characters)")

    # The facets (loaded by the results page's first query): the same
    # filters with pages numbered by slot, and by a slot in a table of the
    # page's own kind (kinds keep their runs of numbers).
    facets_path = os.path.join(options.search, "facets.js")
    if os.path.exists(facets_path):
        with open(facets_path, encoding="utf-8") as f:
            text = f.read()
        facets = json.loads(text[text.index("{"):text.rindex("}") + 1])
        identity = list(range(len(names)))
        if facets_file(facets, identity) + "\n" != text:
            sys.exit("facets.js: re-encoding it with its own numbering does not give it back; "
                     "this script's encoders no longer match SearchFacets")
        by_kind, base = [0] * len(names), 0
        kinds = next(d for d in facets["dims"] if d["id"] == "kind")["values"]
        for value in sorted(kinds, key=lambda v: facet_pages(v["docs"])[0]):
            pages = facet_pages(value["docs"])
            table = 64
            while table < len(pages) / options.load:
                table *= 2
            own = slots([names[p] for p in pages], table)
            for p in pages:
                by_kind[p] = base + own[names[p]]
            base += table
        # A table per kind and, for products, per category too: a
        # category's pages keep one run of numbers, as a kind's do.
        by_group, tables = group_slots(facets, names, options.load)
        group_size = tables[-1][0] + tables[-1][1]
        print("facets.js (raw / gzip bytes):")
        for label, number, ranges in (("numbered by page", identity, None), (f"by slot, {size} slots", slot_of_page, None),
                                      (f"by slot in its kind's table, {base} slots", by_kind, None),
                                      (f"by slot in its kind's or category's table, {group_size} slots", by_group, None),
                                      (f"the same, a value filling whole tables as their ranges ({len(tables)} tables)",
                                       by_group, tables)):
            body = facets_file(facets, number, ranges).encode() + b"\n"
            print(f"  {label}: {len(body)} / {len(gzip.compress(body, 9))}")
        print(f"name tables numbered by kind's or category's table: {group_size // 64} files of 64 names")
        # A page added to the fullest table moves the pages whose slot it takes.
        start, table, taken = max(tables, key=lambda t: len(t[2]) / t[1])
        members = [names[p] for p in range(len(names)) if by_group[p] in taken]
        own = slots(members, table)
        rng, moved = random.Random(1), []
        for _ in range(options.trials):
            extra = "".join(rng.choice(DIGITS) for _ in range(6))
            if extra not in own:
                again = slots(members + [extra], table)
                moved.append(sum(1 for name in members if again[name] != own[name]))
        moved.sort()
        print(f"  a page added to the fullest table ({len(taken)} pages in {table} slots) moves, over {len(moved)} random names: "
              f"median {moved[len(moved) // 2]}, 90th percentile {moved[len(moved) * 9 // 10]}, most {moved[-1]}")
        after_group = sum(len(renumbered(v, " " not in term, by_group)) for term, v in all_entries(options.search))
        print(f"posting lists and redirects numbered by kind's or category's table: {before} → {after_group} bytes "
              f"({after_group / before:.3f})")
        for name in FIRST_QUERY_CHUNKS:
            path = os.path.join(options.search, name)
            if os.path.exists(path):
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                entries = json.loads(text[text.index("{"):text.rindex("}") + 1])
                old = sum(len(v) for v in entries.values())
                new = sum(len(renumbered(v, " " not in term, by_group)) for term, v in entries.items())
                print(f"  {name}: {old} → {new} bytes ({new / old:.3f})")

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
