#!/bin/sh
# Writes a class-data archive (AppCDS) of the classes the service loads as it starts, so that
# later starts map them ready-made instead of reading, verifying and linking them from the jar
# (README, "Start-up").
#
#   sh docker/class-data.sh JAR ARCHIVE
#
# Needs no database: the service is started against a port where nothing listens, and it stops
# where it would first connect, having loaded most of what a start loads by then; the JVM
# writes the archive as it exits. Run it with the java and the JVM options the service will run
# with (JAVA_TOOL_OPTIONS in the image): an archive that does not fit them, or another build of
# the jar, is ignored with a warning and the service starts as it would without one.
set -eu

JAR=$1
ARCHIVE=$2
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT

rm -f "$ARCHIVE"
# throw-away values, for the start's configuration checks only: nothing is signed or sealed with them
secret() { head -c 32 /dev/urandom | base64 | tr -d '\n'; }
DATASOURCES_DEFAULT_URL="jdbc:mysql://127.0.0.1:9/none" \
DATASOURCES_DEFAULT_CONNECTION_TIMEOUT=1000 \
TRIALKEEPER_JWT_SECRET=$(secret) TRIALKEEPER_SEED_KEY=$(secret) TRIALKEEPER_AUDIT_KEY=$(secret) \
  java -XX:ArchiveClassesAtExit="$ARCHIVE" -jar "$JAR" >"$LOG" 2>&1 || true

# the archive must be there and usable with this jar: -Xshare:on refuses to start otherwise
if [ ! -s "$ARCHIVE" ] || ! java -Xshare:on -XX:SharedArchiveFile="$ARCHIVE" -cp "$JAR" \
    -XX:+PrintSharedArchiveAndExit >/dev/null 2>&1; then
  tail -n 40 "$LOG" >&2
  echo "class-data.sh: no usable class-data archive was written to $ARCHIVE" >&2
  exit 1
fi
echo "class-data.sh: wrote $ARCHIVE ($(($(stat -c %s "$ARCHIVE") / 1048576)) MiB)"
