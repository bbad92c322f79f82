#!/usr/bin/env bash
# Run a command beside a throwaway PostgreSQL server, e.g.:   scripts/with-postgres.sh python -m pytest -q
#
# Starts a fresh cluster in a temporary directory (as an unprivileged user; listening on a Unix socket only, no
# TCP port), exports PARLEY_TEST_POSTGRES_URL for the command, then stops the server and deletes the directory,
# whatever the command's outcome. The command's exit status is this script's.
#
# - PARLEY_TEST_POSTGRES_URL already set: that server is used as is; nothing is started.
# - PostgreSQL missing: installed with apt-get when running as root (Debian/Ubuntu), else the command runs
#   without PostgreSQL (the PostgreSQL tests skip) - unless CI=true or PARLEY_REQUIRE_POSTGRES=1, then it fails.
# - PARLEY_PG_DURABLE=1 keeps fsync on (for benchmarks); by default the test server trades durability for speed.
set -uo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

if [ -n "${PARLEY_TEST_POSTGRES_URL:-}" ]; then
  exec "$@"
fi

require_pg() { [ "${CI:-}" = "true" ] || [ "${PARLEY_REQUIRE_POSTGRES:-}" = "1" ]; }

find_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null)"
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then echo "$dir"; return 0; fi
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  dir="$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")"
  if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  return 1
}

BINDIR="$(find_bindir)"
if [ -z "$BINDIR" ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "with-postgres: installing PostgreSQL with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  # policy-rc.d exit 101 stops the package from starting its own system-wide cluster; we start our own.
  policy_created=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && policy_created=1
  fi
  { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; } >&2
  [ "$policy_created" -eq 1 ] && rm -f /usr/sbin/policy-rc.d
  BINDIR="$(find_bindir)"
fi
if [ -z "$BINDIR" ]; then
  if require_pg; then
    echo "with-postgres: PostgreSQL is not installed and could not be installed" >&2
    exit 1
  fi
  echo "with-postgres: PostgreSQL not found; running without it (PostgreSQL tests will skip)" >&2
  exec "$@"
fi

# PostgreSQL refuses to run as root: use the packaged 'postgres' account, or make one.
AS=()
if [ "$(id -u)" -eq 0 ]; then
  PG_OS_USER=postgres
  if ! id "$PG_OS_USER" >/dev/null 2>&1; then
    PG_OS_USER=parleypg
    id "$PG_OS_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_OS_USER"
  fi
  AS=(runuser -u "$PG_OS_USER" --)
fi

WORK="$(mktemp -d /tmp/parley-pg.XXXXXX)"
DATA="$WORK/data"
SOCK="$WORK/sock"
PORT="${PARLEY_PG_PORT:-54329}"
mkdir -p "$SOCK"
[ "${#AS[@]}" -gt 0 ] && chown -R "$PG_OS_USER" "$WORK"

cleanup() {
  "${AS[@]}" "$BINDIR/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail_start() {
  echo "with-postgres: $1" >&2
  shift
  [ -f "$WORK/server.log" ] && tail -n 20 "$WORK/server.log" >&2
  if require_pg; then exit 1; fi
  echo "with-postgres: running without PostgreSQL (PostgreSQL tests will skip)" >&2
  cleanup
  trap - EXIT
  exec "$@"
}

# A UTF-8 LC_CTYPE lets full-text search fold case beyond ASCII (Arabic, Finnish, Russian), as production should.
LOCALE_OPT=--no-locale
if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then LOCALE_OPT=--locale=C.UTF-8; fi
"${AS[@]}" "$BINDIR/initdb" -D "$DATA" -U parley --auth=trust -E UTF8 "$LOCALE_OPT" >"$WORK/initdb.log" 2>&1 \
  || fail_start "initdb failed: $(tail -n 3 "$WORK/initdb.log")" "$@"

OPTS="-c listen_addresses='' -k $SOCK -p $PORT -c max_connections=200 -c shared_buffers=128MB"
if [ "${PARLEY_PG_DURABLE:-}" != "1" ]; then
  OPTS="$OPTS -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
fi
"${AS[@]}" "$BINDIR/pg_ctl" -D "$DATA" -o "$OPTS" -l "$WORK/server.log" -w -t 60 start >/dev/null 2>&1 \
  || fail_start "the server did not start" "$@"

"$BINDIR/psql" -h "$SOCK" -p "$PORT" -U parley -d postgres -v ON_ERROR_STOP=1 -q \
  -c "CREATE DATABASE parley_test" >/dev/null 2>&1 || fail_start "could not create the test database" "$@"

export PARLEY_TEST_POSTGRES_URL="postgresql://parley@/parley_test?host=$SOCK&port=$PORT"
echo "with-postgres: PostgreSQL $("$BINDIR/postgres" --version | awk '{print $3}') at $PARLEY_TEST_POSTGRES_URL" >&2

"$@"
status=$?
exit "$status"
