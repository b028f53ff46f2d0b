#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# C-STORE throughput benchmark (not a test): our SCU/SCP against DCMTK storescu/storescp on 127.0.0.1.
# Usage: dicom/src/test/resources/net/bench-cstore.sh [instances=500] [repeats=3]
# Needs DCMTK (storescu, storescp) and a JDK 21+; builds the dicom module's test classes first.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../../.." && pwd)
. "$root/scripts/jdk.sh"
pacs_find_jdk || exit 1
cd "$root"
# Builds share a machine-wide lock when one exists (several builds on 2 cores).
mvn_locked() { if command -v flock >/dev/null; then flock /tmp/pacs-mvn.lock mvn "$@"; else mvn "$@"; fi; }
mvn_locked -B -q -ntp -pl dicom test-compile
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn_locked -B -q -ntp -pl dicom dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
export TCP_NODELAY=1
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "dicom/target/test-classes:dicom/target/classes:$(cat "$cp_file")" \
  org.pacs.dicom.net.CStoreBenchmark "$@"
