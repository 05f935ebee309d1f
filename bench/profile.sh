#!/usr/bin/env bash
# The profile-guided pass of BENCHMARKS.md: perf record (DWARF call graphs) of one cold
# Broadsheet build of the 1,000-article bench corpus, then the hottest symbols
# (inclusive and self) and a breakdown of the stages' main functions.
#   bench/profile.sh [ARTICLES]     (run from the repository root after `swift build -c release --static-swift-stdlib`)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000}"
out="bench/out/profile-$n"
rm -rf "$out" && mkdir -p "$out"
[ -f "bench/corpus/$n/.generator" ] || python3 bench/gen_corpus.py "$n" "bench/corpus/$n"
cp .build/release/broadsheet "$out/broadsheet"   # a rebuild during the report cannot change the symbols
"$out/broadsheet" build --content "bench/corpus/$n/content" --templates Templates --output "$out/site" \
    --config bench/site.yml --timings | tee "$out/timings.txt"
rm -rf "$out/site" "$out"/.site.*   # cold: no output, no staging folder, no build cache
perf record -q -F 499 --call-graph dwarf,32768 -o "$out/perf.data" \
    "$out/broadsheet" build --content "bench/corpus/$n/content" --templates Templates --output "$out/site" \
    --config bench/site.yml --quiet
perf report -i "$out/perf.data" --children --sort sym --stdio -g none --percent-limit 1 2>/dev/null \
    | grep '%' | swift demangle --simplified > "$out/inclusive.txt"
perf report -i "$out/perf.data" --no-children --sort sym --stdio -g none --percent-limit 0.7 2>/dev/null \
    | grep '%' | swift demangle --simplified > "$out/self.txt"
perf script -i "$out/perf.data" -F comm,tid,ip,sym 2>/dev/null | swift demangle --simplified > "$out/stacks.txt"
echo "== hottest functions, self time"; cut -c1-160 "$out/self.txt" | head -25
echo "== where the stages spend it (share of all samples; callees one level down)"
python3 bench/perf_breakdown.py "$out/stacks.txt" \
    "Builder.build(" "IncrementalParse.run" "ArticleReader.read(_:)" "MarkdownArticleReader.read(_:path:)" \
    "WireReader.read(_:path:)" "YAMLMapping.parse" "CommonMark.render" "SearchWords.init(countingWordsIn:)" \
    "Site.init" "PageRenderer.text(of:)" "MustacheTemplate.render(context:)" "CardCache.card" \
    "MustacheTemplate.getChild(named:transforms:context:)" "ViewBuilder.view(of:)" "SearchIndex.render" \
    "WordChoice.init" "AtomFeed.render" "BuildCache" "OutputWriter." "swift_conformsToProtocol" "cmark_"
echo "(full reports in $out/: inclusive.txt, self.txt, stacks.txt)"
