#!/usr/bin/env bash
# Passerelle against Postfix on the SMTP relay benchmark of ../shared/bench, in the same run,
# alternating, for the three cases of the SMTP connector issue. Needs root, a built server
# (./passerelle build), PostgreSQL on 127.0.0.1:5432 and Debian's slapd and postfix.
#
#   integration-tests/benchmark.sh [ROUNDS]      (default 3)
#
# Passerelle runs on PostgreSQL and the private slapd with its smart host at the harness's sink;
# the billing sample application (127.0.0.1) is the sender, so both relays see the same traffic.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
bench=${PSL_BENCH_DIR:-$here/../../shared/bench}
rounds=${1:-3}
work=/var/tmp/passerelle-bench
sender=billing@managed.test

[ -x "$bench/smtp-relay-bench" ] || { echo "benchmark.sh: no harness in $bench (set PSL_BENCH_DIR)" >&2; exit 2; }
mkdir -p "$work"

"$here/../ldap-schema/slapd.sh" start --dir "$work/slapd" --port 10389 > /dev/null
"$here/fresh-server.sh" "$work/server" passerelle_bench
PSL_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/passerelle_bench PSL_SMTP_BIND_ADDRESS=127.0.0.1 \
PSL_SMART_HOST='[127.0.0.1]:2526' PSL_HOSTNAME=bench.passerelle.test PSL_LOG_LEVEL=WARN \
JBOSS_PIDFILE="$work/server.pid" LAUNCH_JBOSS_IN_BACKGROUND=true \
  "$here/../ear/target/server/bin/standalone.sh" -Djboss.server.base.dir="$work/server" > "$work/console.log" 2>&1 &
trap '"$bench/postfix-anchor" --port 2625 stop > /dev/null 2>&1 || true; kill "$(cat "$work/server.pid")" 2> /dev/null || true; "$here/../ldap-schema/slapd.sh" stop --dir "$work/slapd"' EXIT
for _ in $(seq 1 120); do
  grep -q 'WFLYSRV0025' "$work/console.log" 2> /dev/null && break
  grep -q 'WFLYSRV0026' "$work/console.log" 2> /dev/null && { echo "benchmark.sh: the server started with errors" >&2; exit 1; }
  sleep 1
done
"$bench/postfix-anchor" --port 2625 --sink-port 2526 start > /dev/null

run() { # name, relay port, cpu pid, harness arguments...
  local name=$1 port=$2 pid=$3
  shift 3
  echo "$name $* -> $("$bench/smtp-relay-bench" "$@" -f "$sender" --sink-port 2526 --cpu-pid "$pid" --wait-quiet 30 "127.0.0.1:$port" | tail -n 1)"
}

for case_args in "-m 20000 -s 20 -l 4096" "-m 5000 -s 10 -l 102400" "-m 20000 -s 1 -l 4096"; do
  for round in $(seq 1 "$rounds"); do
    "$bench/postfix-anchor" --port 2625 clear > /dev/null
    # shellcheck disable=SC2086
    run "postfix    round $round" 2625 "$("$bench/postfix-anchor" --port 2625 pid)" $case_args
    # shellcheck disable=SC2086
    run "passerelle round $round" 2525 "$(cat "$work/server.pid")" $case_args --warmup 2000
  done
done
