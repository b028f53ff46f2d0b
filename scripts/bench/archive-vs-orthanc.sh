#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# archive-vs-orthanc.sh: our archive and Orthanc (Debian 12) on the same corpora, machine and clients
# (issue 6). Ingest with DCMTK storescu over DICOM TLS (TCP_NODELAY=1) into the archive (TLS with client
# certificates, encrypted blobs, catalog, fsync before the C-STORE response) over 1 and 4 associations;
# study-level C-FIND latency on ONE open TLS association (scripts/bench/FindLatency.java) at several
# corpus sizes; peak RSS. The Orthanc side runs the shared kit (/work/shared/bench/peer/orthanc-bench.sh)
# with its own settings: TLS ingest (PARTS=tls) and C-FIND with its "marginal" per-query cost on an
# open association (PARTS=orthanc4,find). Everything runs on 127.0.0.1 inside `unshare -n`.
#
# Knobs (defaults in brackets):
#   STEPS [build,ours-ingest,ours-find,orthanc-ingest,orthanc-find]   what to run (the table is always printed);
#             also ours-web (QIDO-RS latency on the C-FIND corpora with ours-find, WADO-RS throughput on the
#             ingest corpus) and orthanc-web (the same through Orthanc's DICOMweb plugin, the peer kit's qido/wado)
#   REPEATS [21]  QIDO-RS requests per query   WADO_STUDIES [20]   HTTPS_PORT [12443]
#   ORTHANC_FIND_CORPORA [$FIND_CORPORA]  the corpora Orthanc ingests for its C-FIND/QIDO-RS figures
#   INGEST_CORPUS [small]   corpus name for ingest (gen-corpus.sh arguments below)
#   FIND_CORPORA [index2k index100k]   corpora for the C-FIND latency
#   INGEST_REPEATS [1]  runs per ingest configuration (fresh data directory each; median shown)
#   WARMUP [200] N [300]  C-FIND queries per query kind before / while measuring
#   PEER [/work/shared/bench/peer]   CORPUS_ROOT [/tmp]   PORT [12762]
#   RESULTS_DIR [/tmp/archive-vs-orthanc-<time>]
#   WARM_CORPUS []  when set (e.g. index2k), each archive first ingests this corpus (other UIDs) so that the
#             measured ingest sees a warm JVM (C2 otherwise takes about a core for the first minute)
#   JAVA_OPTS []  extra JVM options for the archive (e.g. -XX:StartFlightRecording=filename=/tmp/x.jfr)
#   FIND_DATA []  a directory: the archive's data directory of each C-FIND corpus is kept there after its
#             ingest, and a later run with the same FIND_DATA queries it without ingesting again (made with
#             the jar of that run: rebuild it when the catalog schema changes)
# Corpora (made with the shared gen-corpus.sh when missing, into $CORPUS_ROOT/bench-corpus-NAME):
#   small = 200 2 5 (512x512), index2k = 2000 1 1 64, index20k = 20000 1 1 64, index100k = 100000 1 1 64
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PEER=${PEER:-/work/shared/bench/peer}
CORPUS_ROOT=${CORPUS_ROOT:-/tmp}
STEPS=",${STEPS:-build,ours-ingest,ours-find,orthanc-ingest,orthanc-find},"
INGEST_CORPUS=${INGEST_CORPUS:-small}
FIND_CORPORA=${FIND_CORPORA:-index2k index100k}
INGEST_REPEATS=${INGEST_REPEATS:-1}
WARMUP=${WARMUP:-200}; N=${N:-300}; PORT=${PORT:-12762}; HTTPS_PORT=${HTTPS_PORT:-12443}; PAR=4
REPEATS=${REPEATS:-21}; WADO_STUDIES=${WADO_STUDIES:-20}
SCU_AET=BENCHSCU; ARCHIVE_AET=PACS
has() { case "$STEPS" in *",$1,"*) return 0;; *) return 1;; esac; }
corpus_args() { case "$1" in
  small) echo "200 2 5";; large) echo "2000 2 5";;
  index2k) echo "2000 1 1 64";; index20k) echo "20000 1 1 64";; index100k) echo "100000 1 1 64";;
  *) echo "unknown corpus $1" >&2; return 1;; esac; }
corpus_dir() { echo "$CORPUS_ROOT/bench-corpus-$1"; }

# ---- outside the namespace: build and corpora (may need Maven's cache and apt) -----------------
if [ -z "${IN_BENCH_NETNS:-}" ]; then
  RESULTS_DIR=${RESULTS_DIR:-/tmp/archive-vs-orthanc-$(date +%Y%m%d-%H%M%S)}
  mkdir -p "$RESULTS_DIR"; export RESULTS_DIR
  if has build; then
    echo "# building the archive jar in $here (mvn package -DskipTests, under /tmp/pacs-mvn.lock)" >&2
    (cd "$here" && JAVA_HOME=${MVN_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64} \
       flock /tmp/pacs-mvn.lock mvn -B -q -ntp -o -DskipTests package) > "$RESULTS_DIR/build.log" 2>&1 \
      || { tail -30 "$RESULTS_DIR/build.log" >&2; exit 1; }
  fi
  for c in "$INGEST_CORPUS" $FIND_CORPORA ${WARM_CORPUS:-}; do
    d=$(corpus_dir "$c")
    [ -f "$d/corpus.json" ] || "$PEER/gen-corpus.sh" $(corpus_args "$c") "$d" >&2
  done
  if { has orthanc-ingest || has orthanc-find; } && ! command -v Orthanc >/dev/null; then
    echo "# installing orthanc orthanc-dicomweb (as the peer kit would; needs the network)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq orthanc orthanc-dicomweb dcmtk curl jq openssl >/dev/null
  fi
  if unshare -n true 2>/dev/null; then
    exec unshare -n env IN_BENCH_NETNS=1 bash "$0" "$@"
  fi
  echo "# unshare -n not permitted: running in the current network namespace (127.0.0.1 only)" >&2
else
  ip link set lo up
fi

# ---- inside: measurements ----------------------------------------------------------------------
. "$here/scripts/jdk.sh"; pacs_find_jdk
JAR="$here/server/target/pacs-server.jar"; LIB="$here/server/target/lib"
[ -f "$JAR" ] || { echo "no $JAR: run with STEPS including build" >&2; exit 1; }
export TCP_NODELAY=1          # DCMTK leaves Nagle on without it (see the peer kit's README)
RES="$RESULTS_DIR/results.tsv"; touch "$RES"
LOG="$RESULTS_DIR/bench.log"
WORK=$(mktemp -d /tmp/archive-bench.XXXXXX)
say() { echo "[$(date +%H:%M:%S)] $*" | tee -a "$LOG" >&2; }
rec() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-}" >> "$RES"; say "RESULT | $1 | $2 | $3 | ${4:-}"; }
now_ns() { date +%s%N; }
ms_since() { echo $(( ($(now_ns) - $1) / 1000000 )); }
load() { cut -d' ' -f1-3 /proc/loadavg; }
ARCHIVE_PID=""
cleanup() {   # only the archive this script started
  if [ -n "$ARCHIVE_PID" ] && kill -0 "$ARCHIVE_PID" 2>/dev/null; then
    kill -TERM "$ARCHIVE_PID"; wait "$ARCHIVE_PID" 2>/dev/null || true
  fi
  [ "${KEEP:-0}" = 1 ] && say "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

rec machine cpu "$(nproc) x $(lscpu | awk -F: '/Model name/{gsub(/^ +/,"",$2);print $2}')" "$(uname -r)"
rec machine memory "$(free -h | awk '/Mem:/{print $2" total, "$7" available"}')" "swap $(free -h | awk '/Swap:/{print $2}')"
rec machine disk "$(df -h /tmp | awk 'NR==2{print $1", "$2" ("$4" free)"}')" ""
rec version jdk "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)" "$JAVA_HOME"
rec version dcmtk "$(dpkg-query -W -f='${Version}' dcmtk 2>/dev/null)" ""
rec version archive "$(cd "$here" && git rev-parse --short HEAD 2>/dev/null || echo unknown)" "$JAR"

# start_archive NAME: a fresh data directory, KEK secret from the environment, TLS listener on $PORT
start_archive() {
  ADIR=${2:-$WORK/$1}; mkdir -p "$ADIR"
  export PACS_KEK_SECRET
  [ -f "$ADIR/kek-secret" ] || head -c 32 /dev/urandom | base64 > "$ADIR/kek-secret"
  PACS_KEK_SECRET=$(cat "$ADIR/kek-secret")
  PACS_SERVER_BIND_ADDRESS=127.0.0.1 PACS_SERVER_DICOM_TLS_PORT=$PORT PACS_SERVER_HTTPS_PORT=$HTTPS_PORT \
    PACS_IDENTITY_ACCESS_TOKEN_MINUTES=60 \
    "$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow ${JAVA_OPTS:-} -jar "$JAR" start --data "$ADIR/data" \
    > "$ADIR/archive.out" 2> "$ADIR/archive.log" < /dev/null &
  ARCHIVE_PID=$!
  local i
  for i in $(seq 600); do
    grep -q "is serving" "$ADIR/archive.out" 2>/dev/null && break
    kill -0 "$ARCHIVE_PID" 2>/dev/null || { say "archive died"; cat "$ADIR/archive.out" "$ADIR/archive.log" >&2; exit 1; }
    sleep 0.1
  done
  [ -f "$ADIR/bundle/$SCU_AET.crt.pem" ] || "$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -jar "$JAR" \
    ae add "$SCU_AET" --allow store,query --out "$ADIR/bundle" --data "$ADIR/data" > "$ADIR/ae-add.out" 2>&1 \
    || { cat "$ADIR/ae-add.out" >&2; exit 1; }
  TLS_ARGS=(+tls "$ADIR/bundle/$SCU_AET.key.pem" "$ADIR/bundle/$SCU_AET.crt.pem" +cf "$ADIR/bundle/ca.crt.pem")
  echoscu -aet "$SCU_AET" -aec "$ARCHIVE_AET" "${TLS_ARGS[@]}" 127.0.0.1 "$PORT" >/dev/null 2>&1 \
    || { say "echoscu over TLS failed"; exit 1; }
  say "archive $1 up (pid $ARCHIVE_PID, DICOM-TLS 127.0.0.1:$PORT)"
}
archive_mem() {
  awk '/VmHWM/{h=$2}/VmRSS/{r=$2}END{printf "peak RSS (VmHWM) %.0f MiB, RSS now %.0f MiB", h/1024, r/1024}' "/proc/$ARCHIVE_PID/status"
  awk -v t="$(getconf CLK_TCK)" '{printf ", CPU %.1f s (user+sys)", ($14+$15)/t}' "/proc/$ARCHIVE_PID/stat"
}
stop_archive() {
  kill -TERM "$ARCHIVE_PID"; wait "$ARCHIVE_PID" 2>/dev/null || true; ARCHIVE_PID=""
  cp -f "$ADIR/archive.log" "$RESULTS_DIR/archive-$(basename "$ADIR").log" 2>/dev/null || true
}

# send CORPUS NPAR LABEL: storescu over TLS, round-robin study directories over NPAR associations
send() {
  local corpus=$1 npar=$2 label=$3 k pids=() rc=0 t0 dirs
  mapfile -t dirs < <(cd "$corpus" && ls -d s[0-9]* | sort)
  find "$corpus" -name '*.dcm' -print0 | xargs -0 cat > /dev/null   # warm page cache, as the peer kit does
  t0=$(now_ns)
  for ((k = 0; k < npar; k++)); do
    local g=() i
    for ((i = k; i < ${#dirs[@]}; i += npar)); do g+=("$corpus/${dirs[$i]}"); done
    storescu -aet "$SCU_AET" -aec "$ARCHIVE_AET" "${TLS_ARGS[@]}" +sd +r +sp '*.dcm' 127.0.0.1 "$PORT" "${g[@]}" \
      > "$RESULTS_DIR/storescu-$label-$k.log" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || rc=$?; done
  LAST_MS=$(ms_since "$t0"); LAST_RC=$rc
  LAST_FAILS=$(cat "$RESULTS_DIR"/storescu-"$label"-*.log | grep -ciE 'fail|error|refused' || true)
}
ingest_line() { # "MS MS ..." INSTANCES BYTES -> "x s, y inst/s, z MB/s (...)"
  printf '%s\n' $1 | sort -n | awk -v n="$2" -v b="$3" '{a[NR]=$1} END{m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; s=m/1000;
    printf "%.1f s, %.0f inst/s, %.1f MB/s", s, n/s, b/1e6/s; if (NR>1) printf " (median of %d; %.1f-%.1f MB/s)", NR, b/1e6/(a[NR]/1000), b/1e6/(a[1]/1000)}'
}

ours_ingest() { # ours_ingest CORPUS_NAME NPAR [keep]
  local c; c=$(corpus_dir "$1"); local n b r walls=""
  n=$(jq -r .instances "$c/corpus.json"); b=$(jq -r .bytes "$c/corpus.json")
  for ((r = 1; r <= INGEST_REPEATS; r++)); do
    [ -n "$ARCHIVE_PID" ] && { stop_archive; rm -rf "$ADIR"; }
    start_archive "ingest-$1-$2-$r"
    if [ -n "${WARM_CORPUS:-}" ]; then   # JIT warm-up on other UIDs: measures the steady state, not a cold JVM
      say "warm-up: $WARM_CORPUS over $PAR associations"
      send "$(corpus_dir "$WARM_CORPUS")" "$PAR" "warmup-$1-$2-$r"
      say "  warm-up ${LAST_MS} ms, storescu rc=$LAST_RC"
    fi
    say "ingest $1 over $2 association(s), run $r (load $(load))"
    send "$c" "$2" "$1-$2-$r"
    walls="$walls $LAST_MS"
    say "  ${LAST_MS} ms, storescu rc=$LAST_RC, failure lines=$LAST_FAILS"
  done
  rec "ingest TLS" "storescu -> archive, $1, $2 assoc${WARM_CORPUS:+, warm}" "$(ingest_line "$walls" "$n" "$b")" \
    "${WARM_CORPUS:+after a warm-up ingest of $WARM_CORPUS; }rc=$LAST_RC, storescu failure lines=$LAST_FAILS; load after $(load)"
  rec "ingest TLS" "archive memory/CPU after $1, $2 assoc" "$(archive_mem)" \
    "data dir $(du -sm "$ADIR/data" | cut -f1) MiB for $(awk -v b="$b" 'BEGIN{printf "%.0f", b/2^20}') MiB of corpus"
  if [ "${3:-}" != keep ]; then stop_archive; rm -rf "$ADIR"; fi
}

FL_CLASSES="$WORK/findlatency"
find_latency() { # find_latency CORPUS_NAME (archive running with that corpus)
  local c; c=$(corpus_dir "$1")
  local pid; pid=$(jq -r .sample_patient_id "$c/corpus.json")
  [ -d "$FL_CLASSES" ] || "$JAVA_HOME/bin/javac" -d "$FL_CLASSES" -cp "$LIB/*" "$here/scripts/bench/FindLatency.java"
  say "C-FIND on one association, $1 (load $(load))"
  "$JAVA_HOME/bin/java" -cp "$FL_CLASSES:$LIB/*" FindLatency 127.0.0.1 "$PORT" "$ARCHIVE_AET" "$SCU_AET" \
    "$ADIR/bundle/$SCU_AET.key.pem" "$ADIR/bundle/$SCU_AET.crt.pem" "$ADIR/bundle/ca.crt.pem" "$WARMUP" "$N" \
    "PatientID=$pid" 'PatientName=DOE*' StudyDate=20200101-20201231 > "$WORK/find.tsv"
  while IFS=$'\t' read -r q m med p90 mn mx n; do
    rec "C-FIND $1" "$q ($m matches)" "median $med ms, p90 $p90 ms (min $mn, max $mx, n=$n)" "one open TLS association, after $WARMUP warm-up"
  done < "$WORK/find.tsv"
}

# ---- DICOMweb: QIDO-RS latency and WADO-RS throughput, measured as the peer kit measures Orthanc's ------
# (curl's time_total per request, a new connection each: for the archive that includes a TLS handshake)
web_login() { # a radiologist of the embedded identity provider, and an access token for it
  WEB_BASE="https://localhost:$HTTPS_PORT"; WEB_CA=(--cacert "$ADIR/bundle/ca.crt.pem")
  local pw="bench-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  # a kept data directory (FIND_DATA) already has the user: give it a new password instead
  printf '%s\n%s\n' "$pw" "$pw" | "$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -jar "$JAR" user add benchrad \
    --role radiologist --password-stdin --data "$ADIR/data" > "$ADIR/user-add.out" 2>&1 \
  || printf '%s\n%s\n' "$pw" "$pw" | "$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -jar "$JAR" user passwd \
    benchrad --password-stdin --data "$ADIR/data" >> "$ADIR/user-add.out" 2>&1 || true
  WEB_TOKEN=$(curl -s "${WEB_CA[@]}" -d grant_type=password -d username=benchrad --data-urlencode "password=$pw" \
    "$WEB_BASE/auth/token" | jq -r .access_token)
  [ -n "$WEB_TOKEN" ] && [ "$WEB_TOKEN" != null ] || { say "no access token (see $ADIR/user-add.out)"; return 1; }
}
ms_stats() { sort -n | awk '{v[NR]=$1} END{printf "median %.2f ms, p90 %.2f ms (min %.2f, max %.2f, n=%d)", v[int((NR+1)/2)], v[int(NR*0.9+0.5)], v[1], v[NR], NR}'; }
qido_latency() { # qido_latency CORPUS_NAME (archive running with that corpus)
  web_login || return 0
  local pid qs n i; pid=$(jq -r .sample_patient_id "$(corpus_dir "$1")/corpus.json")
  for qs in "PatientID=$pid" 'PatientName=DOE*' 'StudyDate=20200101-20201231'; do
    local url="$WEB_BASE/dicomweb/studies?$qs"
    n=$(curl -sg "${WEB_CA[@]}" -H "Authorization: Bearer $WEB_TOKEN" -H 'Accept: application/dicom+json' "$url" | jq length)
    for i in $(seq "$REPEATS"); do
      curl -sg -o /dev/null "${WEB_CA[@]}" -H "Authorization: Bearer $WEB_TOKEN" -H 'Accept: application/dicom+json' \
        -w '%{time_total}\n' "$url" | awk '{printf "%.2f\n",$1*1000}'
    done > "$WORK/qido.ms"
    rec "QIDO-RS $1" "/studies?$qs ($n results)" "$(ms_stats < "$WORK/qido.ms")" "curl time_total over HTTPS (TLS handshake each)"
    # the same requests on one kept-alive connection (as a viewer makes them): one handshake for all
    local urls=(); for i in $(seq "$((REPEATS + 1))"); do urls+=(-o /dev/null "$url"); done
    curl -sg "${WEB_CA[@]}" -H "Authorization: Bearer $WEB_TOKEN" -H 'Accept: application/dicom+json' \
      -w '%{time_total}\n' "${urls[@]}" | tail -n +2 | awk '{printf "%.2f\n",$1*1000}' > "$WORK/qido-ka.ms"
    rec "QIDO-RS $1" "/studies?$qs ($n results), keep-alive" "$(ms_stats < "$WORK/qido-ka.ms")" "curl time_total on one HTTPS connection (first request left out)"
  done
}
wado_throughput() { # wado_throughput CORPUS_NAME (archive running with that corpus)
  web_login || return 0
  local uids=() all step i k=$WADO_STUDIES
  mapfile -t all < <(tail -n +2 "$(corpus_dir "$1")/manifest.tsv" | cut -f2)
  [ "$k" -gt "${#all[@]}" ] && k=${#all[@]}
  step=$(( ${#all[@]} / k ))
  for ((i = 0; i < k; i++)); do uids+=("${all[$((i * step))]}"); done
  local accept='Accept: multipart/related; type="application/dicom"' base="$WEB_BASE/dicomweb/studies" t0 wall pass
  # The first pass after start runs while the JIT has not yet compiled AES-GCM decryption (about 90 MB/s
  # cold against GB/s warm, see STACK.md); it is reported apart from the passes of a warmed-up archive.
  for pass in "first pass after start" "warm JVM" "warm JVM, again"; do
    t0=$(now_ns)
    for u in "${uids[@]}"; do
      curl -s -o /dev/null "${WEB_CA[@]}" -H "Authorization: Bearer $WEB_TOKEN" -H "$accept" \
        -w '%{size_download} %{time_total}\n' "$base/$u"
    done > "$WORK/wado.seq"
    wall=$(ms_since "$t0")
    rec "WADO-RS $1" "$k studies sequential, warm-cache, $pass" "$(awk -v w="$wall" '{b+=$1} END{printf "%.1f MB in %.2f s = %.1f MB/s", b/1e6, w/1000, b/1e6/(w/1000)}' "$WORK/wado.seq")" \
      "per study: $(awk '{printf "%.2f\n",$2*1000}' "$WORK/wado.seq" | ms_stats)"
  done
  # As OHIF asks: any transfer syntax, i.e. the stored bytes as they are (no re-encoding to the default
  # Explicit VR Little Endian when the modality sent Implicit VR)
  t0=$(now_ns)
  for u in "${uids[@]}"; do
    curl -s -o /dev/null "${WEB_CA[@]}" -H "Authorization: Bearer $WEB_TOKEN" \
      -H 'Accept: multipart/related; type="application/dicom"; transfer-syntax=*' \
      -w '%{size_download} %{time_total}\n' "$base/$u"
  done > "$WORK/wado.seq"
  wall=$(ms_since "$t0")
  rec "WADO-RS $1" "$k studies sequential, warm-cache, warm JVM, transfer-syntax=*" "$(awk -v w="$wall" '{b+=$1} END{printf "%.1f MB in %.2f s = %.1f MB/s", b/1e6, w/1000, b/1e6/(w/1000)}' "$WORK/wado.seq")" \
    "per study: $(awk '{printf "%.2f\n",$2*1000}' "$WORK/wado.seq" | ms_stats)"
  printf '%s\n' "${uids[@]}" > "$WORK/wado.uids"
  t0=$(now_ns)
  xargs -P "$PAR" -I{} curl -s -o /dev/null "${WEB_CA[@]}" -H "Authorization: Bearer $WEB_TOKEN" -H "$accept" \
    -w '%{size_download}\n' "$base/{}" < "$WORK/wado.uids" > "$WORK/wado.par"
  wall=$(ms_since "$t0")
  rec "WADO-RS $1" "$k studies, $PAR parallel curl, warm-cache" "$(awk -v w="$wall" '{b+=$1} END{printf "%.1f MB in %.2f s = %.1f MB/s", b/1e6, w/1000, b/1e6/(w/1000)}' "$WORK/wado.par")" ""
}

if has ours-ingest; then
  ours_ingest "$INGEST_CORPUS" 1
  ours_ingest "$INGEST_CORPUS" "$PAR"
fi
if has ours-find; then
  for fc in $FIND_CORPORA; do
    if [ -n "${FIND_DATA:-}" ] && [ -f "$FIND_DATA/$fc/ingested" ]; then
      start_archive "find-$fc" "$FIND_DATA/$fc"   # the catalog an earlier run filled (and kept)
      say "reusing $FIND_DATA/$fc (ingested $(cat "$FIND_DATA/$fc/ingested"))"
    else
      WARM_CORPUS= ours_ingest "$fc" "$PAR" keep   # the query corpus alone in the catalog
    fi
    has ours-web && qido_latency "$fc"
    find_latency "$fc"
    rec "C-FIND $fc" "archive memory/CPU after queries" "$(archive_mem)" ""
    if [ -n "${FIND_DATA:-}" ] && [ "$ADIR" != "$FIND_DATA/$fc" ]; then
      stop_archive; rm -rf "$FIND_DATA/$fc"; mkdir -p "$FIND_DATA"; mv "$ADIR" "$FIND_DATA/$fc"
      date -u +%FT%TZ > "$FIND_DATA/$fc/ingested"
    else
      stop_archive; [ -n "${FIND_DATA:-}" ] || rm -rf "$ADIR"
    fi
  done
fi

if has ours-web; then   # WADO-RS over the ingest corpus (e.g. small: 20 studies of 10 x 0.5 MB)
  WARM_CORPUS= ours_ingest "$INGEST_CORPUS" "$PAR" keep
  wado_throughput "$INGEST_CORPUS"
  stop_archive; rm -rf "$ADIR"
fi

# ---- Orthanc: the shared kit, its own settings, its results copied next to ours ---------------
orthanc() { # orthanc LABEL PARTS CORPUS_NAME
  say "Orthanc ($2) on $3 (load $(load))"
  NETNS=0 PARTS=$2 INGEST_REPEATS=$INGEST_REPEATS RESULTS_DIR="$RESULTS_DIR/orthanc-$1" \
    bash "$PEER/orthanc-bench.sh" "$(corpus_dir "$3")" > "$RESULTS_DIR/orthanc-$1.out" 2>&1 \
    || { say "orthanc-bench.sh failed, see $RESULTS_DIR/orthanc-$1.out"; return 0; }
  sed "s/^/orthanc $1: /" "$RESULTS_DIR/orthanc-$1/results.tsv" | grep -E 'ingest|C-FIND|memory|QIDO-RS|WADO-RS' >> "$RES"
}
if has orthanc-ingest; then orthanc "ingest-$INGEST_CORPUS" tls "$INGEST_CORPUS"; fi
# ORTHANC_FIND_CORPORA [$FIND_CORPORA]: Orthanc ingests each again (about 3-6 min at 100k): fewer saves time
for fc in ${ORTHANC_FIND_CORPORA-$FIND_CORPORA}; do
  parts=""; has orthanc-find && parts=find; has orthanc-web && parts="${parts:+$parts,}qido"
  if [ -n "$parts" ]; then orthanc "find-$fc" "orthanc4,$parts" "$fc"; fi
done
if has orthanc-web; then orthanc "wado-$INGEST_CORPUS" orthanc4,wado "$INGEST_CORPUS"; fi

# ---- side-by-side table --------------------------------------------------------------------------
side_by_side() { # one row per measure: archive | Orthanc (from results.tsv)
  /usr/bin/python3 - "$RES" <<'PYEOF'
import re, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.count("\t") >= 2]
ours, orth = {}, {}
def short(v):
    m = re.match(r"([\d.]+ s, [\d.]+ inst/s, [\d.]+ MB/s)", v)
    return m.group(1) if m else v
for sec, test, val, *_ in rows:
    m = re.match(r"orthanc ([\w-]+): (.*)", sec)
    if not m:
        if sec == "ingest TLS" and test.startswith("storescu"):
            c, n, w = re.match(r"storescu -> archive, (\w+), (\d+) assoc(, warm)?", test).groups()
            ours[("ingest", c, n + (" assoc, warm JVM" if w else ""))] = short(val)
        elif sec == "ingest TLS" and "memory" in test:
            c, n = re.match(r"archive memory/CPU after (\w+), (\d+) assoc", test).groups()
            ours[("mem", c, n)] = re.sub(r", RSS now.*", "", val)
        elif sec.startswith("C-FIND ") and "memory" in test:
            ours[("mem", sec.split()[1], "after queries")] = re.sub(r", RSS now.*", "", val)
        elif sec.startswith("C-FIND ") and "matches" in test:
            q = test.split(" ")[0].split("=")[0]
            ours[("find", sec.split()[1], q)] = re.sub(r" \(min.*", "", val) + " (" + re.search(r"\((\d+) matches", test).group(1) + " hits)"
        elif sec.startswith("QIDO-RS "):
            q = re.match(r"/studies\?(\w+)", test).group(1) + (", one kept-alive connection" if "keep-alive" in test else "")
            ours[("qido", sec.split()[1], q)] = re.sub(r" \(min.*", "", val) + " (" + re.search(r"\((\d+) results", test).group(1) + " hits)"
        elif sec.startswith("WADO-RS "):
            ours[("wado", sec.split()[1], ("sequential" + (", first pass after start" if "first pass" in test else "") + (", transfer-syntax=*" if "syntax=*" in test else "")) if "sequential" in test else "4 parallel")] = val
        continue
    label, osec = m.groups()
    corpus = label.split("-", 1)[1]
    if "ingest" in osec and test.startswith("storescu -> Orthanc"):   # the find corpora go in over plain TCP
        ours_n = re.search(r"(\d+) assoc", test).group(1)
        orth[("ingest", corpus, ours_n)] = short(val) + ("" if "TLS" in osec else " (plain TCP)")
    elif "ingest TLS" in osec and test == "Orthanc memory/CPU":   # after the 1-, then the 4-association run
        n = "1" if ("mem", corpus, "1") not in orth else "4"
        orth[("mem", corpus, n)] = re.sub(r", RSS now.*", "", val)
    elif osec.startswith("a-d)") and "memory" in test:
        orth[("mem", corpus, "after queries")] = re.sub(r", RSS now.*", "", val)
    elif "C-FIND" in osec and "in 1 association" in test:
        q = test.split(" ")[0].split("=")[0]
        orth[("find", corpus, q)] = "marginal " + re.match(r"([\d.-]+ ms)", val).group(1)
    elif "QIDO-RS" in osec:
        q = re.match(r"/dicom-web/studies\?(\w+)", test).group(1)
        orth[("qido", corpus, q)] = re.sub(r" \(min.*", "", val) + " (" + re.search(r"\((\d+) results", test).group(1) + " hits)"
    elif "WADO-RS" in osec and "cold" not in test:
        orth[("wado", corpus, "sequential" if "sequential" in test else "4 parallel")] = re.sub(r" \(per-study.*", "", val)
    elif "C-FIND" in osec and "1 process per query" in test and "PatientID" in test:
        orth[("findproc", corpus, "PatientID")] = re.sub(r" \(min.*", "", val)
names = {"ingest": "C-STORE ingest over TLS", "mem": "peak RSS", "find": "C-FIND STUDY on one open association",
         "findproc": "C-FIND, one findscu process per query (assoc + query + release)",
         "qido": "QIDO-RS /studies, curl per request (archive: HTTPS + bearer token; Orthanc: HTTP, no auth)",
         "wado": "WADO-RS study retrieval, warm cache (archive: HTTPS, decryption)"}
print("| measure | corpus | archive (TLS, encrypted, fsync, audited) | Orthanc 1.10.1 |")
print("|---|---|---|---|")
for key in sorted(set(ours) | set(orth), key=lambda k: (k[0] != "ingest", k[0], k[1], k[2])):
    kind, corpus, x = key
    what = names.get(kind, kind) + (" after ingest over %s assoc" % x if kind == "mem" and x in ("1", "4") else ", %s assoc" % x if x in ("1", "4") else ", " + x)
    print("| %s | %s | %s | %s |" % (what, corpus, ours.get(key, "-"), orth.get(key, "-")))
PYEOF
}
{
  echo "== archive-vs-orthanc.sh ($(date -Is)); load now $(load)"
  printf 'SECTION\tTEST\tRESULT\tNOTES\n'
  cat "$RES"
} | column -t -s $'\t' > "$RESULTS_DIR/report.txt"
side_by_side | tee "$RESULTS_DIR/side-by-side.md"
echo "(results: $RESULTS_DIR)"
