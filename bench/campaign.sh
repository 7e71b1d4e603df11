#!/usr/bin/env bash
# The campaign scenario of issue 17 (README, Benchmark): starts Payara Micro with target/leadsync.war on its
# built-in H2 and its sandbox with the vendors' default limits ON (Marketo 100 calls / 20 s, 10 concurrent;
# Dataverse 6,000 requests / 5 min, 52 concurrent), then runs bench/FlowActionCampaign.java twice: a burst of
# BENCH_N persons (default 10000) from BENCH_CALLERS (20) callers, and the same with Dynamics down for the
# first BENCH_OUTAGE_S seconds (120). One JSON line per run on stdout. BENCH_PORT (default 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/leadsync.war ] || mvn -B -q -DskipTests package >&2
port=${BENCH_PORT:-8080}
n=${BENCH_N:-10000}
callers=${BENCH_CALLERS:-20}
outage=${BENCH_OUTAGE_S:-120}
props=$(mktemp)
cat > "$props" <<PROPS
leadsync.admin.password=bench-admin
leadsync.webhook.api-key=bench-key
leadsync.sandbox.demo-data=false
PROPS
run() {
  rm -rf "target/bench-campaign-root-$1"   # a fresh server root: a fresh H2 database
  java -Xmx768m -jar target/payara-micro.jar --deploy target/leadsync.war --contextroot / --port "$port" --nocluster \
    --rootdir "target/bench-campaign-root-$1" --systemproperties "$props" > "target/bench-campaign-$1.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 180); do
    curl -sf "http://127.0.0.1:$port/health/ready" > /dev/null && break
    sleep 1
  done
  java bench/FlowActionCampaign.java "http://127.0.0.1:$port" bench-key bench-admin "$n" "$callers" "$2" || true
  kill "$pid"; wait "$pid" || true
}
run burst 0
run outage "$outage"
rm -f "$props"
