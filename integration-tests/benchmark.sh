#!/usr/bin/env bash
# Passerelle's benchmarks. Needs root, a built server (./passerelle build), PostgreSQL on
# 127.0.0.1:5432, Debian's slapd and postfix, and ../shared/bench.
#
#   integration-tests/benchmark.sh [relay] [ROUNDS] [CASE...]
#                                                    Passerelle against Postfix, in the same run, alternating,
#                                                    for the three cases of the SMTP connector issue (3 rounds;
#                                                    cases 1 2 3 unless some are named)
#   integration-tests/benchmark.sh latency [ROUNDS] [NAME=VALUE...]
#                                                    one session, one connection per message: the time from
#                                                    connecting to the 250 after DATA (p50, p90, p99), Passerelle
#                                                    and Postfix alternating (3 rounds of 2,000 messages); the
#                                                    server started with these environment variables besides
#                                                    (JBOSS_JAVA_SIZING="-Xms512m -Xmx512m ...": the JVM's)
#   integration-tests/benchmark.sh steps [ROUNDS] [NAME=VALUE...]
#                                                    as latency, each SMTP command timed (connect to greeting, EHLO,
#                                                    MAIL, RCPT, DATA, content to 250): where the time goes
#   integration-tests/benchmark.sh checks [ROUNDS]   as latency, from an unregistered client to a managed domain's
#                                                    person: greylisting and the rate checks on, then off
#   integration-tests/benchmark.sh content [ROUNDS] [MESSAGES] [VARIANTS...]
#                                                    the content checks (private clamd and spamd) on every message of
#                                                    the billing application: on (virus, attachments, spam), virus
#                                                    (virus and attachments: application mail's default), off;
#                                                    delivered/s (5,000 messages) and latency (a fifth as many)
#   integration-tests/benchmark.sh deferred [N]      N messages (100000) to a next hop that is down: the
#                                                    acceptance rate as the queue grows, the queue listing,
#                                                    then the next hop back and every message retried
#   integration-tests/benchmark.sh acceptance        the acceptance paths measured inside the server
#                                                    (AcceptancePathsBenchmark): messages made durable per second
#   integration-tests/benchmark.sh cluster [MESSAGES] delivered/s through haproxy with one node, then two
#                                                    (cluster/cluster.sh; 20,000 messages of 4 KiB over 20 sessions
#                                                    after a whole load to warm up), then the takeover: one node's JVM
#                                                    killed (SIGKILL) halfway through a load, the time until the
#                                                    survivor has delivered all that was accepted, and duplicates
#
# relay, latency and steps first warm Passerelle's JVM up until its JIT has about finished (warm_up).
# Passerelle runs on PostgreSQL and the private slapd; the billing sample application (127.0.0.1)
# is the sender, so both relays see the same traffic. Its rate limit (1,000,000 messages per hour) is
# checked but never reached; its connections are counted but raise no alert (docs/rates.md).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
bench=${PSL_BENCH_DIR:-$here/../../shared/bench}
work=/var/tmp/passerelle-bench
sender=billing@managed.test
mode=relay
if [ "${1:-}" = relay ] || [ "${1:-}" = latency ] || [ "${1:-}" = steps ] || [ "${1:-}" = checks ] || [ "${1:-}" = content ] || [ "${1:-}" = deferred ] || [ "${1:-}" = acceptance ] || [ "${1:-}" = cluster ]; then
  mode=$1
  shift
fi

[ -x "$bench/smtp-relay-bench" ] || { echo "benchmark.sh: no harness in $bench (set PSL_BENCH_DIR)" >&2; exit 2; }
mkdir -p "$work"

if [ "$mode" = acceptance ]; then
  cd "$here/.."
  rm -rf integration-tests/target/failsafe-reports
  mvn -B -ntp -q verify -pl integration-tests -Pacceptance-bench > "$work/acceptance.log" 2>&1 ||
    { tail -n 40 "$work/acceptance.log" >&2; exit 1; }
  cat integration-tests/target/container-server/acceptance-paths.txt
  exit 0
fi

# start_passerelle SMART_HOST [NAME=VALUE...]: the server on the private slapd and its own database,
# with these settings besides
start_passerelle() {
  local smart_host=$1
  shift
  "$here/../ldap-schema/slapd.sh" start --dir "$work/slapd" --port 10389 > /dev/null
  "$here/fresh-server.sh" "$work/server" passerelle_bench
  # content checks off unless a case asks for them (the checks case starts its own scanners)
  env PSL_CONTENT_VIRUS_FLOWS=none PSL_CONTENT_SPAM_FLOWS=none PSL_CONTENT_ATTACHMENT_FLOWS=none "$@" PSL_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/passerelle_bench PSL_SMTP_BIND_ADDRESS=127.0.0.1 \
  PSL_SMART_HOST="$smart_host" PSL_HOSTNAME=bench.passerelle.test PSL_LOG_LEVEL=WARN \
  PSL_RATE_APPLICATION_ALERT_PER_HOUR=0 \
  JBOSS_PIDFILE="$work/server.pid" LAUNCH_JBOSS_IN_BACKGROUND=true \
    "$here/../ear/target/server/bin/standalone.sh" -Djboss.server.base.dir="$work/server" > "$work/console.log" 2>&1 &
  trap 'stop_all' EXIT
  for _ in $(seq 1 120); do
    grep -q 'WFLYSRV0025' "$work/console.log" 2> /dev/null && { started=$SECONDS; return 0; }
    grep -q 'WFLYSRV0026' "$work/console.log" 2> /dev/null && { echo "benchmark.sh: the server started with errors" >&2; exit 1; }
    sleep 1
  done
}

stop_all() {
  [ -d "$work/scanners" ] && "$here/../scanners/scanners.sh" stop --dir "$work/scanners" || true
  "$bench/postfix-anchor" --port 2625 stop > /dev/null 2>&1 || true
  [ -n "${sink_pid:-}" ] && kill "$sink_pid" 2> /dev/null || true
  kill "$(cat "$work/server.pid")" 2> /dev/null || true
  "$here/../ldap-schema/slapd.sh" stop --dir "$work/slapd"
}

# the REST API as operations (oscar, of the sample directory), over the server's self-signed HTTPS
api() {
  curl -sk -u oscar:password -H 'X-Requested-By: benchmark.sh' "$@"
}

sql() {
  PGPASSWORD=passerelle psql -qtA -h 127.0.0.1 -U passerelle -d passerelle_bench -c "$1"
}

# warm_up COMMAND...: runs the load COMMAND against Passerelle until its JIT has about finished
# compiling what the load uses: until the compilations during one load (jstat) took less than a
# twentieth of its time, and not before the server has been up for 150 s; forty loads at most. The
# server's JVM compiles for minutes after it starts (with 2,000-message loads: 8 s of compilation in
# each of the first loads, a third of the JVM's CPU); a server in service has long finished, and
# that is what the rounds measure. The 150 s: every scheduled job has run once by then (the
# incident monitors first run 60 to 120 s after the start), and a job's first run loads classes
# that have the JIT compile the session's code again (docs/performance.md, "The slow latency rounds").
warm_up() {
  local pid before after start elapsed
  pid=$(cat "$work/server.pid")
  compiling() { jstat -compiler "$pid" | awk 'NR == 2 {print $1, int($4 * 1000)}'; }
  for load in $(seq 1 40); do
    read -r -a before <<< "$(compiling)"
    start=$(date +%s%N)
    "$@" > /dev/null
    elapsed=$((($(date +%s%N) - start) / 1000000))
    read -r -a after <<< "$(compiling)"
    echo "warm-up load $load: $((after[0] - before[0])) methods compiled in $((after[1] - before[1])) ms of $elapsed ms" \
      "($(jstat -class "$pid" | awk 'NR == 2 {print $1}') classes loaded, up $((SECONDS - started)) s)" >&2
    [ $((after[1] - before[1])) -lt $((elapsed / 20)) ] && [ $((SECONDS - started)) -ge 150 ] && break
  done
  return 0
}

relay() {
  local rounds=${1:-3} all=("-m 20000 -s 20 -l 4096" "-m 5000 -s 10 -l 102400" "-m 20000 -s 1 -l 4096") cases=()
  shift || true
  for number in "${@:-1 2 3}"; do
    for n in $number; do cases+=("${all[$((n - 1))]}"); done
  done
  start_passerelle '[127.0.0.1]:2526'
  "$bench/postfix-anchor" --port 2625 --sink-port 2526 start > /dev/null
  run() { # name, relay port, cpu pid, harness arguments...
    local name=$1 port=$2 pid=$3
    shift 3
    # the figures, then the CPU seconds of the relay (its pid tree) and of the rest
    echo "$name $* -> $("$bench/smtp-relay-bench" "$@" -f "$sender" --sink-port 2526 --cpu-pid "$pid" --wait-quiet 30 "127.0.0.1:$port" | tail -n 2 | tac | tr '\n' ' ')"
  }
  warm_up "$bench/smtp-relay-bench" -m 10000 -s 20 -l 4096 -f "$sender" --sink-port 2526 --wait-quiet 30 127.0.0.1:2525
  for case_args in "${cases[@]}"; do
    for round in $(seq 1 "$rounds"); do
      "$bench/postfix-anchor" --port 2625 clear > /dev/null
      # shellcheck disable=SC2086
      run "postfix    round $round" 2625 "$("$bench/postfix-anchor" --port 2625 pid)" $case_args
      # shellcheck disable=SC2086
      run "passerelle round $round" 2525 "$(cat "$work/server.pid")" $case_args --warmup 2000
    done
  done
}

latency() {
  alternate acceptance-latency.py "$@"
}

steps() {
  alternate acceptance-steps.py "$@"
}

# alternate SCRIPT [ROUNDS] [NAME=VALUE...]: Postfix and Passerelle, one session each in turn, timed by SCRIPT
alternate() {
  local script=$1 rounds=${2:-3}
  shift 2 || shift
  start_passerelle '[127.0.0.1]:2526' "$@"
  "$bench/postfix-anchor" --port 2625 --sink-port 2526 start > /dev/null
  /usr/sbin/smtp-sink -u nobody 127.0.0.1:2526 1024 &
  sink_pid=$!
  warm_up "$here/acceptance-latency.py" 2525 2000
  for round in $(seq 1 "$rounds"); do
    "$bench/postfix-anchor" --port 2625 clear > /dev/null
    echo "postfix    round $round: $("$here/$script" 2625 2000 4096 "$sender")"
    echo "passerelle round $round: $("$here/$script" 2525 2000 4096 "$sender")"
  done
}

# What greylisting and the rate checks add to a message from the Internet: an unregistered client
# (127.0.20.1) sends to a person of a managed domain, one connection per message, first with both on
# (the triplet confirmed beforehand: it waits out a 1 s delay once), then with both off.
checks() {
  local rounds=${1:-3} from=news@sender.example to=dave@managed.test client=127.0.20.1
  for variant in on off; do
    if [ "$variant" = on ]; then
      # the rate checks run, with thresholds this one client stays under
      start_passerelle '[127.0.0.1]:2526' PSL_GREYLIST_DELAY_SECONDS=1 PSL_RATE_ALERT_PER_HOUR=100000 PSL_RATE_BLOCK_PER_HOUR=200000
      python3 -c "import smtplib; s = smtplib.SMTP('127.0.0.1', 2525, source_address=('$client', 0)); s.ehlo(); s.mail('$from'); print('first try:', s.rcpt('$to')); s.quit()"
      sleep 2
    else
      start_passerelle '[127.0.0.1]:2526' PSL_GREYLIST_ENABLED=false PSL_RATE_ALERT_PER_HOUR=0 PSL_RATE_BLOCK_PER_HOUR=0
    fi
    "$here/acceptance-latency.py" 2525 2000 4096 "$from" "$to" "$client" > /dev/null # the JVM warms up
    for round in $(seq 1 "$rounds"); do
      echo "checks $variant, round $round: $("$here/acceptance-latency.py" 2525 2000 4096 "$from" "$to" "$client")"
    done
    local pid
    pid=$(cat "$work/server.pid")
    stop_all
    while kill -0 "$pid" 2> /dev/null; do sleep 1; done
  done
}

# What the content checks add (docs/content-checks.md): the billing application's mail scanned by
# a private clamd (port 2310) and scored by a private spamd (port 2783), their flows set so that
# both run on it, then both off. Per variant: delivered/s (5,000 messages of 4 KiB over 10
# sessions, the harness's sink as next hop) and the acceptance latency (one connection per message: p50, p90, p99).
content() {
  local rounds=${1:-3} messages=${2:-5000} pid variants
  variants=("${@:3}")
  [ ${#variants[@]} -gt 0 ] || variants=(on virus off)
  for variant in "${variants[@]}"; do
    if [ "$variant" = on ] || [ "$variant" = virus ]; then
      "$here/../scanners/scanners.sh" start --dir "$work/scanners" --spamd-port 2783 --clamd-port 2310
      start_passerelle '[127.0.0.1]:2526' PSL_CONTENT_VIRUS_FLOWS=application PSL_CONTENT_ATTACHMENT_FLOWS=application \
        PSL_CONTENT_SPAM_FLOWS="$([ "$variant" = on ] && echo application || echo none)" PSL_CLAMD_PORT=2310 PSL_SPAMD_PORT=2783 \
        PSL_GREYLIST_ENABLED=false PSL_RATE_ALERT_PER_HOUR=0 PSL_RATE_BLOCK_PER_HOUR=0
    else
      start_passerelle '[127.0.0.1]:2526' PSL_GREYLIST_ENABLED=false PSL_RATE_ALERT_PER_HOUR=0 PSL_RATE_BLOCK_PER_HOUR=0
    fi
    # the harness is the next hop (2526) while it measures; between its runs, the latency's messages wait
    "$here/acceptance-latency.py" 2525 $((messages / 5)) 4096 "$sender" > /dev/null # the JVM warms up
    for round in $(seq 1 "$rounds"); do
      echo "content $variant, round $round: $("$bench/smtp-relay-bench" -m "$messages" -s 10 -l 4096 -f "$sender" --sink-port 2526 \
        --warmup 500 --wait-quiet 30 127.0.0.1:2525 | tail -n 2 | tac | tr '\n' ' ')"
      echo "content $variant, round $round, latency: $("$here/acceptance-latency.py" 2525 $((messages / 5)) 4096 "$sender")"
    done
    pid=$(cat "$work/server.pid")
    stop_all
    while kill -0 "$pid" 2> /dev/null; do sleep 1; done
  done
}

# The next hop (port 2527) refuses connections until every message is in; chunks of 10,000 show
# the acceptance rate as the deferred queue grows. The harness's own sink (2528) sees nothing.
deferred() {
  local total=${1:-100000} chunk=10000 accepted_before
  start_passerelle '[127.0.0.1]:2527'
  for i in $(seq 1 $((total / chunk))); do
    accepted_before=$(sql "select count(*) from message")
    line=$("$bench/smtp-relay-bench" -m "$chunk" -s 20 -l 4096 -f "$sender" --sink-port 2528 -T 1 127.0.0.1:2525 | tail -n 1 || true)
    echo "chunk $i: queue before $accepted_before -> ${line%% delivered*}, deferred now $(sql "select count(*) from message where state = 'DEFERRED'")"
  done
  echo "server heap with $(sql "select count(*) from message") queued: $(jcmd "$(cat "$work/server.pid")" GC.heap_info | grep -E 'total|Metaspace' | tr -s ' ' | tr '\n' ';')"
  echo "queue listing, 50 oldest deferred: $(api -o /dev/null -w '%{time_total}' 'https://127.0.0.1:8443/api/v1/queue?state=DEFERRED&limit=50') s"
  echo "queue listing, by recipient: $(api -o /dev/null -w '%{time_total}' 'https://127.0.0.1:8443/api/v1/queue?recipient=user@relay.test&limit=50') s"
  /usr/sbin/smtp-sink -u nobody 127.0.0.1:2527 1024 &
  sink_pid=$!
  local start=$SECONDS applied
  while applied=$(api -X POST 'https://127.0.0.1:8443/api/v1/queue/actions/retry?state=DEFERRED&limit=10000' | sed -n 's/.*"applied":\([0-9]*\).*/\1/p') && [ "${applied:-0}" -gt 0 ]; do
    echo "retry now: $applied messages at $((SECONDS - start)) s"
  done
  until [ "$(sql "select count(*) from message where state in ('QUEUED', 'DEFERRED')")" -eq 0 ] || [ $((SECONDS - start)) -gt $((600 + total / 50)) ]; do
    sleep 5
  done
  echo "after the next hop came back: $(sql "select count(*) from message where state = 'DELIVERED'") delivered, $(sql "select count(*) from message where state not in ('DELIVERED')") not, in $((SECONDS - start)) s"
}

# Several nodes (docs/cluster.md): cluster/cluster.sh runs the slapd pair, the broker, the nodes and
# haproxy, on its ports (haproxy on 2525) with its state under $work/cluster and a database of its
# own, created afresh for each number of nodes; the harness's sink (2526) is the smart host.
cluster() {
  local messages=${1:-20000} nodes pids
  for nodes in 1 2; do
    start_cluster "$nodes"
    pids=()
    for i in $(seq 1 "$nodes"); do pids+=(--cpu-pid "$(cat "$work/cluster/node-$i/server.pid")"); done
    # a first load warms the nodes' JVMs up (a cold node delivered half as fast); the second is measured
    "$bench/smtp-relay-bench" -m "$messages" -s 20 -l 4096 -f "$sender" --sink-port 2526 --wait-quiet 30 127.0.0.1:2525 > /dev/null
    echo "cluster, $nodes node(s): $("$bench/smtp-relay-bench" -m "$messages" -s 20 -l 4096 -f "$sender" --sink-port 2526 "${pids[@]}" \
      --warmup $((messages / 10)) --wait-quiet 30 127.0.0.1:2525 | tail -n 2 | tac | tr '\n' ' ')"
    [ "$nodes" = 2 ] || stop_cluster
  done
  takeover "$messages"
  stop_cluster
}

# start_cluster N: N nodes on a fresh database, the bench's settings in their environment
start_cluster() {
  trap stop_cluster EXIT
  # a cluster left by an interrupted run is stopped before its folder goes
  stop_cluster || { echo "benchmark.sh: could not stop the cluster in $work/cluster" >&2; exit 1; }
  rm -rf "$work/cluster"
  PGOPTIONS=--client-min-messages=warning PGPASSWORD=passerelle psql -q -h 127.0.0.1 -U passerelle -d postgres \
    -c "drop database if exists passerelle_bench_cluster with (force)"
  env PSL_SMART_HOST='[127.0.0.1]:2526' PSL_HOSTNAME=bench.passerelle.test PSL_LOG_LEVEL=WARN PSL_RATE_APPLICATION_ALERT_PER_HOUR=0 \
    PSL_CONTENT_VIRUS_FLOWS=none PSL_CONTENT_SPAM_FLOWS=none PSL_CONTENT_ATTACHMENT_FLOWS=none \
    "$here/../cluster/cluster.sh" start "$1" --dir "$work/cluster" --database passerelle_bench_cluster > "$work/cluster.log" 2>&1 ||
    { cat "$work/cluster.log" >&2; exit 1; }
}

stop_cluster() {
  [ ! -d "$work/cluster" ] || "$here/../cluster/cluster.sh" stop --dir "$work/cluster" > /dev/null
}

cluster_sql() {
  PGPASSWORD=passerelle psql -qtA -h 127.0.0.1 -U passerelle -d passerelle_bench_cluster -c "$1"
}

# With the two nodes of the measured run (warm, queue empty): a load through haproxy, node-2's JVM
# killed once the harness has sent half of it. Postfix's smtp-source ends at the first broken
# session, so the load ends with the kill; what the nodes accepted is then in the database. The
# takeover time runs from the kill until every message accepted since the load began is DELIVERED
# (a superset of those the harness had acknowledged): node-2's claims wait for node-1 to take it for
# dead (PSL_NODE_DEAD_SECONDS). Duplicates: the deliveries counted at the harness's sink minus the
# messages accepted (one recipient each, so one delivery each), counted 5 s after the last delivery.
takeover() {
  local messages=$1 begun killed_at jvm tmp harness sent=0 waiting undelivered=1 accepted counted
  tmp="$work/cluster-harness"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  begun=$(cluster_sql "select now()")
  jvm=$(cat "$work/cluster/node-2/server.pid")
  TMPDIR="$tmp" "$bench/smtp-relay-bench" -m "$messages" -s 20 -l 4096 -f "$sender" --sink-port 2526 -T 300 --keep 127.0.0.1:2525 \
    > "$work/takeover.out" 2>&1 &
  harness=$!
  # smtp-source -c and smtp-sink -c write running counts, each record ended by a carriage return
  last_count() { tail -c 200 "$tmp"/smtp-relay-bench.*/"$1" 2> /dev/null | tr '\r' '\n' | sed -n "s/^$2\([0-9][0-9]*\).*/\1/p" | tail -n 1; }
  until [ "$sent" -ge $((messages / 2)) ]; do
    kill -0 "$harness" 2> /dev/null || { cat "$work/takeover.out" >&2; echo "benchmark.sh: the harness ended before the kill" >&2; exit 1; }
    sleep 0.2
    sent=$(last_count source.out '')
    sent=${sent:-0}
  done
  kill -KILL "$jvm"
  killed_at=$(date +%s.%N)
  waiting=$(cluster_sql "select count(*) from message where received_at >= '$begun' and state <> 'DELIVERED'")
  echo "takeover: node-2's JVM (pid $jvm) killed after $sent messages sent, $waiting accepted and not yet delivered"
  while [ "$undelivered" -gt 0 ] && [ "$(echo "$(date +%s.%N) - $killed_at < 240" | bc)" = 1 ]; do
    sleep 0.5
    undelivered=$(cluster_sql "select count(*) from message where received_at >= '$begun' and state <> 'DELIVERED'")
  done
  echo "takeover: $(printf '%.1f' "$(echo "$(date +%s.%N) - $killed_at" | bc)") s from the kill until every accepted message was delivered ($undelivered not)"
  sleep 5
  accepted=$(cluster_sql "select count(*) from message where received_at >= '$begun'")
  counted=$(last_count sink.out '.*mesg=')
  echo "takeover: $accepted accepted, ${counted:-?} delivered at the sink: $((${counted:-0} - accepted)) duplicates"
  # the harness would wait for the messages that were never sent; its report is not needed
  kill -TERM "$harness" 2> /dev/null || true
  wait "$harness" || true
  rm -rf "$tmp"
}

"$mode" "$@"
