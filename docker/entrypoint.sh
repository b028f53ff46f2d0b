#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The image's entrypoint. Refuses to run as root, checks that the data volume exists, belongs to
# the user running the archive and is writable, finds the key-encryption-key secret, initializes
# the data directory on first start, then execs the archive so that it is PID 1 and receives
# SIGTERM from 'docker stop' itself.
#
# Paths and the secrets directory come from the environment so that the same script runs outside
# Docker in the project's tests: PACS_HOME (/opt/pacs), PACS_DATA (/var/lib/pacs),
# PACS_SECRETS_DIR (/run/secrets), TMPDIR (/tmp).
set -eu

PACS_HOME=${PACS_HOME:-/opt/pacs}
PACS_DATA=${PACS_DATA:-/var/lib/pacs}
PACS_SECRETS_DIR=${PACS_SECRETS_DIR:-/run/secrets}
TMPDIR=${TMPDIR:-/tmp}
export PACS_HOME PACS_DATA TMPDIR

say() { printf 'pacs-entrypoint: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

uid=$(id -u)
gid=$(id -g)
if [ "$uid" = 0 ]; then
  die "refusing to run as root: a flaw in a network service must not own the container." \
      "Run as the image's user (the default, uid 10001), e.g. remove 'user: root' or '--user 0'."
fi

# The data volume: present, ours, writable.
[ -d "$PACS_DATA" ] || die "the data directory $PACS_DATA does not exist: mount a volume there."
owner=$(stat -c %u "$PACS_DATA")
if [ "$owner" != "$uid" ]; then
  die "the data directory $PACS_DATA belongs to uid $owner, but the archive runs as uid $uid." \
      "Give it to the archive once: docker run --rm --user 0 -v VOLUME:$PACS_DATA --entrypoint chown IMAGE -R $uid:$gid $PACS_DATA"
fi
probe="$PACS_DATA/.entrypoint-write-test.$$"
if ! ( : >"$probe" ) 2>/dev/null; then
  die "the data directory $PACS_DATA is not writable (read-only volume or mode $(stat -c %a "$PACS_DATA"))."
fi
rm -f "$probe"
# Keys, catalog and audit trail live here: nobody else on the host may read them.
chmod 0700 "$PACS_DATA"

if [ ! -d "$TMPDIR" ] || ! ( : >"$TMPDIR/.entrypoint-write-test.$$" ) 2>/dev/null; then
  die "$TMPDIR is not writable: with a read-only root filesystem, mount a tmpfs there (compose: tmpfs: [/tmp])."
fi
rm -f "$TMPDIR/.entrypoint-write-test.$$"

# Secrets. The archive itself reads /run/secrets/pacs_kek_secret; naming the files explicitly here
# lets another secrets directory stand in (and says which one is used).
if [ -z "${PACS_CATALOG_PASSWORD:-}${PACS_CATALOG_PASSWORD_FILE:-}" ] \
    && [ -f "$PACS_SECRETS_DIR/pacs_catalog_password" ]; then
  export PACS_CATALOG_PASSWORD_FILE="$PACS_SECRETS_DIR/pacs_catalog_password"
fi
if [ -n "${PACS_KEK_SECRET:-}" ]; then
  say "key-encryption-key secret: from PACS_KEK_SECRET (prefer a Docker secret: environment variables show in 'docker inspect')"
elif [ -n "${PACS_STORAGE_KEK_SECRET:-}${PACS_STORAGE_KEK_SECRET_FILE:-}" ]; then
  say "key-encryption-key secret: from PACS_STORAGE_KEK_SECRET(_FILE)"
elif [ -f "$PACS_SECRETS_DIR/pacs_kek_secret" ]; then
  [ -r "$PACS_SECRETS_DIR/pacs_kek_secret" ] \
    || die "the secret $PACS_SECRETS_DIR/pacs_kek_secret is not readable by uid $uid (make the file mode 0444 inside a 0700 directory on the host)."
  export PACS_STORAGE_KEK_SECRET_FILE="$PACS_SECRETS_DIR/pacs_kek_secret"
  say "key-encryption-key secret: $PACS_STORAGE_KEK_SECRET_FILE"
elif [ -n "${PACS_STORAGE_KEK_SECRET_PATH:-}" ] && [ -f "$PACS_STORAGE_KEK_SECRET_PATH" ]; then
  say "key-encryption-key secret: $PACS_STORAGE_KEK_SECRET_PATH"
else
  # Outside Docker the archive would generate the secret and save it beside the data directory;
  # in a container that file would sit in the container's own layer (or fail on a read-only root)
  # and be lost with the container, and the archive with it. So the secret must be given.
  die "no key-encryption-key secret: create the secret pacs_kek_secret (docker/README.md, step 1)," \
      "or set PACS_KEK_SECRET. Keep a copy apart from the data volume: without it the archive cannot be read."
fi

pacs="$PACS_HOME/pacs"
if [ "${1:-start}" = start ]; then
  [ $# -gt 0 ] && shift
  if [ ! -d "$PACS_DATA/pki" ]; then
    say "first start: initializing $PACS_DATA (key ring, internal CA, server certificate)"
    "$pacs" init --data "$PACS_DATA"
  fi
  exec "$pacs" start --data "$PACS_DATA" "$@"
fi
# Any other command, e.g. 'docker run ... IMAGE status': run it on the same data directory.
exec "$pacs" "$@"
