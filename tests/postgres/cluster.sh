#!/usr/bin/env bash
# cluster.sh - a throwaway PostgreSQL 15 cluster for the postgres tests, run as user postgres on
# its own port and socket directory. Source it, then: pg_start PORT (sets PGURL, BASE), pg_stop.
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
pg_start() {
  local port=$1
  BASE=$(mktemp -d) || return 1
  chown postgres: "$BASE" && install -d -o postgres -m 700 "$BASE/sock" || return 1
  runuser -u postgres -- "$PGBIN/initdb" -D "$BASE/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$BASE/initdb.log" 2>&1 || { cat "$BASE/initdb.log"; return 1; }
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$BASE/data" -l "$BASE/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $BASE/sock -c fsync=off -c full_page_writes=off" start >/dev/null \
    || { cat "$BASE/log"; return 1; }
  PGURL="postgresql://postgres@127.0.0.1:$port/postgres"
}
pg_stop() {
  [ -n "${BASE:-}" ] && [ -d "$BASE/data" ] || return 0
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$BASE/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$BASE"
}
