#!/usr/bin/env bash
# Builds the libFuzzer target for Broadsheet's content parsers (fuzz/Fuzz.swift) with
# AddressSanitizer and runs it for FUZZ_SECONDS seconds (default 60). `make fuzz` calls it.
#
# Everything built, the growing corpus and any crash go to .build-fuzz/ (ignored by git);
# the seeds in fuzz/corpus/ are only read. A crash is saved as .build-fuzz/crash-<hash>
# and replayed with `.build-fuzz/fuzz-parsers .build-fuzz/crash-<hash>`; keep it as a
# regression test in Tests/BroadsheetKitTests/FuzzFindingsSafetyTests.swift.
#
# The parsers are compiled straight from Sources/BroadsheetKit together with Fuzz.swift
# (one module, so the fuzzer reaches internal types); Yams and its libyaml are compiled
# from the checkout SwiftPM keeps in .build/checkouts, instrumented as well; libcmark is
# the system library.
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
OUT="${FUZZ_BUILD:-.build-fuzz}"
SWIFTC="${SWIFTC:-swiftc}"
CLANG="${CLANG:-$(dirname "$(command -v "$SWIFTC")")/clang}"   # the toolchain's, which has libFuzzer

[ -d .build/checkouts/Yams/Sources ] || swift package resolve
YAMS=.build/checkouts/Yams/Sources
KIT=Sources/BroadsheetKit
SOURCES=(
  "$KIT"/Parsing/*.swift "$KIT"/Markdown/*.swift "$KIT"/Diagnostics/Diagnostic.swift "$KIT"/Config/SiteConfig.swift
  "$KIT"/Content/Article.swift "$KIT"/Content/Slug.swift "$KIT"/Content/Summary.swift "$KIT"/Content/SafeURL.swift
  "$KIT"/Content/Escaping.swift "$KIT"/Content/Words.swift "$KIT"/Loading/FolderReader.swift "$KIT"/Loading/FileStatus.swift
  "$KIT"/Loading/Parallel.swift
)
CYAML=(-Xcc -fmodule-map-file="$YAMS/CYaml/include/module.modulemap" -I "$YAMS/CYaml/include" -Xcc -DYAML_DECLARE_STATIC)

mkdir -p "$OUT/objects" "$OUT/corpus"
echo "fuzz: building libyaml and Yams"
for source in "$YAMS"/CYaml/src/*.c; do
  "$CLANG" -c -O1 -g -fsanitize=fuzzer-no-link,address -DYAML_DECLARE_STATIC -I "$YAMS/CYaml/include" "$source" \
    -o "$OUT/objects/cyaml-$(basename "$source" .c).o"
done
"$SWIFTC" -c -wmo -O -g -parse-as-library -sanitize=fuzzer,address -module-name Yams -DSWIFT_PACKAGE "${CYAML[@]}" \
  -emit-module-path "$OUT/Yams.swiftmodule" "$YAMS"/Yams/*.swift -o "$OUT/objects/yams.o"
echo "fuzz: building fuzz-parsers"
rm -f "$OUT/fuzz-parsers"
if ! "$SWIFTC" -O -g -parse-as-library -sanitize=fuzzer,address -module-name BroadsheetFuzz \
  -I "$OUT" "${CYAML[@]}" -Xcc -fmodule-map-file=Sources/CCmark/module.modulemap \
  fuzz/Fuzz.swift "${SOURCES[@]}" "$OUT"/objects/*.o -o "$OUT/fuzz-parsers" > "$OUT/build.log" 2>&1; then
  cat "$OUT/build.log" >&2
  echo "fuzz: building fuzz-parsers failed" >&2
  exit 1
fi
grep -v "Cannot export local symbol '__asan" "$OUT/build.log" || true   # ld.gold's noise about ASan internals

echo "fuzz: running for $FUZZ_SECONDS s (seeds: fuzz/corpus, corpus: $OUT/corpus)"
exec "$OUT/fuzz-parsers" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$OUT/" "$OUT/corpus" fuzz/corpus
