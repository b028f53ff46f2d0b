#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The image's ./pacs: runs the installed archive jar (no build, unlike the repository's launcher)
# on the image's data directory unless --data is given, e.g.
#   docker compose exec pacs ./pacs ae add CT_ROOM1 --out /tmp/ct1
set -eu
home=${PACS_HOME:-/opt/pacs}
data=${PACS_DATA:-/var/lib/pacs}
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi

# Commands that work on the data directory get it appended (every command finds --data anywhere).
if [ $# -gt 0 ]; then
  case "$1" in
    help|-h|--help|version|dump|scan) ;;
    *)
      given=no
      for a in "$@"; do
        case "$a" in --data|--data=*) given=yes ;; esac
      done
      [ "$given" = yes ] || set -- "$@" --data "$data"
      ;;
  esac
fi

# -XX:-UsePerfData: no hsperfdata file in /tmp (the root filesystem is read-only).
# --sun-misc-unsafe-memory-access=allow: JDK 24+ warns when Tink's protobuf uses sun.misc.Unsafe.
# java.io.tmpdir follows TMPDIR (the image's tmpfs).
# shellcheck disable=SC2086 # PACS_JAVA_OPTS is a list of options
exec "$java" -XX:-UsePerfData --sun-misc-unsafe-memory-access=allow \
  "-Djava.io.tmpdir=${TMPDIR:-/tmp}" ${PACS_JAVA_OPTS:-} -jar "$home/pacs-server.jar" "$@"
