#!/usr/bin/env bash
# Runs every test project on SQLite and on PostgreSQL and ends with one line: "N passed, N failed[, N skipped]".
# Installs Chromium, zbarimg and poppler-utils when they are missing and starts a throwaway PostgreSQL. Under CI=true a
# missing Chromium, zbarimg, poppler-utils or PostgreSQL is a failure, not a skip.
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
CI=${CI:-false}
problems=0

say() { printf '==> %s\n' "$*"; }
need() { # need <what>: a failure under CI, a warning elsewhere
  if [ "$CI" = "true" ]; then echo "FAIL: $1 is missing, and CI needs it." >&2; problems=$((problems + 1)); else echo "WARN: $1 is missing; those tests are skipped." >&2; fi
}
apt_install() {
  [ "$(id -u)" = 0 ] || return 1
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >/tmp/portal-apt.log 2>&1
}

# Chromium for the browser tests.
CHROMIUM=${PORTAL_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  say "Installing Chromium for the browser tests"
  apt_install chromium fonts-dejavu-core || true
fi
if [ -x "$CHROMIUM" ]; then export PORTAL_CHROMIUM="$CHROMIUM"; else unset PORTAL_CHROMIUM; need "Chromium ($CHROMIUM)"; fi

# zbarimg, to read back the bank transfer's QR code in the browser tests.
if ! command -v zbarimg >/dev/null 2>&1; then
  say "Installing zbar-tools for the QR code tests"
  apt_install zbar-tools || true
fi
command -v zbarimg >/dev/null 2>&1 || need "zbarimg (zbar-tools)"

# pdftotext and pdftoppm, to read back the letters Portal prints.
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
  say "Installing poppler-utils for the letter tests"
  apt_install poppler-utils || true
fi
command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || need "pdftotext and pdftoppm (poppler-utils)"
# DejaVu Sans, the typeface letters are set in.
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then apt_install fonts-dejavu-core || true; fi

# A throwaway PostgreSQL.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
PG_BIN=$(pg_bin)
if [ -z "$PG_BIN" ]; then
  say "Installing PostgreSQL for the database tests"
  apt_install postgresql || true
  PG_BIN=$(pg_bin)
fi
PG_DIR=""
stop_pg() {
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
trap stop_pg EXIT
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PG_CONNECTION=""
if [ -n "$PG_BIN" ]; then
  PG_DIR=$(mktemp -d /tmp/portal-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  port=""
  for candidate in $(seq 55432 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
  done
  say "Starting a throwaway PostgreSQL on 127.0.0.1:$port"
  if as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres >"$PG_DIR/initdb.log" 2>&1 \
     && as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
          -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null; then
    PG_CONNECTION="Host=127.0.0.1;Port=$port;Username=postgres;Pooling=true"
  else
    cat "$PG_DIR/initdb.log" "$PG_DIR/server.log" 2>/dev/null | tail -n 20 >&2
    need "a running PostgreSQL"
  fi
else
  need "PostgreSQL (server binaries in /usr/lib/postgresql/*/bin)"
fi

say "Building"
if ! dotnet build Portal.sln -nologo -v quiet -clp:NoSummary; then
  echo "0 passed, 1 failed"
  exit 1
fi

RESULTS="$ROOT/TestResults"
rm -rf "$RESULTS"
run_suite() { # run_suite <name> <env...>
  local name=$1; shift
  say "Tests on $name"
  env "$@" dotnet test Portal.sln --no-build -nologo -v quiet \
    --logger "trx" --logger "console;verbosity=normal" --results-directory "$RESULTS/$name" \
    || problems=$((problems + 1))
}
run_suite sqlite PORTAL_TEST_DATABASE=Sqlite
if [ -n "$PG_CONNECTION" ]; then
  run_suite postgres PORTAL_TEST_DATABASE=Postgres "PORTAL_TEST_POSTGRES=$PG_CONNECTION"
fi

passed=0; failed=0; skipped=0; files=0
for trx in $(find "$RESULTS" -name '*.trx' 2>/dev/null); do
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  # The trx logger leaves a skipped test out of "executed" (notExecuted stays 0), so count what did not run.
  skipped=$((skipped + $(get total) - $(get executed)))
done
[ "$files" -eq 0 ] && problems=$((problems + 1))
if [ "$problems" -gt 0 ] && [ "$failed" -eq 0 ]; then failed=$problems; fi
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ] && [ "$problems" -eq 0 ]
