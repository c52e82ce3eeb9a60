#!/usr/bin/env bash
# The message bench (issue 11): N pay-link e-mails from one POST /api/v1/messages/batch, through Portal's outbox and
# its delivery job to a local SMTP server — messages per second and Portal's peak memory — beside the rate of the same
# SMTP server fed by a bare MailKit loop, in the same run. Portal runs in Release with Production settings on SQLite.
#
#   bench/messages.sh                     10,000 messages
#   BENCH_MESSAGES=1000 bench/messages.sh  fewer, to try it
#
# Needs the .NET 10 SDK, curl and python3. Prints one table and exits 0; it measures, it has no goal to fail.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
N=${BENCH_MESSAGES:-10000}
OUT=${BENCH_OUT:-$ROOT/bench/out}/messages
LOGS=$OUT/logs
say() { printf '\n==> %s\n' "$*"; }
die() { echo "FAIL: $*" >&2; exit 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
port_from() { local p; for p in $(seq "$1" $(( $1 + 200 ))); do (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; die "no free port from $1"; }
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT
rm -rf "$OUT" && mkdir -p "$LOGS" "$OUT/data"

say "Building Portal.Web and the mail bench in Release"
dotnet publish Portal.Web/Portal.Web.csproj -c Release -o "$OUT/portal" -nologo -v quiet >"$LOGS/build.log" 2>&1 || { tail -n 20 "$LOGS/build.log"; die "the build of Portal.Web failed"; }
dotnet publish bench/MailBench/MailBench.csproj -c Release -o "$OUT/mail" -nologo -v quiet >>"$LOGS/build.log" 2>&1 || { tail -n 20 "$LOGS/build.log"; die "the build of the mail bench failed"; }

# sink <name>: a fresh SMTP server on a free port; sets SINK_PORT, SINK_PID and SINK_COUNT (a file holding what it received).
sink() {
  SINK_PORT=$(port_from 2600); SINK_COUNT=$OUT/data/$1.count
  dotnet "$OUT/mail/Portal.Bench.Mail.dll" sink "$SINK_PORT" "$SINK_COUNT" >"$LOGS/sink-$1.log" 2>&1 &
  SINK_PID=$!; PIDS+=("$SINK_PID")
  for _ in $(seq 1 200); do [ -f "$SINK_COUNT" ] && return; sleep 0.05; done
  die "the SMTP server did not start (log: $LOGS/sink-$1.log)"
}
received() { cat "$SINK_COUNT" 2>/dev/null || echo 0; }

say "Baseline: a bare MailKit loop sends $N messages to the SMTP server"
sink raw
RAW_MS=$(dotnet "$OUT/mail/Portal.Bench.Mail.dll" raw "$SINK_PORT" "$N") || die "the MailKit loop failed"
sleep 0.2
[ "$(received)" = "$N" ] || die "the SMTP server received $(received) of the loop's $N messages"
kill "$SINK_PID"

say "Portal: $N customers, then one batch call of $N pay-link messages, sent by the outbox job"
sink portal
PORTAL_PORT=$(port_from 5280); URL=http://127.0.0.1:$PORTAL_PORT
SETTINGS=(ASPNETCORE_ENVIRONMENT=Production "ConnectionStrings__Portal=Data Source=$OUT/data/portal.db" "Portal__PublicBaseUrl=$URL"
  Portal__Payments__Provider=Mollie Portal__Payments__Mollie__ApiKey=test_portalbenchnotused Portal__RateLimits__Enabled=false
  Portal__Email__Smtp__Host=127.0.0.1 "Portal__Email__Smtp__Port=$SINK_PORT" Portal__Email__Smtp__Security=none
  Portal__Email__From=betalen@bench.test Portal__Jobs__DeliverMessagesEvery=00:00:01)
created=$(env -C "$OUT/portal" "${SETTINGS[@]}" dotnet Portal.Web.dll organisations create --name "Waterbedrijf Bench" \
  --iban "NL91 ABNA 0417 1643 00" --account-holder "Waterbedrijf Bench B.V." --phone "050 123 45 67" --languages nl,en 2>>"$LOGS/admin.log") \
  || die "organisations create failed (log: $LOGS/admin.log)"
KEY=$(sed -n 's/^API key: //p' <<<"$created")
env -C "$OUT/portal" "${SETTINGS[@]}" dotnet Portal.Web.dll --urls "$URL" >"$LOGS/portal.log" 2>&1 &
PORTAL_PID=$!; PIDS+=("$PORTAL_PID")
for _ in $(seq 1 600); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/health/live")" = 200 ] && break; sleep 0.05; done
python3 - "$N" "$OUT/data" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
customers = [{"customerRef": f"B-{i}", "name": f"Klant {i}", "email": f"klant{i}@example.org", "language": "nl"} for i in range(n)]
invoices = [{"invoiceNumber": f"F-{i}", "customerRef": f"B-{i}", "issueDate": "2026-11-20", "dueDate": "2026-12-20", "currency": "EUR",
             "totalAmount": 125.5, "lines": [{"description": "Water", "amount": 125.5}]} for i in range(n)]
json.dump({"customers": customers, "invoices": invoices}, open(f"{out}/load.json", "w"))
json.dump({"items": [{"customerRef": f"B-{i}", "kind": "pay-link", "channel": "email"} for i in range(n)]}, open(f"{out}/batch.json", "w"))
PY
curl -sf -o "$OUT/data/load-answer.json" -X POST "$URL/api/v1/invoices/batch" -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" \
  --data-binary "@$OUT/data/load.json" || die "loading the customers failed"

T0=$(now_ms)
curl -sf -o "$OUT/data/batch-answer.json" -X POST "$URL/api/v1/messages/batch" -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" \
  --data-binary "@$OUT/data/batch.json" || die "the batch call failed (log: $LOGS/portal.log)"
BATCH_MS=$(( $(now_ms) - T0 ))
QUEUED=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['queued'])" "$OUT/data/batch-answer.json")
[ "$QUEUED" = "$N" ] || die "the batch queued $QUEUED of $N messages (answer: $OUT/data/batch-answer.json)"
while [ "$(received)" -lt "$N" ]; do
  kill -0 "$PORTAL_PID" 2>/dev/null || die "Portal stopped (log: $LOGS/portal.log)"
  [ $(( $(now_ms) - T0 )) -lt 1800000 ] || die "after 30 minutes the SMTP server had $(received) of $N messages"
  sleep 0.1
done
PORTAL_MS=$(( $(now_ms) - T0 ))
HWM_MB=$(( $(awk '/^VmHWM:/ { print $2 }' "/proc/$PORTAL_PID/status") / 1024 ))

rate() { awk -v n="$N" -v ms="$1" 'BEGIN { printf "%.0f", n * 1000 / ms }'; }
echo
printf '%-62s %s\n' "Bare MailKit loop to the SMTP server ($N messages)" "$(rate "$RAW_MS") messages/s ($RAW_MS ms)"
printf '%-62s %s\n' "Portal: batch call, outbox, delivery job, same server" "$(rate "$PORTAL_MS") messages/s ($PORTAL_MS ms; the batch call $BATCH_MS ms)"
printf '%-62s %s\n' "Portal's share of the bare loop's rate" "$(awk -v a="$RAW_MS" -v b="$PORTAL_MS" 'BEGIN { printf "%.1f %%", 100 * a / b }')"
printf '%-62s %s\n' "Portal's peak memory (VmHWM)" "$HWM_MB MB"
grep -cE '^(fail|crit):' "$LOGS/portal.log" | xargs printf '%-62s %s\n' "fail/crit lines in Portal's log"
