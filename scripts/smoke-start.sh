#!/usr/bin/env bash
# Boots the embedded default as a newcomer would (`npm start`, no DATABASE_URL), checks /api/health and a demo
# login, then stops it with Ctrl-C (SIGINT) and checks that it closed cleanly. Prints `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
check() { # name, command...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "  ok    $name"; else failed=$((failed + 1)); echo "  FAIL  $name"; fi
}

data_dir=$(mktemp -d)
chmod 755 "$data_dir"
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
log="$data_dir/start.log"

start() {
  env -u DATABASE_URL DATA_DIR="$data_dir" PORT="$port" setsid npm start >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 1
  done
  return 1
}

stop() { # SIGINT to the whole group, as Ctrl-C in a terminal does
  kill -INT -- "-$pid" 2>/dev/null
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || return 0; sleep 1; done
  kill -KILL -- "-$pid" 2>/dev/null
  return 1
}

login() {
  curl -fs -c "$data_dir/cookies" -H 'content-type: application/json' \
    -d '{"email":"focal@fao.example","password":"concert-demo"}' "http://127.0.0.1:$port/api/auth/login" | grep -q '"code":"FAO"' &&
  curl -fs -b "$data_dir/cookies" "http://127.0.0.1:$port/api/commitments?limit=200" | grep -q '"reference":"BPoA-7"'
}

agency_total() {
  curl -fs -b "$data_dir/cookies" "http://127.0.0.1:$port/api/agencies?limit=1" | node -e 'console.log(JSON.parse(require("fs").readFileSync(0)).total)'
}
export -f agency_total
export data_dir port

echo "Smoke: npm start with no DATABASE_URL (embedded PostgreSQL in $data_dir)"
check "first start serves /api/health" start
check "the start prints the URL and the demo logins" grep -q "focal@fao.example" "$log"
check "the start prints no route table at info" bash -c "! grep -q 'Mapped {' '$log'"
check "the start prints no stack trace" bash -c "! grep -qE '^ +at ' '$log'"
check "a demo focal point logs in and reads the Brussels Programme" login
first_total=$(agency_total)
check "Ctrl-C closes the server and the database" stop
no_postgres_left() { ! pgrep -f "$data_dir/postgres" >/dev/null; }
check "no PostgreSQL is left running on the data folder" no_postgres_left
check "a second start serves again" start
check "the second start did not load the demo data again" bash -c "! grep -q 'Loaded the demo data' '$log'"
check "the data is the same after the restart" bash -c "[ \"\$(agency_total)\" = '$first_total' ]"
check "demo login still works after the restart" login
check "Ctrl-C closes it again" stop

if [ "$failed" -gt 0 ]; then echo "--- start log ---"; cat "$log"; fi
rm -rf "$data_dir"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
