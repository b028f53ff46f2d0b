#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Benchmarks the DICOM toolkit's Part 10 reader, with DCMTK's dcmdump timed on the same files in the
# same run as the reference. Not a test; prints Markdown for docs/benchmarks.md ("## DICOM toolkit").
#   1. BENCH_FILES CT images (512x512 16-bit, from scripts/corpus/build.sh): header only and full reads,
#      BENCH_ROUNDS timed rounds after warm-up, median.
#   2. a multi-frame object of BENCH_FRAMES frames of 512 KiB (2048 = 1 GiB), native and encapsulated,
#      read fully in a child JVM with -Xmx$BENCH_XMX: peak heap and peak RSS.
#
#   scripts/bench-dicom.sh                       # defaults: 1000 files, 9 rounds, 2048 frames, 64m heap
#   BENCH_FRAMES=256 scripts/bench-dicom.sh      # a quicker run
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/jdk.sh"
pacs_find_jdk || exit 1
files=${BENCH_FILES:-1000}
rounds=${BENCH_ROUNDS:-9}
frames=${BENCH_FRAMES:-2048}
xmx=${BENCH_XMX:-64m}
for tool in dcmdump mvn flock /usr/bin/time; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench-dicom: $tool missing" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-dicom.XXXXXX")
trap 'rm -rf "$work"' EXIT

# ---- build: test classes of the dicom module, classpath from Maven (shared lock: one build at a time)
# Offline first (dependencies usually present), online only if that fails. The classes are copied while
# the lock is held: other builds in the same checkout may recompile target/ during the run.
mvn_dicom() { # goal args...
  local cmd="mvn -B -q -ntp -pl dicom $* && rm -rf '$work/classes' && mkdir '$work/classes'"
  cmd+=" && cp -r dicom/target/classes dicom/target/test-classes '$work/classes/'"
  (cd "$root" && flock /tmp/pacs-mvn.lock bash -c "${cmd/mvn /mvn -o }") >"$work/mvn.log" 2>&1 \
    || (cd "$root" && flock /tmp/pacs-mvn.lock bash -c "$cmd") >"$work/mvn.log" 2>&1 \
    || { grep -v '^WARNING' "$work/mvn.log" >&2; exit 1; }
}
echo "bench-dicom: compiling (mvn -pl dicom test-compile)..." >&2
mvn_dicom test-compile dependency:build-classpath -Dmdep.outputFile="$work/deps.txt" -Dmdep.includeScope=runtime
cp="$work/classes/classes:$work/classes/test-classes"
[ -s "$work/deps.txt" ] && cp="$cp:$(cat "$work/deps.txt")"
java=("$JAVA_HOME/bin/java" -cp "$cp")

# median_seconds CMD...: runs CMD once to warm the page cache, then $rounds times; prints the median.
median_seconds() {
  local i t0 t1 times=()
  "$@" >/dev/null 2>&1
  for ((i = 0; i < rounds; i++)); do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    times+=($((t1 - t0)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$((rounds / 2 + 1))p" | awk '{ printf "%.4f", $1 / 1e9 }'
}

# ---- 1. CT images ---------------------------------------------------------------------------------
echo "bench-dicom: building $files CT images..." >&2
"$root/scripts/corpus/build.sh" "$work/corpus" >/dev/null
mkdir "$work/ct"
for ((i = 1; i <= files; i++)); do
  cp "$work/corpus/ct-explicit-le.dcm" "$work/ct/ct-$(printf %04d "$i").dcm"
done
ct_bytes=$(cat "$work"/ct/*.dcm | wc -c)

echo "bench-dicom: reading them with the toolkit and with dcmdump..." >&2
"${java[@]}" -Xmx1g org.pacs.dicom.bench.CtReadBench "$work/ct" "$rounds" >"$work/java-ct.txt"
# dcmdump parses every file in one process; +P prints one element so that printing costs little. Its
# start-up (loading the data dictionary) is timed on one file and taken off, so both sides are per file.
ct_files=("$work"/ct/*.dcm)
dcmdump_startup=$(median_seconds dcmdump -q -M +P 0008,0018 "${ct_files[0]}")
dcmdump_header=$(median_seconds dcmdump -q -M +P 0008,0018 "${ct_files[@]}")
dcmdump_full=$(median_seconds dcmdump -q +P 0008,0018 "${ct_files[@]}")
dcmdump_header=$(awk -v a="$dcmdump_header" -v b="$dcmdump_startup" -v n="$files" 'BEGIN { printf "%.6f", (a - b) * n / (n - 1) }')
dcmdump_full=$(awk -v a="$dcmdump_full" -v b="$dcmdump_startup" -v n="$files" 'BEGIN { printf "%.6f", (a - b) * n / (n - 1) }')

java_row() { # name -> "seconds<TAB>data sets/s<TAB>MB/s"
  awk -F'\t' -v n="$1" '$1 == "RESULT" && $2 == n { printf "%s\t%s\t%s", $5, $6, $7 }' "$work/java-ct.txt"
}
rate() { awk -v f="$files" -v b="$ct_bytes" -v s="$1" 'BEGIN { printf "%.0f\t%.0f", f / s, b / s / 1e6 }'; }

# ---- 2. one large multi-frame object ----------------------------------------------------------------
echo "bench-dicom: writing a $frames-frame object twice (native, encapsulated)..." >&2
"${java[@]}" -Xmx256m org.pacs.dicom.bench.SyntheticMultiFrame "$work/mf-native.dcm" "$frames" native
"${java[@]}" -Xmx256m org.pacs.dicom.bench.SyntheticMultiFrame "$work/mf-encapsulated.dcm" "$frames" encapsulated
large_rows=""
for kind in native encapsulated; do
  f="$work/mf-$kind.dcm"
  cat "$f" >/dev/null   # page cache, as for every other reader here
  line=$("${java[@]}" -Xmx"$xmx" org.pacs.dicom.bench.LargeObjectBench "$f" | grep '^RESULT')
  IFS=$'\t' read -r _ size elements parse refs stream peak max rss <<<"$line"
  dd_m=$(/usr/bin/time -f '%e %M' dcmdump -q -M +P 0008,0018 "$f" 2>&1 >/dev/null | tail -n 1 || true)
  dd_f=$(/usr/bin/time -f '%e %M' dcmdump -q +P 0008,0018 "$f" 2>&1 >/dev/null | tail -n 1 || true)
  large_rows+=$(printf '| %s | %.2f GiB | %s s | %s | %s s (%.0f MB/s) | %.1f MiB of %.0f MiB | %s | %s | %s |' \
    "$kind" "$(awk -v s="$size" 'BEGIN { print s / 1073741824 }')" "$parse" "$refs" "$stream" \
    "$(awk -v s="$size" -v t="$stream" 'BEGIN { print s / t / 1e6 }')" \
    "$(awk -v p="$peak" 'BEGIN { print p / 1048576 }')" "$(awk -v m="$max" 'BEGIN { print m / 1048576 }')" \
    "$rss" "$(awk '{ printf "%s s, %.0f MiB RSS", $1, $2 / 1024 }' <<<"$dd_m")" \
    "$(awk '{ printf "%s s, %.0f MiB RSS", $1, $2 / 1024 }' <<<"$dd_f")")$'\n'
done

# ---- report ---------------------------------------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | awk 'NR == 1')
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
jdk=$("$JAVA_HOME/bin/java" -version 2>&1 | awk 'NR == 1')
dcmtk=$(dcmdump --version 2>&1 | awk 'NR == 1' | sed 's/^\$dcmtk: //; s/ \$$//')
IFS=$'\t' read -r h_s h_n h_mb <<<"$(java_row 'header only (stop at Pixel Data)')"
IFS=$'\t' read -r r_s r_n r_mb <<<"$(java_row 'full read, bulk data as file references')"
IFS=$'\t' read -r m_s m_n m_mb <<<"$(java_row 'full read, bulk data in memory')"
IFS=$'\t' read -r dh_n dh_mb <<<"$(rate "$dcmdump_header")"
IFS=$'\t' read -r df_n df_mb <<<"$(rate "$dcmdump_full")"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f×", a / b }'; }

cat <<EOF
Run $(date -u +%Y-%m-%d) on $(nproc) cores ($cpu), $mem RAM, $jdk, $dcmtk; files in the page cache.

**$files CT images** (512×512, 16 bits, $(awk -v b="$ct_bytes" -v f="$files" 'BEGIN { printf "%.0f KiB", b / f / 1024 }') each), median of $rounds rounds after warm-up; MB/s counts
whole files, read or skipped; dcmdump's start-up ($(awk -v s="$dcmdump_startup" 'BEGIN { printf "%.1f ms", s * 1000 }'), timed on one file) is taken off:

| reader | data sets/s | MB/s | toolkit ÷ dcmdump |
|---|---:|---:|---:|
| toolkit, header only (\`withStopTag(PixelData)\`) | $h_n | $h_mb | $(ratio "$h_n" "$dh_n") |
| dcmdump -M (long values not loaded) | $dh_n | $dh_mb | |
| toolkit, full read, bulk data as file references | $r_n | $r_mb | $(ratio "$r_n" "$dh_n") vs -M |
| toolkit, full read, bulk data in memory | $m_n | $m_mb | $(ratio "$m_n" "$df_n") |
| dcmdump (all values loaded) | $df_n | $df_mb | |

**One multi-frame object of $frames frames** (512×512×16 bits), toolkit in a child JVM with \`-Xmx$xmx\`:

| Pixel Data | size | parse | bulk references | stream the pixels through them | peak heap | peak RSS | dcmdump -M | dcmdump |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
${large_rows}
EOF
