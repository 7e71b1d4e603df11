#!/usr/bin/env bash
# LeadSync reliability suite (README, Reliability suite): proves that no update is lost in production shape.
# Builds the WAR (tests skipped; REL_SKIP_BUILD=true uses the one in target/), then reliability/Reliability.java
# (with bench/Kit.java) starts the vendors' sandbox in a JVM of its own (leadsync.sandbox-only=true, H2) and
# LeadSync in one or two more on PostgreSQL (127.0.0.1:5432, user postgres, database leadsync_reliability,
# recreated), and runs the scenarios kill-9, two-instances and fault-storm. One JSON line per scenario on
# stdout (also in target/reliability/results.jsonl), progress on stderr (and target/reliability/run.log),
# Payara's logs in target/reliability/*.log. Exit 0 when every scenario passed, 1 when one did not, 2 when
# the suite itself failed. Settings: see reliability/Reliability.java (REL_LEADS, REL_KILLS, REL_TIMEOUT_MIN...).
set -euo pipefail
cd "$(dirname "$0")/.."
work=target/reliability
mkdir -p "$work"
pids="$work/pids"
: > "$pids"

# Ends every process this run started (listed by the suite as "pid rootdir"), even when the suite itself was
# killed: a pid is ended only while its command line still names that root directory.
cleanup() {
  local pid root
  while read -r pid root; do
    [ -n "${pid:-}" ] || continue
    if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$root"; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 40); do
        [ -d "/proc/$pid" ] || break
        sleep 0.5
      done
      [ -d "/proc/$pid" ] && kill -KILL "$pid" 2>/dev/null || true
      echo "[reliability] ended leftover process $pid ($root)" >&2
    fi
  done < "$pids"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "${REL_SKIP_BUILD:-}" != "true" ]; then
  mvn -B -q package -DskipTests >&2
fi
# the suite runs its own copy of the WAR, so a build started meanwhile cannot swap it under a restart
cp target/leadsync.war "$work/leadsync.war"
export REL_WAR="$work/leadsync.war"
export REL_PID_FILE="$pids"

classes="$work/classes"
rm -rf "$classes" && mkdir -p "$classes"
javac -nowarn -d "$classes" -cp target/postgresql.jar bench/Kit.java reliability/*.java

# bounded: the suite stops itself at REL_TIMEOUT_MIN; timeout is the backstop, the trap cleans up after both
limit=$(( ${REL_TIMEOUT_MIN:-40} + 3 ))m
set +e
timeout --kill-after=30s "$limit" java -Xmx256m -cp "$classes:target/postgresql.jar" Reliability \
  2> >(tee "$work/run.log" >&2) | tee "$work/results.jsonl"
rc=${PIPESTATUS[0]}
set -e
exit "$rc"
