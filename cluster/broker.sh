#!/usr/bin/env bash
# The Apache Artemis broker that several Passerelle nodes share (docs/cluster.md, "The shared
# broker"). It carries only delivery wake-ups: PostgreSQL says what is due, so losing the broker
# loses nothing. Everything lives under --dir: the broker instance (instance/, re-created on each
# start from the arguments), its journal (data/, kept across restarts), its log (broker.log) and
# its pid (broker.pid). It listens on 127.0.0.1 unless --host says otherwise, speaks only Artemis'
# core protocol, and asks every client for the user and password.
#
#   broker.sh start  --dir DIR --port PORT [--host HOST] [--user USER] [--password PASSWORD] [--memory 512M]
#   broker.sh stop   --dir DIR
#   broker.sh status --dir DIR
#
# The user and password default to $PSL_BROKER_USER and $PSL_BROKER_PASSWORD (else passerelle /
# passerelle), the variables the nodes read: give them so, rather than as options that `ps` shows.
# stop ends only the broker whose pid start recorded in DIR, never another java process.
set -euo pipefail

readonly HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly START_SECONDS=90
readonly STOP_SECONDS=30
# the wake-ups' queue; the nodes' standalone-cluster.xml names it (external-jms-queue)
readonly QUEUE=DeliveryQueue

source "$HERE/processes.sh"

usage() {
  sed -n '9,11p' "$0" | sed 's/^# \{0,1\}/usage: /' >&2
  exit 2
}

fail() {
  echo "broker.sh: $*" >&2
  exit 1
}

# The distribution the build unpacked (cluster/target/apache-artemis-<version>), or $ARTEMIS_HOME.
artemis_home() {
  if [[ -n ${ARTEMIS_HOME:-} ]]; then
    [[ -x $ARTEMIS_HOME/bin/artemis ]] || fail "ARTEMIS_HOME=$ARTEMIS_HOME has no bin/artemis"
    echo "$ARTEMIS_HOME"
    return
  fi
  local home
  home=$(ls -d "$HERE"/target/apache-artemis-*/ 2>/dev/null | sort -V | tail -n 1)
  [[ -n $home && -x $home/bin/artemis ]] ||
    fail "no Artemis distribution in $HERE/target: build it (./passerelle build, or mvn -pl cluster package)"
  echo "${home%/}"
}

# True while PID is this folder's broker, so that a stale pid file never gets another process killed.
broker_running() {
  local pid=$1 dir=$2
  process_has_argument "$pid" "-Dartemis.instance=$dir/instance"
}

start() {
  local dir="" port="" host=127.0.0.1 memory=512M
  local user=${PSL_BROKER_USER:-passerelle} password=${PSL_BROKER_PASSWORD:-passerelle}
  while (($#)); do
    case $1 in
      --dir) dir=${2:?--dir needs a value}; shift 2 ;;
      --port) port=${2:?--port needs a value}; shift 2 ;;
      --host) host=${2:?--host needs a value}; shift 2 ;;
      --user) user=${2:?--user needs a value}; shift 2 ;;
      --password) password=${2:?--password needs a value}; shift 2 ;;
      --memory) memory=${2:?--memory needs a value}; shift 2 ;;
      *) usage ;;
    esac
  done
  [[ -n $dir && $port =~ ^[0-9]+$ ]] || usage
  [[ -n $user && -n $password ]] || fail "the broker needs a user and a password"
  command -v java > /dev/null || fail "java not found (the broker needs a JDK 17+)"
  local home
  home=$(artemis_home)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)

  # a restart: this folder's broker first, never another one
  stop --dir "$dir"
  if port_answers "$host" "$port"; then
    fail "port $port is already in use (ss -ltnp 'sport = :$port' shows by what)"
  fi

  # One acceptor (made core-only below: what WildFly's remote connector speaks), login required, no web console;
  # --no-autotune skips the journal's disk test, --nio the native AIO library. The journal is
  # outside the instance, so that re-creating the instance (new port, new password) keeps it.
  # --java-memory is both the heap's maximum and, through the profile, its start size (-Xms512M):
  # below 512M the JVM would refuse Xms above Xmx.
  "$home/bin/artemis" create "$dir/instance" --silent --force --name passerelle-broker \
    --user "$user" --password "$password" --require-login \
    --host "$host" --default-port "$port" --no-web \
    --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
    --nio --no-autotune --java-memory "$memory" --data "$dir/data" --queues "$QUEUE" \
    > "$dir/create.log" 2>&1 || { tail -n 30 "$dir/create.log" >&2; fail "artemis create failed"; }
  # the acceptor create writes speaks every protocol: the nodes speak only core
  sed -i 's/\(<acceptor name="artemis">[^<]*\)protocols=[A-Z,]*/\1protocols=CORE/' "$dir/instance/etc/broker.xml"
  grep -q '<acceptor name="artemis">[^<]*protocols=CORE;' "$dir/instance/etc/broker.xml" ||
    fail "the acceptor of $dir/instance/etc/broker.xml is not as expected (core protocol only)"

  # run keeps the broker in the foreground (bin/artemis execs java: $! is the JVM); the log is
  # appended to, so that it tells the whole story of a test run with restarts
  "$dir/instance/bin/artemis" run < /dev/null >> "$dir/broker.log" 2>&1 &
  local pid=$!
  echo "$pid" > "$dir/broker.pid"

  local waited=0
  wait_until "$pid" "$START_SECONDS" port_answers "$host" "$port" || waited=$?
  if ((waited == 1)); then
    tail -n 50 "$dir/broker.log" >&2
    rm -f "$dir/broker.pid"
    fail "the broker exited during startup (log: $dir/broker.log)"
  elif ((waited == 2)); then
    stop --dir "$dir"
    tail -n 50 "$dir/broker.log" >&2
    fail "the broker did not listen on $host:$port within $START_SECONDS s, stopped it"
  fi
  echo "Artemis broker listening on tcp://$host:$port (pid $pid, dir $dir, queue $QUEUE, user $user)"
}

# The value of stop's and status's only option, --dir DIR.
dir_option() {
  [[ $# -eq 2 && $1 == --dir && -n $2 ]] || usage
  echo "$2"
}

stop() {
  local dir
  dir=$(dir_option "$@")
  [[ -d $dir ]] || return 0
  dir=$(cd "$dir" && pwd)
  local pid
  pid=$(recorded_pid "$dir/broker.pid") || return 0
  # the broker's shutdown hook stops it cleanly on TERM
  if ! terminate "$pid" "$STOP_SECONDS" broker_running "$pid" "$dir"; then
    echo "broker.sh: the broker (pid $pid) still runs after $STOP_SECONDS s: killing it" >&2
    kill -KILL "$pid"
    while broker_running "$pid" "$dir"; do sleep 0.2; done
  fi
  rm -f "$dir/broker.pid"
}

status() {
  local dir
  dir=$(dir_option "$@")
  [[ -d $dir ]] || { echo "no broker in $dir"; return 3; }
  dir=$(cd "$dir" && pwd)
  local pid
  if pid=$(recorded_pid "$dir/broker.pid") && broker_running "$pid" "$dir"; then
    local acceptor
    acceptor=$(grep -o 'tcp://[^?<]*' "$dir/instance/etc/broker.xml" | head -n 1)
    echo "broker running (pid $pid, $acceptor, dir $dir)"
  else
    echo "broker stopped (dir $dir)"
    return 3
  fi
}

run_command "start stop status" "$@"
