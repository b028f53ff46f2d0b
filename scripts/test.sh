#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs every test of the project (unit tests and the interoperability tests against real peers).
# On a fresh machine it installs what the tests need when run as root (Debian's dcmtk, stunnel4,
# postgresql, openssl, curl, docker-compose, prometheus; Keycloak comes from Maven Central during the build),
# otherwise it names what is missing.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$here/scripts/jdk.sh"
pacs_find_jdk || exit 1

need_pkgs=()
command -v dcmdump >/dev/null 2>&1 || need_pkgs+=(dcmtk)
command -v stunnel4 >/dev/null 2>&1 || command -v stunnel >/dev/null 2>&1 || need_pkgs+=(stunnel4)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_pkgs+=(postgresql)
command -v openssl >/dev/null 2>&1 || need_pkgs+=(openssl)
command -v mvn >/dev/null 2>&1 || need_pkgs+=(maven)
command -v curl >/dev/null 2>&1 || need_pkgs+=(curl)
# docker/compose.yaml is validated with a real parser (no Docker engine is needed for `config`).
command -v docker-compose >/dev/null 2>&1 || need_pkgs+=(docker-compose)
# The metrics are checked with promtool and scraped by a real Prometheus.
command -v promtool >/dev/null 2>&1 || need_pkgs+=(prometheus)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test: installing ${need_pkgs[*]} from Debian's packages..."
    # The tests start private PostgreSQL clusters; Debian's default cluster on port 5432 is not wanted.
    mkdir -p /etc/postgresql-common
    [ -f /etc/postgresql-common/createcluster.conf ] || echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
  else
    echo "test: missing ${need_pkgs[*]}; install with: sudo apt-get install ${need_pkgs[*]}" >&2
    exit 1
  fi
fi

# The Dockerfile is linted with npm's dockerfile-utils (pinned) when npm is at hand.
if ! command -v dockerfile-utils >/dev/null 2>&1; then
  if command -v npm >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "test: installing dockerfile-utils from npm..."
    npm install -g --silent dockerfile-utils@0.16.3 >/dev/null 2>&1 \
      || echo "test: npm could not install dockerfile-utils; the Dockerfile lint test will be skipped" >&2
  else
    echo "test: dockerfile-utils missing (npm install -g dockerfile-utils@0.16.3); the Dockerfile lint test will be skipped" >&2
  fi
fi

cd "$here"
exec mvn -B -ntp verify "$@"
