#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks.
#
#   scripts/pg-test-server.sh start   start it (idempotent); prints its URL on stdout
#   scripts/pg-test-server.sh stop    stop it and remove its data directory
#   scripts/pg-test-server.sh env     print `export KLARA_TEST_PG_URL=…` for eval (server must be started)
#   scripts/pg-test-server.sh status  exit 0 when it is running
#
# The server listens on 127.0.0.1 only, port $KLARA_PG_PORT (default 54329), with `trust`
# authentication for the superuser `postgres`, its data in a fresh temporary directory,
# and a database `klara_test`:  postgres://postgres@127.0.0.1:54329/klara_test
#
# initdb/pg_ctl are taken from PATH or /usr/lib/postgresql/*/bin. If there are none and the
# script runs as root, Debian's `postgresql` package (15 or newer) is installed. As root, the
# server runs as the `postgres` user (PostgreSQL refuses to run as root).
# Log messages go to stderr; stdout carries only the URL (start) or the exports (env).
set -euo pipefail

PORT="${KLARA_PG_PORT:-54329}"
DB_NAME="klara_test"
MIN_MAJOR=15
STATE_FILE="${TMPDIR:-/tmp}/klara-pg-test-${PORT}.state"
URL="postgres://postgres@127.0.0.1:${PORT}/${DB_NAME}"

log() { echo "pg-test-server: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# Runs a command as the server's owner: `postgres` when we are root, else ourselves.
as_owner() {
  if is_root; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

major_of() { # "pg_ctl (PostgreSQL) 15.18 (Debian …)" -> 15
  sed -E 's/^[^0-9]*([0-9]+).*/\1/' <<<"$1"
}

find_bin_dir() {
  local dir
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dir="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
    if [ -x "$dir/initdb" ]; then
      echo "$dir"
      return 0
    fi
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

install_postgresql() {
  is_root || die "PostgreSQL (initdb, pg_ctl) not found; install PostgreSQL ${MIN_MAJOR}+ or run as root to have it installed"
  log "PostgreSQL not found; installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  local candidate
  candidate="$(apt-cache policy postgresql | awk '/Candidate:/ {print $2}')"
  [ -n "$candidate" ] && [ "$candidate" != "(none)" ] || die "apt has no postgresql package"
  [ "$(major_of "$candidate")" -ge "$MIN_MAJOR" ] ||
    die "apt offers postgresql $candidate; PostgreSQL ${MIN_MAJOR}+ is needed"
  apt-get install -y -qq --no-install-recommends postgresql >&2
}

ensure_postgres_user() {
  is_root || return 0
  if ! id postgres >/dev/null 2>&1; then
    log "creating system user postgres"
    useradd --system --user-group --home-dir /nonexistent --shell /usr/sbin/nologin postgres
  fi
}

read_state() { # sets BASE_DIR and BIN_DIR from the state file, if any
  BASE_DIR=""
  BIN_DIR=""
  if [ -f "$STATE_FILE" ]; then
    BASE_DIR="$(sed -n 1p "$STATE_FILE")"
    BIN_DIR="$(sed -n 2p "$STATE_FILE")"
  fi
}

running() {
  read_state
  [ -n "$BASE_DIR" ] && [ -d "$BASE_DIR/data" ] &&
    as_owner "$BIN_DIR/pg_ctl" -D "$BASE_DIR/data" status >/dev/null 2>&1
}

psql_admin() { # psql against the maintenance database, as the superuser
  local psql="$BIN_DIR/psql"
  [ -x "$psql" ] || psql="psql"
  "$psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d postgres "$@"
}

cmd_start() {
  if running; then
    log "already running on 127.0.0.1:${PORT} (data in $BASE_DIR)"
    echo "$URL"
    return 0
  fi
  # A stale state file from a server that is gone: clean it up first.
  [ -f "$STATE_FILE" ] && cmd_stop

  BIN_DIR="$(find_bin_dir)" || {
    install_postgresql
    BIN_DIR="$(find_bin_dir)" || die "initdb/pg_ctl still not found after installing postgresql"
  }
  local version
  version="$("$BIN_DIR/pg_ctl" --version)"
  [ "$(major_of "$version")" -ge "$MIN_MAJOR" ] || die "$version is too old; PostgreSQL ${MIN_MAJOR}+ is needed"
  ensure_postgres_user

  if (exec 3<>"/dev/tcp/127.0.0.1/${PORT}") 2>/dev/null; then
    die "port ${PORT} on 127.0.0.1 is already in use by another program (set KLARA_PG_PORT to use another port)"
  fi

  BASE_DIR="$(mktemp -d "${TMPDIR:-/tmp}/klara-pg-${PORT}.XXXXXX")"
  chmod 700 "$BASE_DIR"
  if is_root; then chown postgres:postgres "$BASE_DIR"; fi
  printf '%s\n%s\n' "$BASE_DIR" "$BIN_DIR" >"$STATE_FILE"

  log "initdb ($version) in $BASE_DIR/data"
  as_owner "$BIN_DIR/initdb" -D "$BASE_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$BASE_DIR/initdb.log" 2>&1 || {
    cat "$BASE_DIR/initdb.log" >&2
    die "initdb failed"
  }
  cat >>"$BASE_DIR/data/postgresql.conf" <<EOF

# klara throwaway test server
listen_addresses = '127.0.0.1'
port = ${PORT}
unix_socket_directories = '${BASE_DIR}'
max_connections = 200
shared_buffers = 128MB
log_min_messages = warning
EOF

  log "starting on 127.0.0.1:${PORT}"
  if ! as_owner "$BIN_DIR/pg_ctl" -D "$BASE_DIR/data" -l "$BASE_DIR/server.log" -w -t 60 start >/dev/null; then
    cat "$BASE_DIR/server.log" >&2 || true
    die "PostgreSQL did not start (log above)"
  fi
  psql_admin -c "CREATE DATABASE ${DB_NAME}" >&2
  log "ready: $URL"
  echo "$URL"
}

cmd_stop() {
  read_state
  if [ -z "$BASE_DIR" ]; then
    log "not running (no state in $STATE_FILE)"
    return 0
  fi
  if [ -d "$BASE_DIR/data" ] && as_owner "$BIN_DIR/pg_ctl" -D "$BASE_DIR/data" status >/dev/null 2>&1; then
    log "stopping the server on port ${PORT}"
    as_owner "$BIN_DIR/pg_ctl" -D "$BASE_DIR/data" -m fast -w -t 60 stop >/dev/null ||
      as_owner "$BIN_DIR/pg_ctl" -D "$BASE_DIR/data" -m immediate -w -t 30 stop >/dev/null || true
  fi
  case "$BASE_DIR" in
  */klara-pg-*) rm -rf "$BASE_DIR" ;;
  *) log "not removing unexpected directory $BASE_DIR" ;;
  esac
  rm -f "$STATE_FILE"
  log "stopped"
}

cmd_env() {
  running || die "not running on port ${PORT}; run '$0 start' first"
  echo "export KLARA_PG_PORT=${PORT}"
  echo "export KLARA_TEST_PG_URL=${URL}"
}

case "${1:-}" in
start) cmd_start ;;
stop) cmd_stop ;;
env) cmd_env ;;
status)
  if running; then
    log "running on 127.0.0.1:${PORT} (data in $BASE_DIR)"
  else
    log "not running"
    exit 1
  fi
  ;;
*)
  echo "usage: $0 start|stop|env|status   (port: KLARA_PG_PORT, default 54329)" >&2
  exit 2
  ;;
esac
