#!/usr/bin/env bash
# End-to-end: build the SPA once, serve it with the real API on a fresh, migrated, seeded
# SQLite database (in a temporary directory, on a free port), run the browser tests against
# that one origin, and always stop the server and remove the directory.
#
#   scripts/e2e.sh                 # everything
#   scripts/e2e.sh applications    # only e2e files whose name matches (vitest filter)
#
# Needs `make install` (uv and npm dependencies) and Debian's chromium (CHROMIUM_PATH), which
# it installs with apt when it is missing and we may (Playwright's own browser download is not
# used: it needs the internet).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Chromium at $CHROMIUM (apt-get install chromium, or set CHROMIUM_PATH)" >&2
    exit 1
  fi
fi

# The virtualenv's own entry point (not `uv run`), so the server's PID is the server's.
MASTERYHUB=("$ROOT/.venv/bin/masteryhub")
[ -x "${MASTERYHUB[0]}" ] || MASTERYHUB=(python3 -m uv run --frozen masteryhub)

TMP=$(mktemp -d "${TMPDIR:-/tmp}/masteryhub-e2e.XXXXXX")
SERVER_PID=
cleanup() {
  status=$?
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -s "$TMP/server.log" ]; then
    echo "---- API log (last 60 lines) ----" >&2
    tail -n 60 "$TMP/server.log" >&2
  fi
  # The failures again, last, so a log cut to its tail still says which test failed and why.
  if [ "$status" -ne 0 ] && [ -s "$TMP/vitest.log" ]; then
    echo "---- Browser tests that failed ----" >&2
    sed -n '/Failed Tests/,$p' "$TMP/vitest.log" | sed 's/\x1b\[[0-9;]*m//g' | head -n 200 >&2
  fi
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT=${E2E_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')}
BASE_URL="http://127.0.0.1:$PORT"

export MASTERYHUB_ENV=development            # the mail dispatcher runs inside the server
export MASTERYHUB_DATABASE_URL="sqlite+aiosqlite:///$TMP/masteryhub.sqlite3"
export MASTERYHUB_SECRET_KEY="e2e:$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')"
export MASTERYHUB_SPA_DIR="$ROOT/frontend/dist"
export MASTERYHUB_BASE_URL="$BASE_URL"       # links in emails point at this SPA
export MASTERYHUB_MAIL_DIR="$TMP/mail"       # no SMTP host: emails are .eml files here
export MASTERYHUB_MAIL_POLL_SECONDS=0.5
export MASTERYHUB_IMPORT_DIR="$TMP/imports"
unset MASTERYHUB_REDIS_URL                 # in-memory rate limits

echo "==> Building the SPA"
(cd frontend && npm run build --silent >/dev/null)

echo "==> Fresh database in $TMP"
"${MASTERYHUB[@]}" migrate >/dev/null
"${MASTERYHUB[@]}" seed-demo >/dev/null

echo "==> API and SPA on $BASE_URL"
"${MASTERYHUB[@]}" serve --host 127.0.0.1 --port "$PORT" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  if curl -fsS "$BASE_URL/readyz" >/dev/null 2>&1; then break; fi
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "The API exited while starting" >&2; exit 1; }
  sleep 0.25
done
curl -fsS "$BASE_URL/readyz" >/dev/null

echo "==> Browser tests"
cd frontend
E2E_BASE_URL="$BASE_URL" MASTERYHUB_API_URL="$BASE_URL" E2E_MAIL_DIR="$MASTERYHUB_MAIL_DIR" \
  ./node_modules/.bin/vitest run --config e2e/vitest.config.ts "$@" 2>&1 | tee "$TMP/vitest.log"
