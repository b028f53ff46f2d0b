#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Blob storage benchmark (not a test): encrypted store vs plain files, same disk, same run.
# Usage: storage/bench.sh [work directory, default /tmp/pacs-storage-bench] [--drop-caches]
# --drop-caches (root only) also measures random 1 MiB reads with the page cache dropped.
# Needs ~2.5 GB free in the work directory; everything written there is deleted at the end.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$here/scripts/jdk.sh"
pacs_find_jdk || exit 1
cd "$here"
if [ "${PACS_BENCH_SKIP_BUILD:-}" != 1 ]; then # set to 1 when already built
  mvn -B -q -ntp -pl storage test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
fi
cp="storage/target/classes:storage/target/test-classes:$(cat storage/target/bench.classpath)"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)," \
  "java $("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
exec "$JAVA_HOME/bin/java" -Xmx3g -cp "$cp" org.pacs.storage.bench.StorageBenchmark "$@"
