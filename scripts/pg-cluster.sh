#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for one test run, on 127.0.0.1 only, trust authentication.
#
#   scripts/pg-cluster.sh start DIR [PORT]  # prints the admin URL postgres://postgres@127.0.0.1:PORT/postgres
#   scripts/pg-cluster.sh stop DIR          # stops it (fast shutdown; PG_STOP_MODE=immediate
#                                           # as a crash would); DIR can then be removed
#
# Uses Debian's postgresql package (scripts/setup.sh postgres installs it). As root the
# cluster runs as the `postgres` user (initdb refuses root).
set -euo pipefail

cmd=${1:-}
dir=${2:-}
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR [PORT]" >&2
  exit 2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
  echo "$0: PostgreSQL is not installed (run scripts/setup.sh postgres)" >&2
  exit 1
fi
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    port=${3:-55432}
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    if [ ! -s "$dir/data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    # fsync stays on: the tests check that what is acknowledged is durable.
    as_owner "$bin/pg_ctl" -D "$dir/data" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300" \
      -l "$dir/log" start >/dev/null \
      || { cat "$dir/log" >&2; exit 1; }
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -s "$dir/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m "${PG_STOP_MODE:-fast}" -w stop >/dev/null || true
    fi
    ;;
  *)
    echo "usage: $0 start|stop DIR [PORT]" >&2
    exit 2
    ;;
esac
