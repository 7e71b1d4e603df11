#!/usr/bin/env bash
# LeadSync benchmark (README, Benchmark). Builds the WAR (tests skipped), then bench/Bench.java (with
# bench/Kit.java, which the reliability suite shares) starts Payara Micro on PostgreSQL with -Xmx512m and
# sandbox limits off, seeds the sandbox and prints one JSON line per scenario on stdout (progress goes to
# stderr). Settings: BENCH_N, BENCH_PORT, BENCH_DB,
# BENCH_PG_URL, BENCH_PG_USER, BENCH_TIMEOUT_MIN (see bench/Bench.java).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${BENCH_SKIP_BUILD:-}" != "true" ]; then
  mvn -B -q -DskipTests package >&2
fi
# Bench.java and the kit it shares with the reliability suite (bench/Kit.java), compiled apart from Maven's output
classes=target/bench/classes
rm -rf "$classes" && mkdir -p "$classes"
javac -nowarn -d "$classes" bench/Kit.java bench/Bench.java
# the whole run is bounded: Bench stops itself at BENCH_TIMEOUT_MIN; this is the backstop
limit=$(( ${BENCH_TIMEOUT_MIN:-30} + 5 ))m
exec timeout --kill-after=60s "$limit" java -cp "$classes:target/postgresql.jar" Bench "$@"
