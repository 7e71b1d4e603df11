#!/usr/bin/env bash
# Browser check of the ops console, by hand (not part of `mvn verify`: CI may have no Chromium).
# Starts the app with `mvn -B -Prun package` on port 8080 (sandbox, fresh data dir), signs in through the console's
# form in a headless Chromium, looks up a person, provokes a field-setup validation message, and saves a screenshot.
#
#   tools/console-screenshot.sh [OUT.png]        (default target/console.png)
#
# Needs Chromium (Debian: apt-get install -y chromium) and JDK 17 (the driver is tools/ConsoleScreenshot.java).
# Stops only what it started.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${1:-target/console.png}
APP_PORT=8080
DEVTOOLS_PORT=${DEVTOOLS_PORT:-9229}
CHROMIUM=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$CHROMIUM" ] || { echo "Chromium not found (apt-get install -y chromium)" >&2; exit 2; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$APP_PORT" "$DEVTOOLS_PORT"; do
  if port_busy "$port"; then echo "port $port is in use: stop what listens there first" >&2; exit 2; fi
done

WORK=$(mktemp -d)
export LEADSYNC_ADMIN_PASSWORD=${LEADSYNC_ADMIN_PASSWORD:-screenshot-$RANDOM$RANDOM}
# A first cycle soon after start, so the seeded persons are synced and the activity log has entries to show.
export LEADSYNC_SYNC_FIRST_DELAY=${LEADSYNC_SYNC_FIRST_DELAY:-PT5S}
APP_PID=""
BROWSER_PID=""
cleanup() {
  # Each was started in its own process group (setsid), so this stops Maven's Java child too, and nothing else.
  [ -n "$BROWSER_PID" ] && kill -- "-$BROWSER_PID" 2>/dev/null || true
  [ -n "$APP_PID" ] && kill -- "-$APP_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "starting the app (log: $WORK/app.log)"
setsid mvn -B -Prun package -Dleadsync.rootdir="$WORK/payara" >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$APP_PORT/health/ready" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$WORK/app.log" >&2; exit 1; }
  sleep 1
done
curl -fs "http://127.0.0.1:$APP_PORT/health/ready" >/dev/null || { echo "app not ready" >&2; tail -40 "$WORK/app.log" >&2; exit 1; }

# Some sandbox people, so the sync has persons to link and the activity log has entries.
curl -fs -X POST -H 'Content-Type: application/json' \
  -d '{"dynamicsLeads":5,"dynamicsContacts":3,"marketoPersons":6,"overlap":0.5}' \
  "http://127.0.0.1:$APP_PORT/sandbox/admin/seed" >/dev/null || echo "(sandbox seed failed; going on)" >&2
sleep "${SETTLE_SECONDS:-15}"

setsid "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --no-default-browser-check --user-data-dir="$WORK/chromium" \
  --remote-debugging-address=127.0.0.1 --remote-debugging-port="$DEVTOOLS_PORT" about:blank >"$WORK/chromium.log" 2>&1 &
BROWSER_PID=$!
for _ in $(seq 1 30); do
  curl -fs "http://127.0.0.1:$DEVTOOLS_PORT/json/version" >/dev/null 2>&1 && break
  sleep 0.5
done

mkdir -p "$(dirname "$OUT")"
java tools/ConsoleScreenshot.java "$DEVTOOLS_PORT" "http://127.0.0.1:$APP_PORT/" admin "$LEADSYNC_ADMIN_PASSWORD" "$OUT" \
  "${PERSON_ID:-1}"
