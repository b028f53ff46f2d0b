# SPDX-License-Identifier: Apache-2.0
# Sourced by ./pacs and scripts/test.sh: sets JAVA_HOME to a JDK 21 or newer.
# Order: $JAVA_HOME, then every JDK under /usr/lib/jvm (newest first). Fails naming what it looked at.

pacs_java_major() { # prints the feature version of the java at $1/bin/java, or nothing
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

pacs_find_jdk() {
  local looked="" candidate major
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    [ -n "$candidate" ] || continue
    candidate=${candidate%/}
    if [ ! -x "$candidate/bin/javac" ]; then
      looked="$looked\n  $candidate (no javac)"; continue
    fi
    major=$(pacs_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"; export PATH="$JAVA_HOME/bin:$PATH"; return 0
    fi
    looked="$looked\n  $candidate (Java ${major:-unknown})"
  done
  printf 'pacs: no JDK 21 or newer found. Looked at:%b\n' "${looked:-\n  (JAVA_HOME unset, nothing under /usr/lib/jvm)}" >&2
  printf 'Fix: install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME to it.\n' >&2
  return 1
}
