#!/usr/bin/env python3
"""Reads `perf script -F comm,tid,ip,sym | swift demangle --simplified` output and prints,
for each function named on the command line, its share of all samples (inclusive) and
what it spends them in: its callees one level down (outermost occurrence per sample), and
the leaf functions (self time) of its samples, which is what tells for recursive code such as
Mustache's renderToken.

    python3 bench/perf_breakdown.py SCRIPT.txt "SearchIndex.render" "MustacheTemplate.render(_:library:)" ...
"""
import collections
import re
import sys


def main():
    path, targets = sys.argv[1], sys.argv[2:]
    stacks = []
    for block in open(path, errors="replace").read().split("\n\n"):
        lines = block.strip().splitlines()
        if len(lines) > 1:
            stacks.append([re.sub(r"^\s*[0-9a-f]+ ", "", l).strip() for l in lines[1:]])  # leaf first
    total = len(stacks) or 1
    for target in targets:
        callees, leaves, hits = collections.Counter(), collections.Counter(), 0
        for frames in stacks:
            where = [i for i, f in enumerate(frames) if target in f]
            if not where:
                continue
            hits += 1
            outer = max(where)
            callees[frames[outer - 1] if outer else "(self)"] += 1
            leaves[frames[0]] += 1
        print(f"{100 * hits / total:5.1f}%  {target}")
        for name, n in callees.most_common(8):
            print(f"        {100 * n / total:5.1f}%  {name[:150]}")
        if hits:
            print("        self time in: " + ", ".join(f"{name[:60]} {100 * n / total:.1f}%" for name, n in leaves.most_common(6)))


if __name__ == "__main__":
    main()
