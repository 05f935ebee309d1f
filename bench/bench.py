#!/usr/bin/env python3
"""`make bench`: Broadsheet against Hugo and the libcmark floor, side by side.

    python3 bench/bench.py [--sizes "1000 10000"] [--runs 3] [--media "disk tmpfs"] [--no-hugo]

For each size it generates the corpus (bench/gen_corpus.py, cached under
bench/corpus/N), then times with hyperfine, on each output medium:

  floor-render   bench/floor.c: libcmark renders every body (no output)
  floor-write    ... and writes one HTML file per article
  cold           Broadsheet / Hugo into an empty output folder (--prepare clears it and syncs;
                 on disk it moves the last output aside, see `clear_command`)
  no-change      the same command again on an unchanged corpus and output
  touch          Broadsheet after `touch` on one article (mtime only)
  one-edit       Broadsheet after one article's last line changed (bench/edit-article.sh): a new
                 revision number, which changes no word the search index holds
  edit-words     the same with a new word in the stamp, so the search index chooses again

and the peak memory (maximum resident set size) of one cold build of each with
/usr/bin/time -v. It prints the tables and writes them into BENCHMARKS.md
between the `results` markers, keeping the hand-written rest of the file.
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
BUILT = os.path.join(ROOT, ".build", "release", "broadsheet")
# The run times a copy, so a rebuild during the run (others work in the same tree) cannot mix two binaries.
BROADSHEET = os.path.join(BENCH, "out", "broadsheet")
TEMPLATES = os.path.join(ROOT, "Templates")
CONFIG = os.path.join(BENCH, "site.yml")
REPORT = os.path.join(ROOT, "BENCHMARKS.md")
LOAD_START = None
BEGIN, END = "<!-- results:begin (written by bench/bench.py) -->", "<!-- results:end -->"


def sh(command, **kwargs):
    return subprocess.run(command, shell=True, check=True, text=True, capture_output=True, **kwargs).stdout


def first_line(command):
    try:
        return sh(command + " 2>&1").strip().splitlines()[0]
    except (subprocess.CalledProcessError, IndexError):
        return "not available"


def log(message):
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- corpus, tools

def corpus(n):
    """bench/corpus/N, regenerated when the generator changed."""
    folder = os.path.join(BENCH, "corpus", str(n))
    with open(os.path.join(BENCH, "gen_corpus.py"), "rb") as f:
        stamp = hashlib.sha256(f.read()).hexdigest()[:16]
    stamp_file = os.path.join(folder, ".generator")
    if not (os.path.exists(stamp_file) and open(stamp_file).read() == stamp):
        log(f"generating {n} articles into {os.path.relpath(folder, ROOT)}")
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(BENCH, "gen_corpus.py"), str(n), folder], check=True)
        open(stamp_file, "w").write(stamp)
    size = int(sh(f"du -sb {shlex.quote(os.path.join(folder, 'content'))}").split()[0])
    return folder, size


def build_floor(out):
    binary = os.path.join(out, "floor")
    subprocess.run(["cc", "-O2", "-o", binary, os.path.join(BENCH, "floor.c"), "-lcmark"], check=True)
    return binary


def hugo_site(out):
    """A working copy of bench/hugo with Broadsheet's static files, so Hugo's lock and resources stay out of the repo."""
    site = os.path.join(out, "hugo-site")
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(os.path.join(BENCH, "hugo"), site)
    shutil.copytree(os.path.join(TEMPLATES, "static"), os.path.join(site, "static"))
    return site


# ---------------------------------------------------------------- measuring

def hyperfine(name, command, runs, json_dir, prepare=None, warmup=0):
    path = os.path.join(json_dir, name + ".json")
    args = ["hyperfine", "--style", "basic", "--runs", str(runs), "--warmup", str(warmup),
            "--export-json", path, "--command-name", name]
    if prepare:
        args += ["--prepare", prepare]
    args.append(command)
    log(f"  {name}")
    subprocess.run(args, check=True, stdout=sys.stderr)
    result = json.load(open(path))["results"][0]
    return {"median": result["median"], "stddev": result["stddev"] or 0.0, "min": result["min"], "runs": len(result["times"]),
            "cpu": result["user"] + result["system"]}


def peak_memory(command, prepare):
    subprocess.run(prepare, shell=True, check=True)
    run = subprocess.run(f"/usr/bin/time -v {command}", shell=True, check=True, text=True,
                         capture_output=True)
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
    return int(match.group(1)) * 1024 if match else None


def count_files(folder):
    return sum(len(files) for _, _, files in os.walk(folder))


# Broadsheet's incremental runs take a fraction of a second, where a burst of other work on a
# shared machine weighs most: they get at least this many runs.
INCREMENTAL_RUNS = 10


def clear_command(paths, medium, out):
    """A shell command that leaves none of `paths` (globs allowed) and syncs. On tmpfs they are
    deleted. On disk they are moved into OUT/.trash, which `main` deletes when the run ends:
    this machine's ext4 has no journal, and without one ext4 skips inodes freed in the last
    minute (six when their table block is dirty) when it makes a file, reading each one's
    table block to find out. Deleting the 13,700 files of one run right before the next made
    that one's file creation scan them: seconds of system time, and a different amount each
    run (the floor took 0.6 to 1.7 s). Moved aside, they are not freed until the end."""
    if medium == "tmpfs":
        return "rm -rf " + " ".join(paths) + " && sync"
    trash = shlex.quote(os.path.join(out, ".trash"))
    return (f"d={trash}/$(date +%s%N) && mkdir -p $d && for p in {' '.join(paths)}; do "
            f"if [ -e \"$p\" ]; then mv \"$p\" $d/; fi; done && sync")


def measure(n, medium, out, runs, floor, hugo, hugo_dir):
    folder, _ = corpus(n)
    content, hugo_content = os.path.join(folder, "content"), os.path.join(folder, "hugo-content")
    bodies = os.path.join(folder, "bodies.list")
    edited = open(os.path.join(folder, "edit.list")).read().strip()
    os.makedirs(out, exist_ok=True)
    json_dir = os.path.join(out, "json")
    os.makedirs(json_dir, exist_ok=True)
    q = shlex.quote
    bs_out, hugo_out, floor_out = (os.path.join(out, x) for x in ("broadsheet", "hugo", "floor"))
    bs = (f"{q(BROADSHEET)} build --content {q(content)} --templates {q(TEMPLATES)} "
          f"--output {q(bs_out)} --config {q(CONFIG)} --quiet")
    hugo_cmd = (f"hugo --quiet --source {q(hugo_dir)} --contentDir {q(hugo_content)} --destination {q(hugo_out)} "
                f"--cacheDir {q(os.path.join(out, 'hugo-cache'))}") if hugo else None
    # Cold means nothing left from an earlier run: the output folder and every sibling Broadsheet keeps
    # beside it (`.broadsheet.broadsheet-staging`, the incremental cache `.broadsheet.broadsheet-cache`, ...).
    wipe_bs = clear_command([q(bs_out), f"{q(out)}/.broadsheet.*"], medium, out)
    wipe_hugo = clear_command([q(hugo_out)], medium, out)
    log(f"{n} articles, output on {medium} ({out})")
    r = {"commands": {"broadsheet": bs, "hugo": hugo_cmd, "floor": f"{q(floor)} {q(bodies)} {q(floor_out)}",
                      "edit": f"{q(os.path.join(BENCH, 'edit-article.sh'))} {q(edited)}"}}
    r["floor-render"] = hyperfine("floor-render", f"{q(floor)} {q(bodies)}", runs, json_dir, warmup=1)
    r["floor-write"] = hyperfine("floor-write", r["commands"]["floor"], runs, json_dir, prepare=clear_command([q(floor_out)], medium, out))
    r["bs-cold"] = hyperfine("broadsheet-cold", bs, runs, json_dir, prepare=wipe_bs)
    r["bs-pages"] = count_files(bs_out)
    quick = max(runs, INCREMENTAL_RUNS)
    r["bs-nochange"] = hyperfine("broadsheet-no-change", bs, quick, json_dir, warmup=1)
    # A warmup run each: the first edit also undoes what the run before left (an edit-words
    # stamp's word, which a plain edit removes, so the search index is rebuilt once).
    r["bs-touch"] = hyperfine("broadsheet-touch", bs, quick, json_dir, prepare=f"touch {q(edited)}", warmup=1)
    r["bs-edit"] = hyperfine("broadsheet-one-edit", bs, quick, json_dir, prepare=r["commands"]["edit"], warmup=1)
    r["bs-edit-words"] = hyperfine("broadsheet-edit-words", bs, quick, json_dir, prepare=r["commands"]["edit"] + " words", warmup=1)
    timed = bs.replace("--quiet", "--timings") + " 2>/dev/null"
    r["bs-stages"] = [sh(wipe_bs + "; " + timed), sh(timed)]
    r["bs-peak"] = peak_memory(bs, wipe_bs)
    if hugo:
        r["hugo-cold"] = hyperfine("hugo-cold", hugo_cmd, runs, json_dir, prepare=wipe_hugo)
        r["hugo-pages"] = count_files(hugo_out)
        r["hugo-nochange"] = hyperfine("hugo-no-change", hugo_cmd, runs, json_dir, warmup=1)
        r["hugo-peak"] = peak_memory(hugo_cmd, wipe_hugo)
    return r


# ---------------------------------------------------------------- report

def secs(m):
    if not m:
        return "–"
    return f"{m['median']:.3f} ± {m['stddev']:.3f}" if m["median"] < 10 else f"{m['median']:.2f} ± {m['stddev']:.2f}"


def ratio(a, b):
    return a / b if a is not None and b else None


def fmt_ratio(x, digits=2):
    return "–" if x is None else f"{x:.{digits}f}×"


def median(r, key):
    return r[key]["median"] if key in r else None


def tables(results, sizes, media):
    lines = []
    for medium in media:
        rows = [(n, results[(n, medium)]) for n in sizes if (n, medium) in results]
        if not rows:
            continue
        lines += [f"### Output on {medium}", "",
                  f"Seconds, median ± standard deviation of the hyperfine runs (Broadsheet's no-change, touch and edit runs: at least {INCREMENTAL_RUNS}); "
                  "memory is the peak resident set of one cold build.", "",
                  "| articles | corpus | pages (Broadsheet / Hugo) | floor: render | floor: render + write | Broadsheet cold | Hugo cold "
                  "| Broadsheet no-change | Hugo no-change | Broadsheet touch one | Broadsheet edit one | Broadsheet edit one, new word "
                  "| peak MB Broadsheet | peak MB Hugo |",
                  "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for n, r in rows:
            mb = lambda v: "–" if not v else f"{v / 2**20:.0f}"
            lines.append(f"| {n:,} | {r['corpus-bytes'] / 1e6:.0f} MB | {r['bs-pages']:,} / {format(r['hugo-pages'], ',') if 'hugo-pages' in r else '–'} "
                         f"| {secs(r['floor-render'])} | {secs(r['floor-write'])} | {secs(r['bs-cold'])} | {secs(r.get('hugo-cold'))} "
                         f"| {secs(r['bs-nochange'])} | {secs(r.get('hugo-nochange'))} | {secs(r['bs-touch'])} | {secs(r['bs-edit'])} | {secs(r.get('bs-edit-words'))} "
                         f"| {mb(r['bs-peak'])} | {mb(r.get('hugo-peak'))} |")
        lines += ["", "| articles | Hugo cold ÷ Broadsheet cold (≥ 4×) | Broadsheet cold ÷ floor (≤ 3×) | Broadsheet no-change ÷ Hugo no-change (< 0.05×) "
                  "| Broadsheet one-edit ÷ its cold (< 0.05×) | Broadsheet peak ÷ Hugo peak (< 0.3×) | Broadsheet cold ÷ at 1,000 articles (≤ 11× at 10,000) |",
                  "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        base = results.get((1000, medium))
        for n, r in rows:
            scale = ratio(median(r, "bs-cold"), median(base, "bs-cold")) if base and n != 1000 else None
            lines.append(f"| {n:,} | {fmt_ratio(ratio(median(r, 'hugo-cold'), median(r, 'bs-cold')))} "
                         f"| {fmt_ratio(ratio(median(r, 'bs-cold'), median(r, 'floor-write')))} "
                         f"| {fmt_ratio(ratio(median(r, 'bs-nochange'), median(r, 'hugo-nochange')), 3)} "
                         f"| {fmt_ratio(ratio(median(r, 'bs-edit'), median(r, 'bs-cold')), 3)} "
                         f"| {fmt_ratio(ratio(r['bs-peak'], r.get('hugo-peak')))} | {fmt_ratio(scale, 1)} |")
        lines.append("")
    return lines


def targets(results, media):
    lines = ["### Targets (10,000 articles; ratios from the same run, same output medium)", "",
             "| target | " + " | ".join(media) + " |", "| --- |" + " --- |" * len(media)]

    def check(label, fn):
        cells = []
        for medium in media:
            r, base = results.get((10000, medium)), results.get((1000, medium))
            value = fn(r, base) if r else None
            if value is None:
                cells.append("not measured")
            else:
                x, ok, shown = value
                cells.append(f"{'met' if ok else '**not met**'} ({shown})")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    def cmp(a, b, limit, above=False, digits=2):
        x = ratio(a, b)
        if x is None:
            return None
        return x, (x >= limit if above else x < limit), f"{x:.{digits}f}×"

    check("cold build ≥ 4× faster than Hugo", lambda r, b: cmp(median(r, "hugo-cold"), median(r, "bs-cold"), 4, above=True))
    check("cold build within 3× of the floor (cmark + write)",
          lambda r, b: (lambda x: (x, x <= 3, f"{x:.2f}×"))(ratio(median(r, "bs-cold"), median(r, "floor-write"))))
    check("no-change rebuild < 0.05× Hugo's no-change run", lambda r, b: cmp(median(r, "bs-nochange"), median(r, "hugo-nochange"), 0.05, digits=3))
    check("one article edited < 0.05× Broadsheet's cold build", lambda r, b: cmp(median(r, "bs-edit"), median(r, "bs-cold"), 0.05, digits=3))
    check("… the edit adds a word, so the search index chooses again", lambda r, b: cmp(median(r, "bs-edit-words"), median(r, "bs-cold"), 0.05, digits=3))
    check("peak memory < 0.3× Hugo's", lambda r, b: cmp(r["bs-peak"], r.get("hugo-peak"), 0.3))
    check("linear: 10,000 articles ≤ 11× the time of 1,000",
          lambda r, b: None if not b else (lambda x: (x, x <= 11, f"{x:.1f}×"))(ratio(median(r, "bs-cold"), median(b, "bs-cold"))))
    big = sorted({n for n, _ in results if n > 10000})
    for n in big:
        cells = []
        for medium in media:
            r = results.get((n, medium))
            cells.append(f"builds: cold {secs(r['bs-cold'])} s, peak {r['bs-peak'] / 2**20:.0f} MB" if r else "not measured")
        lines.append(f"| {n:,} articles build at all | " + " | ".join(cells) + " |")
    if not big:
        lines.append("| 50,000 articles build at all | " + " | ".join("not run (`BENCH_SIZES=\"1000 10000 50000\"`)" for _ in media) + " |")
    return lines + [""]


def stages(results, sizes, media):
    lines = ["### Where Broadsheet's time goes (`--timings`, one cold build then one no-change build)", ""]
    for n in sizes:
        for medium in media:
            r = results.get((n, medium))
            if r:
                cpu = lambda k: f"{r[k]['cpu']:.2f}" if k in r else "–"
                lines.append(f"- {n:,} articles, {medium}: CPU seconds (user + system, mean) of a cold build: Broadsheet {cpu('bs-cold')}, "
                             f"Hugo {cpu('hugo-cold')}, floor {cpu('floor-write')}; no-change: Broadsheet {cpu('bs-nochange')}, Hugo {cpu('hugo-nochange')}")
    for n in sizes:
        for medium in media:
            r = results.get((n, medium))
            if not r:
                continue
            cold, again = (" ".join(l.strip() for l in t.splitlines() if l.strip()) for t in r["bs-stages"])
            lines.append(f"- {n:,} articles, {medium}: cold `{cold}`; no-change `{again}`")
    return lines + [""]


def machine():
    mem = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "0")
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    return [f"- machine: {os.cpu_count()} cores (`nproc` {first_line('nproc')}), {int(mem) / 2**20:.1f} GiB memory, {cpu}, "
            f"Linux {platform.release()}",
            f"- disk output: `{first_line('df -T ' + shlex.quote(BENCH) + ' | tail -1')}`",
            f"- tmpfs output: `/dev/shm` ({first_line('df -T /dev/shm | tail -1')})",
            f"- swift: {first_line('swift --version')}",
            f"- hugo: {first_line('hugo version')}",
            f"- cmark: libcmark {first_line('pkg-config --modversion libcmark')} (Debian `libcmark-dev`), floor built with `cc -O2 bench/floor.c -lcmark` ({first_line('cc --version')})",
            f"- hyperfine: {first_line('hyperfine --version')}; peak memory: GNU time `/usr/bin/time -v`",
            f"- broadsheet: `swift build -c release --static-swift-stdlib` of {datetime.datetime.fromtimestamp(os.path.getmtime(BROADSHEET), datetime.timezone.utc):%Y-%m-%d %H:%M} UTC "
            f"(sha256 {hashlib.sha256(open(BROADSHEET, 'rb').read()).hexdigest()[:12]}), timed as a copy in bench/out/",
            f"- load average (1, 5, 15 min) at the start: {LOAD_START}; at the end: {open('/proc/loadavg').read().split()[:3]} "
            "(2 cores: anything above ~0.5 means other work shared the machine and inflates wall times; the CPU seconds below are less affected)"]


def report(results, sizes, media, runs, started):
    any_result = next(iter(results.values()))
    invocation = f'make bench BENCH_SIZES="{" ".join(map(str, sizes))}" BENCH_RUNS={runs} BENCH_MEDIA="{" ".join(media)}"'
    lines = [BEGIN, "", f"Run of {started:%Y-%m-%d %H:%M} UTC: `{invocation}`.", ""]
    lines += machine() + [""]
    lines += targets(results, media)
    lines += tables(results, sizes, media)
    lines += stages(results, sizes, media)
    lines += ["### Exact commands (10,000 articles, disk; other sizes and media differ only in paths)", ""]
    example = results.get((10000, media[0])) or any_result
    c = example["commands"]
    out = os.path.dirname(c["broadsheet"].split("--output ")[1].split()[0])
    lines += ["```sh",
              f"# cold: hyperfine --runs {runs} --prepare 'CLEAR OUT/broadsheet OUT/.broadsheet.*' CMD   (.broadsheet.*: staging folder, build cache)",
              "# CLEAR: on tmpfs `rm -rf … && sync`; on disk a move into OUT/.trash/<time> and `sync`, the trash deleted when the run ends (bench.py, clear_command)",
              f"# no-change: hyperfine --runs {runs} --warmup 1 CMD   (Broadsheet's no-change, touch and edits: --runs {max(runs, INCREMENTAL_RUNS)} --warmup 1)",
              f"# touch one: --prepare 'touch FILE'; one-edit: --prepare '{c['edit']}'; edit-words: the same with ' words'",
              c["broadsheet"],
              (c["hugo"] or "# hugo not installed") + "   # cold: --prepare 'CLEAR OUT/hugo'",
              c["floor"] + "   # floor-write (--prepare 'CLEAR OUT/floor'); floor-render: without the OUTDIR",
              f"/usr/bin/time -v CMD   # after the cold --prepare; 'Maximum resident set size'",
              f"# OUT = {out}",
              "```", "", END]
    return "\n".join(lines)


def write_report(text):
    old = open(REPORT).read() if os.path.exists(REPORT) else ""
    if BEGIN in old and END in old:
        new = old[:old.index(BEGIN)] + text + old[old.index(END) + len(END):]
    else:
        new = old + ("\n" if old else "# Benchmarks\n\n") + "## Results\n\n" + text + "\n"
    open(REPORT, "w").write(new)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000 10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--media", default="disk tmpfs")
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--no-report", action="store_true", help="print the tables only, leave BENCHMARKS.md alone")
    args = parser.parse_args()
    sizes = sorted({int(s.replace(",", "").replace("_", "")) for s in args.sizes.split()})
    media = [m for m in args.media.split() if m in ("disk", "tmpfs")]
    if "tmpfs" in media and not os.path.isdir("/dev/shm"):
        log("no /dev/shm: tmpfs runs skipped")
        media.remove("tmpfs")
    for tool in ("hyperfine", "cc"):
        if not shutil.which(tool):
            sys.exit(f"bench: `{tool}` is missing (make bench installs hyperfine with apt-get)")
    if not os.path.exists("/usr/bin/time"):
        sys.exit("bench: /usr/bin/time is missing (apt-get install time)")
    if not os.access(BUILT, os.X_OK):
        sys.exit(f"bench: {BUILT} is missing; run `swift build -c release --static-swift-stdlib` first")
    global LOAD_START
    LOAD_START = open("/proc/loadavg").read().split()[:3]
    os.makedirs(os.path.dirname(BROADSHEET), exist_ok=True)
    shutil.copy2(BUILT, BROADSHEET)
    hugo = shutil.which("hugo") is not None and not args.no_hugo
    if not hugo:
        log("hugo not installed (or --no-hugo): its columns stay empty")
    started = datetime.datetime.now(datetime.timezone.utc)
    out_disk = os.path.join(BENCH, "out")
    os.makedirs(out_disk, exist_ok=True)
    floor = build_floor(out_disk)
    for n in sizes:   # what an interrupted run left
        shutil.rmtree(os.path.join(out_disk, str(n), ".trash"), ignore_errors=True)
    hugo_dir = hugo_site(out_disk) if hugo else None
    results = {}
    for n in sizes:
        _, size = corpus(n)
        runs = args.runs if n <= 10000 else 1
        for medium in media:
            out = os.path.join(out_disk, str(n)) if medium == "disk" else f"/dev/shm/broadsheet-bench/{n}"
            results[(n, medium)] = measure(n, medium, out, runs, floor, hugo, hugo_dir)
            results[(n, medium)]["corpus-bytes"] = size
            if medium == "tmpfs":
                shutil.rmtree(out, ignore_errors=True)  # give the memory back
    for n in sizes:
        shutil.rmtree(os.path.join(out_disk, str(n), ".trash"), ignore_errors=True)
    text = report(results, sizes, media, args.runs, started)
    print(text)
    if not args.no_report:
        write_report(text)
        log(f"wrote {os.path.relpath(REPORT, ROOT)}")


if __name__ == "__main__":
    main()
