# pg_cluster.sh - sourced by the PostgreSQL tests: a throwaway PostgreSQL 15
# cluster in a temporary directory, listening on a unix socket only (no TCP
# port), run as an unprivileged user when the tests run as root, stopped and
# removed at exit even when the test fails.
#
#   . pg_cluster.sh            # defines the functions; starts nothing
#   pg_cluster_start || exit   # exit 77 (skip) with a message when PostgreSQL is absent
#   pg_createdb NAME           # prints the connection string of a new database
#
# After pg_cluster_start: $PG_DIR (the cluster's directory, also its socket
# directory), $PG_USER (the superuser), $PG_BIN. Only the cluster this file
# started is stopped (pg_ctl on its own data directory).

PG_BIN=${JIXIAO_PG_BIN:-}
if [ -z "$PG_BIN" ]; then
  for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { PG_BIN=$d; break; }
  done
fi
PG_DIR=""
PG_USER=jixiao
PG_RUN=()

# Stop the cluster (fast shutdown, waiting) and remove its directory.
pg_cluster_stop() {
  [ -n "$PG_DIR" ] || return 0
  if [ -f "$PG_DIR/data/postmaster.pid" ]; then
    "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 ||
      "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
  fi
  rm -rf "$PG_DIR"
  PG_DIR=""
}

# Start the cluster; 77 (with the reason on stdout) when it cannot be had here.
pg_cluster_start() {
  if [ -z "$PG_BIN" ]; then
    echo "SKIP: PostgreSQL server binaries not found (Debian package postgresql; scripts/install-deps.sh installs it)"
    return 77
  fi
  PG_DIR=$(mktemp -d /tmp/jxpg.XXXXXX)
  trap 'pg_cluster_stop' EXIT
  if [ "$(id -u)" -eq 0 ]; then
    # The server refuses to run as root: the cluster belongs to nobody.
    chown nobody "$PG_DIR"
    chmod 755 "$PG_DIR"
    PG_RUN=(runuser -u nobody --)
  fi
  if ! "${PG_RUN[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U "$PG_USER" -A trust -E UTF8 \
         --locale=C.UTF-8 --no-sync >"$PG_DIR/initdb.log" 2>&1; then
    echo "FAIL: initdb failed:"; cat "$PG_DIR/initdb.log"
    return 1
  fi
  # Unix socket only (listen_addresses empty), small and quick; fsync off: a test cluster.
  if ! "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
         -o "-c listen_addresses= -k $PG_DIR -c fsync=off -c max_connections=40 -c shared_buffers=16MB" \
         start >/dev/null 2>&1; then
    echo "FAIL: the PostgreSQL test cluster did not start:"; cat "$PG_DIR/server.log"
    return 1
  fi
  return 0
}

# Create database NAME and print its connection string (a URI with the socket directory).
pg_createdb() {
  "$PG_BIN/psql" -X -q -h "$PG_DIR" -U "$PG_USER" -d postgres -c "CREATE DATABASE $1" >/dev/null || return 1
  echo "postgresql://$PG_USER@/$1?host=$PG_DIR"
}

# Run SQL in database NAME; rows printed unaligned, tab-separated.
pg_sql() {
  "$PG_BIN/psql" -X -q -A -t -F $'\t' -h "$PG_DIR" -U "$PG_USER" -d "$1" -c "$2"
}
