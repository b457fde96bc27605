#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for one test run, on 127.0.0.1 only, trust authentication.
#
#   scripts/pg-cluster.sh start DIR [PORT]  # prints the admin URL postgres://postgres@127.0.0.1:PORT/postgres
#   scripts/pg-cluster.sh stop DIR          # stops it (fast shutdown; PG_STOP_MODE=immediate
#                                           # as a crash would); DIR can then be removed
#   scripts/pg-cluster.sh run DIR -- CMD…   # a fresh cluster in DIR on a free port, CMD run with
#                                           # PREVENT_REFERRAL_TEST_DATABASE set to its admin URL;
#                                           # then stopped and DIR removed, whether CMD passed
#                                           # or not; exits with CMD's status
#
# Uses Debian's postgresql package (scripts/setup.sh postgres installs it). As root the
# cluster runs as the `postgres` user (initdb refuses root).
set -euo pipefail

cmd=${1:-}
dir=${2:-}
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop|run DIR [PORT | -- COMMAND...]" >&2
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
  run)
    shift 2
    [ "${1:-}" = "--" ] && shift
    [ $# -gt 0 ] || { echo "usage: $0 run DIR -- COMMAND..." >&2; exit 2; }
    # Only ever remove an empty folder or one of our clusters (never a mistyped DIR).
    if [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ] && [ ! -s "$dir/data/PG_VERSION" ]; then
      echo "$0: $dir is not empty and not a cluster of this script; not touching it" >&2
      exit 2
    fi
    if [ -s "$dir/data/postmaster.pid" ]; then "$0" stop "$dir"; fi
    rm -rf "$dir"
    port=55432
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    url=$("$0" start "$dir" "$port")
    # Immediate: a throwaway cluster needs no shutdown checkpoint (which, after a test run's
    # hundred databases on a busy disk, can outlast pg_ctl's wait).
    trap 'PG_STOP_MODE=immediate "$0" stop "$dir"; rm -rf "$dir"' EXIT
    echo "pg-cluster: PostgreSQL $(basename "$(dirname "$bin")") on 127.0.0.1:$port for: $*" >&2
    status=0
    PREVENT_REFERRAL_TEST_DATABASE="$url" "$@" || status=$?
    exit "$status"
    ;;
  stop)
    if [ -s "$dir/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m "${PG_STOP_MODE:-fast}" -w -t 120 stop >/dev/null \
        || as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null \
        || { echo "$0: the cluster in $dir did not stop" >&2; exit 1; }
    fi
    ;;
  *)
    echo "usage: $0 start|stop DIR [PORT]" >&2
    exit 2
    ;;
esac
