#!/usr/bin/env bash
# Measures Portal against its baselines in one run, on this machine, and ends with one table: each figure, its goal
# (issue 10) and PASS or FAIL. Portal runs in Release with Production settings on a throwaway PostgreSQL with normal
# durability (fsync and synchronous_commit on); the baselines are a bare Kestrel app (bench/Baseline) for start-up
# and requests/s, and psql's \copy of the same rows into the same tables for ingest. Baseline and Portal are measured
# alternately, so a machine that slows down slows both.
#
#   bench/run.sh                  the full run (1,000,000 invoices; about 30-40 minutes on 2 cores)
#   BENCH_QUICK=1 bench/run.sh    small numbers (20,000 invoices, 3 s per wrk run) to try it in a few minutes
#
# Needs the .NET 10 SDK, python3, curl, PostgreSQL's server binaries (/usr/lib/postgresql/*/bin) and wrk; as root on
# Debian/Ubuntu it installs wrk and PostgreSQL when they are missing. Settings (environment variables):
#   BENCH_INVOICES (1000000)  BENCH_PER_CUSTOMER (10)  BENCH_BATCH (10000 per call)  BENCH_SMALL_INVOICES (1000)
#   BENCH_PAIR_BATCHES (10: calls per sender in the one-vs-two senders test)
#   BENCH_DURATION (10 s per wrk run)  BENCH_WARMUP (5 s per target, twice)  BENCH_ROUNDS (3 alternating rounds; the median counts)
#   BENCH_THREADS (2)  BENCH_CONNECTIONS (32)  BENCH_STARTS (3 start-ups each; the median counts)
#   BENCH_NOISE (5: percent the large run may be below the small one and still count as "no slower")
#   BENCH_OUT (bench/out: the builds, the generated data and the logs)  BENCH_KEEP=1 keeps the data and the database
# Exit code 0 when every line passes, 1 otherwise (also when a measurement was invalid, e.g. non-2xx answers).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
QUICK=${BENCH_QUICK:-0}
pick() { if [ "$QUICK" = 1 ]; then echo "$2"; else echo "$1"; fi; } # pick <full> <quick>
INVOICES=${BENCH_INVOICES:-$(pick 1000000 20000)}
PER_CUSTOMER=${BENCH_PER_CUSTOMER:-10}
BATCH=${BENCH_BATCH:-10000}
SMALL_INVOICES=${BENCH_SMALL_INVOICES:-1000}
PAIR_BATCHES=${BENCH_PAIR_BATCHES:-$(pick 10 1)}
DURATION=${BENCH_DURATION:-$(pick 10 3)}
WARMUP=${BENCH_WARMUP:-$(pick 5 2)}
ROUNDS=${BENCH_ROUNDS:-$(pick 3 2)}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
STARTS=${BENCH_STARTS:-$(pick 3 2)}
NOISE=${BENCH_NOISE:-5}
OUT=${BENCH_OUT:-$ROOT/bench/out}
KEEP=${BENCH_KEEP:-0}

say() { printf '\n==> %s\n' "$*"; }
die() { echo "FAIL: $*" >&2; exit 1; }
num() { # 12345.6 -> 12,346
  awk -v x="$1" 'BEGIN { s = sprintf("%.0f", x); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); print s }'
}
dec() { awk -v x="$1" -v d="${2:-1}" 'BEGIN { printf "%.*f", d, x }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
calc() { awk "BEGIN { printf \"%.4f\", $1 }"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
free_port() { # free_port <from>: the first port from there nobody listens on
  local p
  for p in $(seq "$1" $(( $1 + 200 ))); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  die "no free port from $1"
}

SUMMARY=()
FAILED=0
# result <what> <figure> <goal> <pass: 0 or 1>
result() {
  local verdict=PASS
  if [ "$4" != 1 ]; then verdict=FAIL; FAILED=$((FAILED + 1)); fi
  SUMMARY+=("$(printf '%-62s | %-36s | %-22s | %s' "$1" "$2" "$3" "$verdict")")
}

# --- Tools -------------------------------------------------------------------------------------------------------
apt_install() {
  [ "$(id -u)" = 0 ] || return 1
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >/tmp/portal-bench-apt.log 2>&1
}
command -v wrk >/dev/null 2>&1 || { say "Installing wrk"; apt_install wrk || true; }
command -v wrk >/dev/null 2>&1 || die "wrk is missing (apt-get install -y wrk)"
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
PG_BIN=$(pg_bin)
[ -n "$PG_BIN" ] || { say "Installing PostgreSQL"; apt_install postgresql || true; PG_BIN=$(pg_bin); }
[ -n "$PG_BIN" ] || die "PostgreSQL's server binaries are missing (/usr/lib/postgresql/*/bin)"
for tool in dotnet python3 curl psql; do command -v "$tool" >/dev/null 2>&1 || die "$tool is missing"; done

mkdir -p "$OUT/logs"
LOGS=$OUT/logs
DATA=$OUT/data
rm -f "$LOGS"/*.log

# --- Clean-up: everything this script started, by its id ----------------------------------------------------------
PORTAL_PID=""; BASELINE_PID=""; PG_DIR=""
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_pid() { # stop_pid <pid>: a clean stop, then a hard one after 15 s
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop_pid "$PORTAL_PID"; stop_pid "$BASELINE_PID"
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
    if [ "$KEEP" = 1 ]; then echo "The database cluster is kept in $PG_DIR"; else rm -rf "$PG_DIR"; fi
  fi
  [ "$KEEP" = 1 ] || rm -rf "$DATA"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- 1. Build ------------------------------------------------------------------------------------------------------
say "Building Portal.Web and the bare Kestrel baseline in Release"
rm -rf "$OUT/portal" "$OUT/baseline"
# Both published for this machine's runtime, as README says to publish for a server (ReadyToRun).
RID=$(dotnet --info 2>/dev/null | awk '/^ *RID:/ { print $2; exit }')
RID=${RID:-linux-x64}
dotnet publish Portal.Web/Portal.Web.csproj -c Release -r "$RID" --no-self-contained -o "$OUT/portal" -nologo -v quiet -clp:NoSummary >"$LOGS/build.log" 2>&1 \
  || { tail -n 30 "$LOGS/build.log"; die "the Release build of Portal.Web failed"; }
dotnet publish bench/Baseline/Baseline.csproj -c Release -r "$RID" --no-self-contained -o "$OUT/baseline" -nologo -v quiet -clp:NoSummary >>"$LOGS/build.log" 2>&1 \
  || { tail -n 30 "$LOGS/build.log"; die "the Release build of the baseline failed"; }

# --- A throwaway PostgreSQL with normal durability -----------------------------------------------------------------
PG_DIR=$(mktemp -d /tmp/portal-bench-pg.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
PG_PORT=$(free_port 55700)
say "Starting a throwaway PostgreSQL on 127.0.0.1:$PG_PORT (fsync on, synchronous_commit on)"
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log"; die "initdb failed"; }
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=200" \
  start >/dev/null || { tail -n 20 "$PG_DIR/server.log"; die "PostgreSQL did not start"; }
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres)
"${PSQL[@]}" -d postgres -c "CREATE DATABASE portal" -c "CREATE DATABASE copybase" || die "cannot create the databases"
connection() { echo "Host=127.0.0.1;Port=$PG_PORT;Database=$1;Username=postgres"; }

PORTAL_PORT=$(free_port 5180)
PORTAL_URL="http://127.0.0.1:$PORTAL_PORT"
BASELINE_PORT=$(free_port $(( PORTAL_PORT + 1 )))
BASELINE_URL="http://127.0.0.1:$BASELINE_PORT"
# Production, as an operator would run it. Production refuses the Mollie sandbox, so the provider is Mollie with a
# test key (no call reaches Mollie: the bench makes no payment). Rate limits are off, or wrk would measure 429s.
PORTAL_SETTINGS=(
  ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production
  Portal__Database__Provider=Postgres
  Portal__Payments__Provider=Mollie Portal__Payments__Mollie__ApiKey=test_portalbenchnotused
  "Portal__PublicBaseUrl=$PORTAL_URL"
  Portal__RateLimits__Enabled=false
)
# portal_command <database>: the command line of Portal.Web from the Release build, in PORTAL_COMMAND. One external
# command (env execs dotnet), so a background start's $! is Portal's own process id.
portal_command() {
  PORTAL_COMMAND=(env -C "$OUT/portal" "${PORTAL_SETTINGS[@]}" "ConnectionStrings__Portal=$(connection "$1")" dotnet Portal.Web.dll)
}
portal() { portal_command "$1"; shift; "${PORTAL_COMMAND[@]}" "$@"; } # portal <database> <args...>, in the foreground

# start_app <url> <log> <command...>: starts it in the background; sets APP_PID and APP_MS, the milliseconds from
# the process's start to the first 200 of /health/live (polled every 10 ms).
start_app() {
  local url=$1 log=$2 t0 code; shift 2
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$url/health/live" 2>/dev/null)
  [ "$code" = 000 ] || die "something already answers at $url; stop it first"
  t0=$(now_ms)
  "$@" >"$log" 2>&1 &
  APP_PID=$!
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$url/health/live" 2>/dev/null)
    [ "$code" = 200 ] && break
    if ! kill -0 "$APP_PID" 2>/dev/null; then tail -n 30 "$log"; die "$* stopped before it answered (log: $log)"; fi
    if [ $(( $(now_ms) - t0 )) -gt 180000 ]; then tail -n 30 "$log"; die "$* did not answer within 3 minutes (log: $log)"; fi
    sleep 0.01
  done
  APP_MS=$(( $(now_ms) - t0 ))
}
start_portal() { portal_command "$1"; start_app "$PORTAL_URL" "$2" "${PORTAL_COMMAND[@]}" --urls "$PORTAL_URL"; PORTAL_PID=$APP_PID; }
start_baseline() {
  start_app "$BASELINE_URL" "$1" env ASPNETCORE_ENVIRONMENT=Production dotnet "$OUT/baseline/Portal.Bench.Baseline.dll" --urls "$BASELINE_URL"
  BASELINE_PID=$APP_PID
}
stop_portal() { stop_pid "$PORTAL_PID"; PORTAL_PID=""; }
stop_baseline() { stop_pid "$BASELINE_PID"; BASELINE_PID=""; }
# upper_median: of lines sorted by their first number, the middle one (of two, the higher)
upper_median() { sort -n | awk '{ v[NR] = $0 } END { print v[int(NR / 2) + 1] }'; }
# lower_median: the same, of two the lower (for times, the better)
lower_median() { sort -n | awk '{ v[NR] = $0 } END { print v[int((NR + 1) / 2)] }'; }

# --- Organisations: A for pages and the big load, B alone and C with D at once for one vs two senders, one to warm a
# fresh process up on, and one in the COPY database. The command migrates the database first, the same migrations Portal runs at start. -------------
create_organisation() { # create_organisation <database> <name> -> "id key"
  local output id key
  output=$(portal "$1" organisations create --name "$2" --iban "NL91 ABNA 0417 1643 00" --account-holder "$2 B.V." \
    --phone "050 123 45 67" --languages nl,en 2>>"$LOGS/admin.log") || { echo "$output" >&2; die "organisations create failed (log: $LOGS/admin.log)"; }
  id=$(sed -n 's/^Organisation id: //p' <<<"$output")
  key=$(sed -n 's/^API key: //p' <<<"$output")
  [ -n "$id" ] && [ -n "$key" ] || { echo "$output" >&2; die "organisations create printed no id and key"; }
  echo "$id $key"
}
say "Migrating both databases and creating the organisations"
created=$(create_organisation portal "Bench Noord") || exit 1; read -r ORG_A KEY_A <<<"$created"
created=$(create_organisation portal "Bench Oost") || exit 1; read -r _ KEY_B <<<"$created"
created=$(create_organisation portal "Bench Zuid") || exit 1; read -r _ KEY_C <<<"$created"
created=$(create_organisation portal "Bench West") || exit 1; read -r _ KEY_D <<<"$created"
created=$(create_organisation portal "Bench Warm") || exit 1; read -r _ KEY_WARM <<<"$created"
created=$(create_organisation copybase "Bench Copy") || exit 1; read -r ORG_COPY _ <<<"$created"
echo "  organisations ${ORG_A}.. in portal, $ORG_COPY in copybase"

say "Generating the data (not timed): $(num "$INVOICES") invoices for $(num $(( INVOICES / PER_CUSTOMER ))) customers, $(num "$BATCH") per call"
rm -rf "$DATA"
python3 bench/generate.py batches "$DATA/small" --invoices "$SMALL_INVOICES" --per-customer "$PER_CUSTOMER" --batch "$SMALL_INVOICES" --prefix W || die "generate.py failed"
python3 bench/generate.py batches "$DATA/big" --invoices "$INVOICES" --per-customer "$PER_CUSTOMER" --batch "$BATCH" --prefix C || die "generate.py failed"
python3 bench/generate.py csv "$DATA/csv" --invoices "$INVOICES" --per-customer "$PER_CUSTOMER" --organisation "$ORG_COPY" --prefix C || die "generate.py failed"

# --- 2. Start-up ---------------------------------------------------------------------------------------------------
say "Start-up to the first 200 of /health/live, Portal and the bare app alternately ($STARTS each, after one unmeasured start each)"
start_portal portal "$LOGS/portal-start-0.log"; stop_portal
start_baseline "$LOGS/baseline-start-0.log"; stop_baseline
PORTAL_STARTS=(); BASELINE_STARTS=()
for i in $(seq "$STARTS"); do
  start_portal portal "$LOGS/portal-start-$i.log"; PORTAL_STARTS+=("$APP_MS"); stop_portal
  start_baseline "$LOGS/baseline-start-$i.log"; BASELINE_STARTS+=("$APP_MS"); stop_baseline
  echo "  start $i: Portal ${PORTAL_STARTS[-1]} ms, bare ${BASELINE_STARTS[-1]} ms"
done
START_PORTAL=$(printf '%s\n' "${PORTAL_STARTS[@]}" | lower_median)
START_BASELINE=$(printf '%s\n' "${BASELINE_STARTS[@]}" | lower_median)
echo "  counted (the median; of two, the faster): Portal $START_PORTAL ms, bare Kestrel $START_BASELINE ms"
result "Start-up to first 200 (Production)" "$(dec "$(calc "$START_PORTAL / 1000")" 2) s (bare $(dec "$(calc "$START_BASELINE / 1000")" 2) s)" "<= 1.5 s" \
  "$(le "$START_PORTAL" 1500 && echo 1)"

# --- 3. Data for the pages -----------------------------------------------------------------------------------------
start_portal portal "$LOGS/portal-pages.log"
start_baseline "$LOGS/baseline.log"
api() { # api <method> <path> <key> [curl args...]: prints the body; fails on anything but 2xx
  local method=$1 path=$2 key=$3 body code; shift 3
  body=$(curl -sS -X "$method" -H "Authorization: Bearer $key" -w '\n%{http_code}' "$@" "$PORTAL_URL$path") || die "$method $path: curl failed"
  code=${body##*$'\n'}; body=${body%$'\n'*}
  [[ "$code" == 2* ]] || { echo "$body" | head -c 2000 >&2; echo >&2; die "$method $path answered $code"; }
  printf '%s' "$body"
}
batch_ok() { # batch_ok <response files...>: every item created, none rejected; prints the number of invoices created
  python3 - "$@" <<'EOF'
import json, sys
created = 0
for name in sys.argv[1:]:
    body = json.load(open(name))
    s = body["summary"]
    if s["rejected"]:
        bad = [i for i in body["customers"] + body["invoices"] if i["result"] == "rejected"][:3]
        sys.exit(f"{name}: {s['rejected']} item(s) rejected, e.g. {bad}")
    created += sum(1 for i in body["invoices"] if i["result"] == "created")
print(created)
EOF
}
say "Pushing $(num "$SMALL_INVOICES") invoices, a logo and a pay link through the API"
api POST /api/v1/invoices/batch "$KEY_A" -H "Content-Type: application/json" --data-binary "@$DATA/small/batch-00001.json" >"$DATA/small/response.json"
batch_ok "$DATA/small/response.json" >/dev/null || die "the small batch was not taken whole"
printf '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" rx="8" fill="#1D6F42"/></svg>' >"$DATA/logo.svg"
api PUT /api/v1/organisation/logo "$KEY_A" -H "Content-Type: image/svg+xml" --data-binary "@$DATA/logo.svg" >/dev/null
PAGE_CUSTOMER=$(printf 'W-%07d' 1)
INVOICE_NUMBER=$(printf 'W-%08d' "$PER_CUSTOMER") # the first invoice of customer 1
LINK_URL=$(api POST /api/v1/pay-links "$KEY_A" -H "Content-Type: application/json" -d "{\"customerRef\":\"$PAGE_CUSTOMER\"}" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["url"])') || die "no pay link"
# /p/{token} answers 303 with the session cookie (Secure in Production: sent here by hand, as over plain http curl would not).
COOKIE=$(curl -sS -o /dev/null -D - "$LINK_URL" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | paste -sd ';' | sed 's/;/; /g')
[[ "$COOKIE" == *portal_session* ]] || die "opening the pay link gave no session cookie"
echo "  customer $PAGE_CUSTOMER, invoice $INVOICE_NUMBER, session cookie of ${#COOKIE} characters"

# --- 4. Throughput -------------------------------------------------------------------------------------------------
# wrk_run <seconds> <url> [header...] -> "requests/s p50-ms p99-ms bad" where bad counts non-2xx/3xx answers and
# time-outs; the whole output goes to $LOGS/wrk.log.
wrk_run() {
  local seconds=$1 url=$2 out; shift 2
  local headers=(); for h in "$@"; do headers+=(-H "$h"); done
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency "${headers[@]}" "$url" 2>&1)
  printf '### %s\n%s\n' "$url" "$out" >>"$LOGS/wrk.log"
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
    /Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { bad += $NF }
    /Socket errors:/ { gsub(",", ""); bad += $4 + $6 + $8 + $10 } # connect, read, write, timeout
    END { printf "%s %s %s %d\n", (rps == "" ? 0 : rps), (p50 == "" ? 0 : p50), (p99 == "" ? 0 : p99), bad }' <<<"$out"
}
declare -A RPS
# throughput <phase> <label> <path> [header...]: warm-up, then Portal and the bare "Hello" alternately, $ROUNDS each
throughput() {
  local phase=$1 label=$2 path=$3; shift 3
  local code r line portal_runs=() baseline_runs=() bad=0 h curl_headers=()
  for h in "$@"; do curl_headers+=(-H "$h"); done
  code=$(curl -s -o "$DATA/check.body" -w '%{http_code}' "${curl_headers[@]}" "$PORTAL_URL$path")
  if [ "$code" != 200 ]; then
    echo "  FAIL: $path answers $code, not 200; a benchmark of an error page is worthless:" >&2
    head -c 600 "$DATA/check.body" >&2; echo >&2
    result "$label @ $phase" "answers $code" "200" 0
    return
  fi
  wrk_run "$WARMUP" "$PORTAL_URL$path" "$@" >/dev/null
  wrk_run "$WARMUP" "$BASELINE_URL/" >/dev/null
  for r in $(seq "$ROUNDS"); do
    line=$(wrk_run "$DURATION" "$PORTAL_URL$path" "$@"); portal_runs+=("$line"); bad=$((bad + ${line##* }))
    line=$(wrk_run "$DURATION" "$BASELINE_URL/"); baseline_runs+=("$line"); bad=$((bad + ${line##* }))
  done
  local p b
  p=$(printf '%s\n' "${portal_runs[@]}" | upper_median)
  b=$(printf '%s\n' "${baseline_runs[@]}" | upper_median)
  read -r prps pp50 pp99 _ <<<"$p"; read -r brps bp50 bp99 _ <<<"$b"
  if ! ge "$prps" 0.01 || ! ge "$brps" 0.01; then
    echo "  FAIL: wrk measured nothing on $path (see $LOGS/wrk.log)" >&2
    result "$label @ $phase" "wrk measured nothing" "a measurement" 0
    return
  fi
  local ratio; ratio=$(calc "$prps * 100 / $brps")
  printf '  %-30s Portal %9s req/s  p50 %7s ms  p99 %7s ms | bare %9s req/s  p50 %6s ms  p99 %6s ms | %6s %%\n' \
    "$label" "$(num "$prps")" "$(dec "$pp50" 2)" "$(dec "$pp99" 2)" "$(num "$brps")" "$(dec "$bp50" 2)" "$(dec "$bp99" 2)" "$(dec "$ratio" 2)"
  if [ "$bad" -gt 0 ]; then
    echo "  FAIL: wrk counted $bad non-2xx answers or time-outs on $path (see $LOGS/wrk.log); these figures are invalid." >&2
    result "$label @ $phase" "$bad non-2xx answers / time-outs" "none" 0
    return
  fi
  RPS[$phase,$label]=$prps
  result "$label @ $phase: share of bare Kestrel" "$(dec "$ratio" 2) % ($(num "$prps") / $(num "$brps") req/s)" ">= 10 %" "$(ge "$ratio" 10 && echo 1)"
  result "$label @ $phase: p99 at $CONNECTIONS connections" "$(dec "$pp99" 1) ms (p50 $(dec "$pp50" 1) ms)" "<= 20 ms" "$(le "$pp99" 20 && echo 1)"
}
targets() { # targets <phase>
  say "Requests/s at $1 invoices: wrk -t$THREADS -c$CONNECTIONS, $ROUNDS x ${DURATION}s each side, alternating (median counts)"
  # A fresh process compiles its hot paths in tiers: every target gets load first, so none is measured half-warm.
  echo "  warming up: every target ${WARMUP}s, then each again ${WARMUP}s just before it is measured"
  wrk_run "$WARMUP" "$PORTAL_URL/overview" "Cookie: $COOKIE" >/dev/null
  wrk_run "$WARMUP" "$PORTAL_URL/invoices/$INVOICE_NUMBER" "Cookie: $COOKIE" >/dev/null
  wrk_run "$WARMUP" "$PORTAL_URL/api/v1/invoices/$INVOICE_NUMBER" "Authorization: Bearer $KEY_A" >/dev/null
  wrk_run "$WARMUP" "$PORTAL_URL/api/v1/invoices?limit=100" "Authorization: Bearer $KEY_A" >/dev/null
  throughput "$1" "/overview" /overview "Cookie: $COOKIE"
  throughput "$1" "/invoices/{n}" "/invoices/$INVOICE_NUMBER" "Cookie: $COOKIE"
  throughput "$1" "GET /api/v1/invoices/{n}" "/api/v1/invoices/$INVOICE_NUMBER" "Authorization: Bearer $KEY_A"
  throughput "$1" "GET /api/v1/invoices?limit=100" "/api/v1/invoices?limit=100" "Authorization: Bearer $KEY_A"
}
SMALL_PHASE=$(num "$SMALL_INVOICES")
targets "$SMALL_PHASE"

# --- 5. Ingest -----------------------------------------------------------------------------------------------------
# send <key> <response dir> <batch files...>: one call after the other, as one ERP would; fails on anything but 200.
send() {
  local key=$1 dir=$2 file code; shift 2
  mkdir -p "$dir"
  for file in "$@"; do
    code=$(curl -sS -o "$dir/$(basename "$file")" -w '%{http_code}' --max-time 900 -X POST -H "Authorization: Bearer $key" \
      -H "Content-Type: application/json" --data-binary "@$file" "$PORTAL_URL/api/v1/invoices/batch")
    [ "$code" = 200 ] || { head -c 1000 "$dir/$(basename "$file")" >&2; echo >&2; echo "batch $file answered $code" >&2; return 1; }
  done
}
mapfile -t BIG < <(ls "$DATA"/big/batch-*.json)
# checkpoint: every timed load starts with the WAL of what came before written out, so neither side pays for the
# other's checkpoints (a million invoices leave gigabytes of WAL that PostgreSQL would otherwise write during the next step).
checkpoint() { "${PSQL[@]}" -d postgres -c "CHECKPOINT" || die "CHECKPOINT failed"; }
stop_portal
start_portal portal "$LOGS/portal-ingest.log" # a fresh process, so its peak memory is the load's
# Not timed: one small batch into an organisation of its own, so the first timed call does not pay for compiling.
send "$KEY_WARM" "$DATA/responses/warm" "$DATA/small/batch-00001.json" || die "the warm-up batch failed"
say "Ingest: $(num "$INVOICES") invoices in ${#BIG[@]} calls to POST /api/v1/invoices/batch, one after the other"
checkpoint
t0=$(now_ms)
send "$KEY_A" "$DATA/responses/a" "${BIG[@]}" || die "the load failed (Portal's log: $LOGS/portal-ingest.log)"
INGEST_MS=$(( $(now_ms) - t0 ))
HWM_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$PORTAL_PID/status")
CREATED=$(batch_ok "$DATA"/responses/a/*.json) || die "the load was not taken whole"
[ "$CREATED" = "$INVOICES" ] || die "Portal created $CREATED invoices of $INVOICES"
INGEST_RATE=$(calc "$INVOICES * 1000 / $INGEST_MS")
echo "  Portal: $(dec "$(calc "$INGEST_MS / 1000")" 1) s, $(num "$INGEST_RATE") invoices/s, peak memory $(num $(( HWM_KB / 1024 ))) MB"

say "Baseline: the same rows with psql \\copy (CSV) into the same tables, indexes and foreign keys"
checkpoint
t0=$(now_ms)
"${PSQL[@]}" -d copybase <<EOF || die "\\copy failed"
\\copy "Customers" ("Id","OrganisationId","CustomerRef","Name","Email","Phone","Language","AddressLine1","AddressLine2","AddressPostalCode","AddressCity","AddressCountry","CreatedAtUtc","UpdatedAtUtc") FROM '$DATA/csv/customers.csv' WITH (FORMAT csv)
\\copy "Invoices" ("Id","OrganisationId","InvoiceNumber","CustomerId","IssueDate","DueDate","Currency","TotalMinor","AmountPaidMinor","Description","Status","CancelledAtUtc","CreatedAtUtc","ChangedAtUtc") FROM '$DATA/csv/invoices.csv' WITH (FORMAT csv)
\\copy "InvoiceLines" ("Id","InvoiceId","Position","Description","AmountMinor","Quantity","UnitPriceMinor","VatRate") FROM '$DATA/csv/lines.csv' WITH (FORMAT csv)
EOF
COPY_MS=$(( $(now_ms) - t0 ))
COPY_RATE=$(calc "$INVOICES * 1000 / $COPY_MS")
INGEST_RATIO=$(calc "$INGEST_RATE * 100 / $COPY_RATE")
echo "  \\copy: $(dec "$(calc "$COPY_MS / 1000")" 1) s, $(num "$COPY_RATE") invoices/s; Portal at $(dec "$INGEST_RATIO" 1) %"
result "Ingest $(num "$INVOICES") invoices: share of \\copy" "$(dec "$INGEST_RATIO" 1) % ($(num "$INGEST_RATE") / $(num "$COPY_RATE") /s)" ">= 40 %" "$(ge "$INGEST_RATIO" 40 && echo 1)"
result "Peak memory during the load (VmHWM)" "$(num $(( HWM_KB / 1024 ))) MB" "<= 250 MB" "$(le $(( HWM_KB / 1024 )) 250 && echo 1)"

PAIR=("${BIG[@]:0:$PAIR_BATCHES}")
PAIR_INVOICES=$(( ${#PAIR[@]} * BATCH < INVOICES ? ${#PAIR[@]} * BATCH : INVOICES ))
say "One sender, then two senders for two organisations at once ($(num "$PAIR_INVOICES") invoices each, into fresh organisations)"
checkpoint
t0=$(now_ms)
send "$KEY_B" "$DATA/responses/b" "${PAIR[@]}" || die "the one-sender load failed"
ONE_MS=$(( $(now_ms) - t0 ))
checkpoint
t0=$(now_ms)
send "$KEY_C" "$DATA/responses/c" "${PAIR[@]}" & SENDER_C=$!
send "$KEY_D" "$DATA/responses/d" "${PAIR[@]}" & SENDER_D=$!
wait "$SENDER_C" || die "the first of two senders failed"
wait "$SENDER_D" || die "the second of two senders failed"
TWO_MS=$(( $(now_ms) - t0 ))
for s in b c d; do
  [ "$(batch_ok "$DATA"/responses/$s/*.json)" = "$PAIR_INVOICES" ] || die "sender $s: not every invoice was created"
done
ONE_RATE=$(calc "$PAIR_INVOICES * 1000 / $ONE_MS")
TWO_RATE=$(calc "2 * $PAIR_INVOICES * 1000 / $TWO_MS")
PAIR_RATIO=$(calc "$TWO_RATE / $ONE_RATE")
echo "  one sender $(num "$ONE_RATE") invoices/s, two senders $(num "$TWO_RATE") invoices/s together: $(dec "$PAIR_RATIO" 2)x"
result "Two senders (two organisations) vs one" "$(dec "$PAIR_RATIO" 2)x ($(num "$TWO_RATE") / $(num "$ONE_RATE") /s)" ">= 1.7x" "$(ge "$PAIR_RATIO" 1.7 && echo 1)"

BIG_PHASE=$(num "$INVOICES")
# What an operator's nightly load is followed by anyway: without it autovacuum and analyze of the freshly loaded
# tables, and the checkpoint of the load's WAL, run during the rounds below, and the "no slower" lines measure them
# instead of the size of the tables.
say "VACUUM ANALYZE and CHECKPOINT after the load, before measuring at $BIG_PHASE invoices"
"${PSQL[@]}" -d portal -c "VACUUM ANALYZE" || die "VACUUM ANALYZE failed"
checkpoint
targets "$BIG_PHASE"
for label in "/overview" "/invoices/{n}" "GET /api/v1/invoices/{n}" "GET /api/v1/invoices?limit=100"; do
  small=${RPS[$SMALL_PHASE,$label]:-}; big=${RPS[$BIG_PHASE,$label]:-}
  [ -n "$small" ] && [ -n "$big" ] || continue
  share=$(calc "$big * 100 / $small")
  result "$label: $BIG_PHASE vs $SMALL_PHASE invoices" "$(dec "$share" 1) % ($(num "$big") / $(num "$small") req/s)" ">= $((100 - NOISE)) % (no slower)" \
    "$(ge "$share" $((100 - NOISE)) && echo 1)"
done

# --- 6. Page weight ------------------------------------------------------------------------------------------------
say "Page weight: /overview and what it loads, Accept-Encoding: br, gzip (headers + body on the wire)"
WEIGHT=$(python3 bench/pageweight.py "$PORTAL_URL" /overview "$COOKIE") || die "pageweight.py failed"
grep -v -E '^(FIRST|SECOND|ERRORS) ' <<<"$WEIGHT"
FIRST=$(sed -n 's/^FIRST //p' <<<"$WEIGHT"); SECOND=$(sed -n 's/^SECOND //p' <<<"$WEIGHT"); WEIGHT_ERRORS=$(sed -n 's/^ERRORS //p' <<<"$WEIGHT")
result "/overview, first visit (KB = 1,000 bytes)" "$(dec "$(calc "$FIRST / 1000")" 1) KB" "<= 20 KB" "$(le "$FIRST" 20000 && echo 1)"
result "/overview, second visit (browser cache)" "$(dec "$(calc "$SECOND / 1000")" 1) KB" "<= 8 KB" "$(le "$SECOND" 8000 && echo 1)"
result "/overview's sub-requests answer 2xx/304" "$WEIGHT_ERRORS failed" "none" "$([ "$WEIGHT_ERRORS" = 0 ] && echo 1)"

# --- 7. Portal's own log, then the table ---------------------------------------------------------------------------
stop_portal
LOG_ERRORS=$(cat "$LOGS"/portal-*.log | grep -c -E '^(fail|crit): ')
if [ "$LOG_ERRORS" -gt 0 ]; then
  say "Portal logged $LOG_ERRORS error(s); the first:"
  grep -h -A 4 -E '^(fail|crit): ' "$LOGS"/portal-*.log | head -n 40
fi
result "Errors in Portal's log (fail/crit)" "$LOG_ERRORS" "0" "$([ "$LOG_ERRORS" = 0 ] && echo 1)"

say "Summary ($([ "$QUICK" = 1 ] && echo "BENCH_QUICK: small numbers, not the figures of record" || echo "full run"); $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
printf '%-62s | %-36s | %-22s | %s\n' "what" "figure" "goal" "verdict"
printf '%s\n' "${SUMMARY[@]}"
echo
echo "$(( ${#SUMMARY[@]} - FAILED )) passed, $FAILED failed. Logs: $LOGS"
[ "$FAILED" -eq 0 ]
