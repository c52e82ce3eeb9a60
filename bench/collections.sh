#!/usr/bin/env bash
# The direct-debit bench (issue 12, item 9): the daily run for N due collections against the Mollie sandbox on a
# throwaway PostgreSQL (fsync on) — for each of its three days (plan and pre-notify, submit to the sandbox, the bank's
# answers coming back as webhooks): wall time, statements and transactions per collection (pg_stat_statements,
# pg_stat_database), and Portal's peak memory. Beside it, in the same run, the floor of the submit day: a bare HTTP
# client creating the same number of recurring payments at the same sandbox, one after the other as Portal does.
# Portal runs in Release (environment Staging, the sandbox switched on); the days pass through POST /dev/clock/move.
#
#   bench/collections.sh                         100,000 collections
#   BENCH_COLLECTIONS=5000 bench/collections.sh  fewer, to try it
#
# Needs the .NET 10 SDK, curl, python3 and PostgreSQL's server binaries. Prints one table; it measures, it has no goal to fail.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
N=${BENCH_COLLECTIONS:-100000}
OUT=${BENCH_OUT:-$ROOT/bench/out}/collections
LOGS=$OUT/logs
say() { printf '\n==> %s\n' "$*"; }
die() { echo "FAIL: $*" >&2; exit 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
port_from() { local p; for p in $(seq "$1" $(( $1 + 200 ))); do (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; die "no free port from $1"; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$PG_BIN" ] || die "PostgreSQL's server binaries are missing (/usr/lib/postgresql/*/bin)"
PORTAL_PID=""; SAMPLER_PID=""; PG_DIR=""
cleanup() {
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null
  [ -n "$PORTAL_PID" ] && kill "$PORTAL_PID" 2>/dev/null
  wait 2>/dev/null
  if [ -n "$PG_DIR" ]; then as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1; rm -rf "$PG_DIR"; fi
}
trap cleanup EXIT
rm -rf "$OUT" && mkdir -p "$LOGS" "$OUT/data"

say "Building Portal.Web in Release"
dotnet publish Portal.Web/Portal.Web.csproj -c Release -o "$OUT/portal" -nologo -v quiet >"$LOGS/build.log" 2>&1 || { tail -n 20 "$LOGS/build.log"; die "the build failed"; }

PG_DIR=$(mktemp -d /tmp/portal-bench-dd.XXXXXX); [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
PG_PORT=$(port_from 55800)
say "Starting a throwaway PostgreSQL on 127.0.0.1:$PG_PORT (fsync on, pg_stat_statements)"
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres >"$LOGS/initdb.log" 2>&1 || die "initdb failed"
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=on -c synchronous_commit=on -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.max=10000" \
  start >/dev/null || { tail -n 20 "$PG_DIR/server.log"; die "PostgreSQL did not start"; }
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d portal)
psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE portal" || die "cannot create the database"
"${PSQL[@]}" -c "CREATE EXTENSION pg_stat_statements" || die "pg_stat_statements is missing"

PORT=$(port_from 5380); URL=http://127.0.0.1:$PORT; KEY_MOLLIE=test_portalbenchcollections
SETTINGS=(ASPNETCORE_ENVIRONMENT=Staging "ConnectionStrings__Portal=Host=127.0.0.1;Port=$PG_PORT;Database=portal;Username=postgres"
  Portal__Database__Provider=Postgres "Portal__PublicBaseUrl=$URL" Portal__RateLimits__Enabled=false
  Portal__Payments__Provider=Sandbox Portal__Payments__Sandbox__Enabled=true "Portal__Payments__Mollie__ApiKey=$KEY_MOLLIE"
  "Portal__Payments__Mollie__BaseUrl=$URL/mollie-sandbox/v2/" Portal__Payments__Sandbox__TickEvery=00:00:00
  Portal__Jobs__RunCollectionsEvery=1.00:00:00 Portal__Jobs__ReconcilePaymentsEvery=1.00:00:00)
created=$(env -C "$OUT/portal" "${SETTINGS[@]}" dotnet Portal.Web.dll organisations create --name "Waterbedrijf Bench" \
  --iban "NL91 ABNA 0417 1643 00" --account-holder "Waterbedrijf Bench B.V." --phone "050 123 45 67" --languages nl,en 2>>"$LOGS/admin.log") \
  || die "organisations create failed (log: $LOGS/admin.log)"
KEY=$(sed -n 's/^API key: //p' <<<"$created")
env -C "$OUT/portal" "${SETTINGS[@]}" dotnet Portal.Web.dll --urls "$URL" >"$LOGS/portal.log" 2>&1 &
PORTAL_PID=$!
for _ in $(seq 1 600); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/health/live")" = 200 ] && break; sleep 0.05; done
api() { curl -sf -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" "$@"; }

say "The organisation collects on the 15th; $N customers with one invoice each, and a valid mandate held at the sandbox"
api -X PUT "$URL/api/v1/direct-debit-settings" -o /dev/null \
  -d '{"enabled":true,"allowedDays":[15],"leadBusinessDays":5,"firstPaymentAmount":0.01,"creditorId":"NL57ZZZ999999999999"}' || die "the settings were refused"
python3 - "$N" "$OUT/data" <<'PY'
import json, sys, datetime
n, out = int(sys.argv[1]), sys.argv[2]
due = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
for start in range(0, n, 10000):
    part = range(start, min(n, start + 10000))
    json.dump({"customers": [{"customerRef": f"D-{i}", "name": f"Klant {i}", "email": f"klant{i}@example.org", "language": "nl"} for i in part],
               "invoices": [{"invoiceNumber": f"DD-{i}", "customerRef": f"D-{i}", "issueDate": "2026-11-20", "dueDate": due, "currency": "EUR",
                             "totalAmount": 40 + i % 60, "lines": [{"description": "Water", "amount": 40 + i % 60}]} for i in part]},
              open(f"{out}/load-{start // 10000}.json", "w"))
PY
for f in "$OUT"/data/load-*.json; do api -X POST "$URL/api/v1/invoices/batch" --data-binary "@$f" -o /dev/null || die "loading $f failed"; done
# One mandate through the API, as an ERP registers it; the others copy its row, each with a customer and mandate of
# its own at the sandbox (made through the sandbox's API: the sandbox keeps them in memory only).
api -X POST "$URL/api/v1/customers/D-0/mandates" -o "$OUT/data/template.json" \
  -d '{"iban":"NL91 ABNA 0417 1643 00","accountHolder":"Klant 0","signatureDate":"2026-11-01","mandateReference":"D-0-1","collectionDay":15}' \
  || die "the first mandate was refused"
python3 - "$N" "$URL/mollie-sandbox/v2" "$KEY_MOLLIE" "$OUT/data/mandates.csv" <<'PY' || die "the sandbox's customers could not be made"
import json, sys, http.client, urllib.parse, concurrent.futures
n, base, key, path = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
u = urllib.parse.urlparse(base)
def make(part):
    c = http.client.HTTPConnection(u.hostname, u.port)
    rows = []
    for i in part:
        h = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}
        c.request("POST", u.path + "/customers", json.dumps({"name": f"Klant {i}"}), h); cst = json.loads(c.getresponse().read())["id"]
        c.request("POST", f"{u.path}/customers/{cst}/mandates", json.dumps({"method": "directdebit", "consumerName": f"Klant {i}",
                  "consumerAccount": "NL91ABNA0417164300", "signatureDate": "2026-11-01", "mandateReference": f"D-{i}-1"}), h)
        rows.append(f"D-{i},{cst},{json.loads(c.getresponse().read())['id']}")
    return rows
with concurrent.futures.ThreadPoolExecutor(4) as pool:
    parts = [range(k, n, 4) for k in range(4)]
    rows = [r for part in pool.map(make, [[i for i in p if i > 0] for p in parts]) for r in part]
open(path, "w").write("\n".join(rows) + "\n")
PY
"${PSQL[@]}" <<SQL || die "copying the mandates failed"
CREATE TEMP TABLE bench_mandates (ref text, cst text, mdt text);
\copy bench_mandates FROM '$OUT/data/mandates.csv' WITH (FORMAT csv)
INSERT INTO "Mandates" ("OrganisationId", "CustomerId", "Source", "Status", "Reference", "IbanMasked", "AccountHolder", "SignatureDate",
  "Evidence", "MollieCustomerId", "MollieMandateId", "CreatedAtUtc")
SELECT t."OrganisationId", c."Id", t."Source", t."Status", b.ref || '-1', t."IbanMasked", c."Name", t."SignatureDate", t."Evidence", b.cst, b.mdt, t."CreatedAtUtc"
FROM bench_mandates b JOIN "Customers" c ON c."CustomerRef" = b.ref CROSS JOIN (SELECT * FROM "Mandates" ORDER BY "Id" LIMIT 1) t
WHERE c."OrganisationId" = t."OrganisationId";
UPDATE "Customers" SET "CollectionDay" = 15;
ANALYZE;
SQL
[ "$("${PSQL[@]}" -c 'SELECT count(*) FROM "Mandates"')" = "$N" ] || die "not every customer has a mandate"
DATE=$(api "$URL/api/v1/customers/D-0/direct-debit" | python3 -c "import json,sys; print(json.load(sys.stdin)['nextCollection']['date'])") || die "no next collection"
read -r PLAN_DAY SUBMIT_DAY < <(python3 - "$DATE" <<'PY'
import sys, datetime
d = datetime.date.fromisoformat(sys.argv[1]); today = datetime.date.today()
def closed(x): return x.weekday() >= 5 or (x.month, x.day) in [(1, 1), (5, 1), (12, 25), (12, 26)]
s = d - datetime.timedelta(days=1)
while closed(s): s -= datetime.timedelta(days=1)
print((today + datetime.timedelta(days=1)).isoformat(), s.isoformat())
PY
)
echo "Collection date $DATE: planned on $PLAN_DAY, submitted on $SUBMIT_DAY"

( peak=0; while kill -0 "$PORTAL_PID" 2>/dev/null; do
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$PORTAL_PID/status" 2>/dev/null || echo 0)
    [ "${rss:-0}" -gt "$peak" ] && { peak=$rss; echo "$peak" >"$OUT/data/peak-kb"; }; sleep 0.1; done ) &
SAMPLER_PID=$!
stats() { "${PSQL[@]}" -c "SELECT (SELECT coalesce(sum(calls),0) FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat%'), (SELECT xact_commit FROM pg_stat_database WHERE datname = 'portal')"; }
reset() { "${PSQL[@]}" -c "CHECKPOINT" -c "SELECT pg_stat_statements_reset()" -c "SELECT pg_stat_reset()" >/dev/null; sleep 0.6; }
before() { local d; d=$(python3 -c "import datetime,sys; print(datetime.date.fromisoformat(sys.argv[1]) - datetime.timedelta(days=1))" "$1")
  curl -sf -X POST "$URL/dev/clock/move?to=$d" -o /dev/null --max-time 3600 || true; }
day() { # day <name> <date>: lets that day pass, timed; one result line
  before "$2"; reset; local t0 s0 x0 ms s x; read -r s0 x0 < <(stats | tr '|' ' '); t0=$(now_ms)
  curl -sf -X POST "$URL/dev/clock/move?to=$2" -o "$OUT/data/day-$1.json" --max-time 3600 || die "the $1 day failed (log: $LOGS/portal.log)"
  ms=$(( $(now_ms) - t0 )); sleep 1; read -r s x < <(stats | tr '|' ' ')
  printf '%-44s %8s ms  %9.0f/s  %6.1f statements  %5.2f transactions per collection\n' "$1 ($2)" "$ms" \
    "$(awk -v n="$N" -v ms="$ms" 'BEGIN { print n * 1000 / ms }')" "$(awk -v a="$s" -v b="$s0" -v n="$N" 'BEGIN { print (a - b) / n }')" \
    "$(awk -v a="$x" -v b="$x0" -v n="$N" 'BEGIN { print (a - b) / n }')" >>"$OUT/table.txt"
}
: >"$OUT/table.txt"
say "Portal's days"
day "plan and pre-notify" "$PLAN_DAY"
say "Baseline: a bare client creates $N recurring payments at the sandbox, one after the other"
BASE_MS=$(python3 - "$N" "$URL/mollie-sandbox/v2" "$KEY_MOLLIE" "$OUT/data/mandates.csv" <<'PY'
import json, sys, time, http.client, urllib.parse
n, base, key, path = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
u = urllib.parse.urlparse(base); c = http.client.HTTPConnection(u.hostname, u.port)
rows = [l.split(",") for l in open(path).read().split()]
rows = (rows * (n // max(1, len(rows)) + 1))[:n]
t0 = time.monotonic()
for i, (ref, cst, mdt) in enumerate(rows):
    h = {"Authorization": "Bearer " + key, "Content-Type": "application/json", "Idempotency-Key": f"bench-{i}"}
    c.request("POST", u.path + "/payments", json.dumps({"amount": {"currency": "EUR", "value": "40.00"}, "description": f"Baseline {i}",
              "sequenceType": "recurring", "customerId": cst, "mandateId": mdt}), h)
    r = c.getresponse(); r.read()
    if r.status != 201: sys.exit(f"the sandbox answered {r.status}")
print(int((time.monotonic() - t0) * 1000))
PY
) || die "the baseline failed"
printf '%-44s %8s ms  %9.0f/s\n' "baseline: $N bare recurring payments" "$BASE_MS" "$(awk -v n="$N" -v ms="$BASE_MS" 'BEGIN { print n * 1000 / ms }')" >>"$OUT/table.txt"
day "submit to the sandbox" "$SUBMIT_DAY"
day "the bank's answers (webhooks)" "$DATE"

PAID=$("${PSQL[@]}" -c "SELECT count(*) FROM \"Collections\" WHERE \"Status\" = 'Paid'")
DEBITS=$(curl -sf "$URL/mollie-sandbox/__control/payments" | python3 -c "import json,sys; print(sum(1 for p in json.load(sys.stdin) if p['description'].startswith('Factuur')))")
echo
cat "$OUT/table.txt"
printf '%-44s %s\n' "submit day's rate against the bare client" \
  "$(awk -v f="$(sed -n 's/.*submit to the sandbox.* \([0-9]*\) ms.*/\1/p' "$OUT/table.txt")" -v b="$BASE_MS" 'BEGIN { printf "%.1f %%", 100 * b / f }')"
printf '%-44s %s\n' "collections paid / debits at the sandbox" "$PAID / $DEBITS (of $N)"
printf '%-44s %s MB\n' "Portal's peak memory during the days" "$(( $(cat "$OUT/data/peak-kb" 2>/dev/null || echo 0) / 1024 ))"
grep -cE '^(fail|crit):' "$LOGS/portal.log" | xargs printf '%-44s %s\n' "fail/crit lines in Portal's log"
