#!/usr/bin/env bash
# Several Passerelle nodes on this machine, for trying a cluster (docs/cluster.md, "The cluster
# command"): a slapd provider and its syncrepl replica with the sample directory, the shared Artemis
# broker, N nodes (./passerelle node) on one PostgreSQL database, and haproxy in front of the nodes'
# SMTP ports on 2525, 2587 and 2465, the single node's ports. `./passerelle cluster` runs this
# script after building if needed and making sure PostgreSQL runs.
#
#   cluster.sh start [N] --dir DIR [--database NAME]    N nodes, 1 to 9 (default 2)
#   cluster.sh stop --dir DIR
#   cluster.sh status --dir DIR
#
# Ports: provider 11389, replica 11390, broker 61616, node i (node-i) SMTP 2525+100i, 2587+100i and
# 2465+100i with HTTP, HTTPS and management ports offset by 100i (node-1's API on 8543), haproxy
# 2525, 2587, 2465 and its statistics on 2580. The database (passerelle_cluster) is created as the
# role PSL_DB_USER (passerelle) if absent, and kept. Everything else lives under DIR: a folder per
# component, each node's console.log, the generated secret, the nodes' shared keystore, and "pids"
# (the processes start recorded, the only ones stop signals). The nodes get the caller's
# environment, so that any other PSL_* setting (PSL_SMART_HOST, say) reaches every node.
set -euo pipefail

readonly HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly TOP="$(dirname "$HERE")"
readonly SERVER="$TOP/ear/target/server"
readonly PROVIDER_PORT=11389 CONSUMER_PORT=11390 BROKER_PORT=61616
readonly RELAY_PORT=2525 SUBMISSION_PORT=2587 SUBMISSIONS_PORT=2465 STATS_PORT=2580
# haproxy connects to the nodes from this address, whose PROXY headers they believe (balancer.sh's default)
readonly BALANCER_SOURCE=127.0.0.30
# a loaded two-core machine can take minutes to boot a node
readonly NODE_START_SECONDS=300
readonly NODE_STOP_SECONDS=60

source "$HERE/processes.sh"

usage() {
  sed -n '8,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}/usage: /' >&2
  exit 2
}

fail() {
  echo "cluster: $*" >&2
  exit 1
}

say() {
  echo "cluster: $*"
}

# Node I's ports: relay, submission, submissions, HTTPS (all its HTTP ports are offset by 100 I).
relay_port() { echo $((RELAY_PORT + 100 * $1)); }
submission_port() { echo $((SUBMISSION_PORT + 100 * $1)); }
submissions_port() { echo $((SUBMISSIONS_PORT + 100 * $1)); }
https_port() { echo $((8443 + 100 * $1)); }

# The pid recorded in DIR/pids for NAME (provider, consumer, broker, node-I, balancer).
pid_of() {
  [[ -f $dir/pids ]] && awk -v name="$1" '$1 == name { pid = $2 } END { if (pid) print pid; else exit 1 }' "$dir/pids"
}

record() {
  echo "$1 $2" >> "$dir/pids"
}

# The node names recorded, in the order they started.
recorded_nodes() {
  [[ -f $dir/pids ]] && awk '$1 ~ /^node-[0-9]$/ { print $1 }' "$dir/pids" || true
}

# True while node NAME's launcher (./passerelle node) runs; its pid is recorded.
launcher_running() {
  local pid
  pid=$(pid_of "$1") && process_has_argument "$pid" "$TOP/passerelle"
}

# The pid of node NAME's WildFly JVM (its server.pid), printed while it runs.
node_jvm() {
  local pid
  pid=$(recorded_pid "$dir/$1/server.pid") && process_has_argument "$pid" "-Djboss.server.base.dir=$dir/$1/standalone" && echo "$pid"
}

node_running() {
  launcher_running "$1" || node_jvm "$1" > /dev/null
}

sql() {
  PGPASSWORD=${PSL_DB_PASSWORD:-passerelle} psql -qtAX -h 127.0.0.1 -p 5432 -U "${PSL_DB_USER:-passerelle}" -d "$1" -c "$2"
}

# --- start ----------------------------------------------------------------------------------------

check_prerequisites() {
  [[ -x $SERVER/bin/standalone.sh ]] || fail "no server built in $SERVER: run ./passerelle build (./passerelle cluster start builds)"
  ls -d "$HERE"/target/apache-artemis-*/ > /dev/null 2>&1 || fail "no Artemis distribution in $HERE/target: run ./passerelle build"
  local tool
  for tool in psql pg_isready java keytool openssl curl; do
    command -v "$tool" > /dev/null || fail "$tool not found (./passerelle test installs what is missing)"
  done
  [[ -x /usr/sbin/haproxy && -x /usr/sbin/slapd ]] || fail "haproxy or slapd not installed (./passerelle test installs them)"
  pg_isready -q -h 127.0.0.1 -p 5432 ||
    fail "PostgreSQL does not answer on 127.0.0.1:5432 (./passerelle cluster start starts Debian's; or pg_ctlcluster 15 main start)"
}

# Every port of the cluster, free before anything starts: a port taken halfway would leave half a cluster.
check_ports() {
  local nodes=$1 i taken=() entry
  local wanted=("$PROVIDER_PORT directory provider" "$CONSUMER_PORT directory replica" "$BROKER_PORT broker"
    "$RELAY_PORT haproxy relay" "$SUBMISSION_PORT haproxy submission" "$SUBMISSIONS_PORT haproxy submissions" "$STATS_PORT haproxy statistics")
  for ((i = 1; i <= nodes; i++)); do
    wanted+=("$(relay_port "$i") node-$i relay" "$(submission_port "$i") node-$i submission" "$(submissions_port "$i") node-$i submissions"
      "$((8080 + 100 * i)) node-$i HTTP" "$(https_port "$i") node-$i HTTPS" "$((9990 + 100 * i)) node-$i management")
  done
  for entry in "${wanted[@]}"; do
    port_answers 127.0.0.1 "${entry%% *}" && taken+=("${entry%% *} (${entry#* })")
  done
  ((${#taken[@]} == 0)) || fail "ports already in use: ${taken[*]}; stop what holds them (ss -ltnp shows it)"
}

create_database() {
  local database=$1
  [[ $database =~ ^[a-z_][a-z0-9_]*$ ]] || fail "--database $database: lower-case letters, digits and underscores"
  if [[ -z $(sql postgres "select 1 from pg_database where datname = '$database'") ]]; then
    sql postgres "create database $database" || fail "could not create the database $database as ${PSL_DB_USER:-passerelle} (a role with CREATEDB)"
    say "created the database $database"
  fi
  echo "$database" > "$dir/database"
}

# One secret per cluster folder, made on the first start: the broker's and the replication's
# passwords and the keystore's (unless PSL_BROKER_PASSWORD and the keystore settings are given).
secret() {
  if [[ ! -s $dir/secret ]]; then
    (umask 077 && openssl rand -hex 16 > "$dir/secret")
  fi
  cat "$dir/secret"
}

# One keystore for every node, made on the first start: clients behind haproxy reach any node and
# must see one certificate, on STARTTLS, port 2465 and HTTPS alike.
keystore() {
  local password=$1 file=$dir/tls/keystore.p12
  if [[ ! -f $file ]]; then
    mkdir -p "$dir/tls"
    keytool -genkeypair -alias passerelle -keyalg RSA -keysize 2048 -validity 825 -dname CN=localhost \
      -ext SAN=dns:localhost,ip:127.0.0.1 -storetype PKCS12 -keystore "$file" -storepass "$password" -keypass "$password" \
      > /dev/null 2>&1 || fail "keytool could not create $file"
    chmod 600 "$file"
  fi
  echo "$file"
}

# Stops what a failed start had started.
abandon_start() {
  local status=$?
  trap - EXIT
  trap '' INT TERM
  if ((status != 0)); then
    echo "cluster: start failed; stopping what it started" >&2
    stop_all || true
  fi
  exit "$status"
}

start_node() {
  local i=$1 secret=$2 keystore=$3 database=$4 name=node-$i
  local state=$dir/$name
  mkdir -p "$state"
  : > "$state/console.log"
  # a keystore given is used with its own password; otherwise the shared one with the secret
  local tls=("PSL_TLS_KEYSTORE=$keystore" "PSL_TLS_KEYSTORE_PASSWORD=$secret") https=("PSL_HTTPS_KEYSTORE=$keystore" "PSL_HTTPS_KEYSTORE_PASSWORD=$secret")
  [[ -z ${PSL_TLS_KEYSTORE:-} ]] || tls=()
  [[ -z ${PSL_HTTPS_KEYSTORE:-} ]] || https=()
  # what the cluster wires is set here; the rest is the caller's environment, with the run
  # command's defaults for what this machine does not have (no clamd, no spamd)
  env PSL_NODE_ID="$name" PSL_STATE_DIR="$state" PSL_PORT_OFFSET=$((100 * i)) \
    PSL_SMTP_PORT="$(relay_port "$i")" PSL_SUBMISSION_PORT="$(submission_port "$i")" PSL_SUBMISSIONS_PORT="$(submissions_port "$i")" \
    PSL_SMTP_BIND_ADDRESS=127.0.0.1 PSL_HTTP_BIND_ADDRESS=127.0.0.1 PSL_SMTP_PROXY_NETWORKS="$BALANCER_SOURCE/32" \
    PSL_DB_DRIVER=postgresql PSL_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$database" \
    PSL_LDAP_URL="ldap://127.0.0.1:$CONSUMER_PORT" PSL_LDAP_WRITE_URL="ldap://127.0.0.1:$PROVIDER_PORT" \
    PSL_BROKER_HOST=127.0.0.1 PSL_BROKER_PORT=$BROKER_PORT PSL_BROKER_PASSWORD="${PSL_BROKER_PASSWORD:-$secret}" \
    "${tls[@]}" "${https[@]}" \
    PSL_CONTENT_VIRUS_FLOWS="${PSL_CONTENT_VIRUS_FLOWS:-none}" PSL_CONTENT_SPAM_FLOWS="${PSL_CONTENT_SPAM_FLOWS:-none}" \
    PSL_DB_POOL_SIZE="${PSL_DB_POOL_SIZE:-$pool_size}" \
    setsid "$TOP/passerelle" node --no-build < /dev/null >> "$state/console.log" 2>&1 &
  local pid=$!
  record "$name" "$pid"
  # WFLYSRV0025: started; 0026: started with errors (a deployment failed)
  local waited=0
  wait_until "$pid" "$NODE_START_SECONDS" grep -q 'WFLYSRV002[56]' "$state/console.log" || waited=$?
  if ((waited == 1)); then
    tail -n 20 "$state/console.log" >&2
    fail "$name ended while starting (log: $state/console.log)"
  elif ((waited == 2)); then
    fail "$name not started within $NODE_START_SECONDS s (log: $state/console.log)"
  elif grep -q WFLYSRV0026 "$state/console.log"; then
    grep -E 'ERROR|WFLYCTL0013' "$state/console.log" | head -n 10 >&2 || true
    fail "$name started with errors (log: $state/console.log, $state/standalone/log/server.log)"
  fi
  say "$name up: SMTP 127.0.0.1:$(relay_port "$i"), $(submission_port "$i"), $(submissions_port "$i"); API https://127.0.0.1:$(https_port "$i")/api/v1/; log $state/standalone/log/server.log"
}

start() {
  local nodes=2 database=passerelle_cluster
  dir=""
  while (($#)); do
    case $1 in
      --dir) dir=${2:?--dir needs a value}; shift 2 ;;
      --database) database=${2:?--database needs a value}; shift 2 ;;
      -*) usage ;;
      *) nodes=$1; shift ;;
    esac
  done
  [[ -n $dir ]] || usage
  [[ $nodes =~ ^[1-9]$ ]] || fail "$nodes nodes: give 1 to 9 (the ports of node i are offset by 100 i)"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  local name
  for name in provider consumer broker balancer $(recorded_nodes); do
    if running "$name"; then
      fail "a cluster already runs in $dir ($name): ./passerelle cluster status, or stop it first"
    fi
  done
  check_prerequisites
  check_ports "$nodes"
  create_database "$database"
  local secret keystore
  secret=$(secret)
  keystore=$(keystore "$secret")
  # PostgreSQL allows 100 connections: 60 for the nodes at most, 30 each (the default) for one or two
  pool_size=$((60 / nodes > 30 ? 30 : 60 / nodes))

  rm -f "$dir/pids"
  trap abandon_start EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  "$TOP/ldap-schema/slapd.sh" start --dir "$dir/provider" --port "$PROVIDER_PORT" --password "${PSL_LDAP_PASSWORD:-passerelle}" \
    --provider --replication-password "$secret" > /dev/null
  record provider "$(recorded_pid "$dir/provider/slapd.pid")"
  say "directory provider on ldap://127.0.0.1:$PROVIDER_PORT (sample data)"
  "$TOP/ldap-schema/slapd.sh" start --dir "$dir/consumer" --port "$CONSUMER_PORT" --password "${PSL_LDAP_PASSWORD:-passerelle}" \
    --consumer-of "ldap://127.0.0.1:$PROVIDER_PORT/" --replication-password "$secret" > /dev/null
  record consumer "$(recorded_pid "$dir/consumer/slapd.pid")"
  say "directory replica on ldap://127.0.0.1:$CONSUMER_PORT"
  PSL_BROKER_PASSWORD="${PSL_BROKER_PASSWORD:-$secret}" "$HERE/broker.sh" start --dir "$dir/broker" --port "$BROKER_PORT" > /dev/null
  record broker "$(recorded_pid "$dir/broker/broker.pid")"
  say "broker on tcp://127.0.0.1:$BROKER_PORT"

  # one at a time: node-1 migrates the database (Flyway) before any other reads it, and two JVMs
  # booting at once on two cores take longer than one after the other
  local i backends=()
  for ((i = 1; i <= nodes; i++)); do
    start_node "$i" "$secret" "$keystore" "$database"
    backends+=("127.0.0.1:$(relay_port "$i"):$(submission_port "$i"):$(submissions_port "$i")")
  done

  local listing
  listing=$(IFS=,; echo "${backends[*]}")
  "$HERE/balancer.sh" start --dir "$dir/balancer" --nodes "$listing" --listen "$RELAY_PORT,$SUBMISSION_PORT,$SUBMISSIONS_PORT" \
    --source "$BALANCER_SOURCE" --stats "$STATS_PORT" > /dev/null
  record balancer "$(recorded_pid "$dir/balancer/haproxy.pid")"
  trap - EXIT INT TERM
  say "haproxy on 127.0.0.1:$RELAY_PORT (relay), $SUBMISSION_PORT (submission), $SUBMISSIONS_PORT (submissions), statistics http://127.0.0.1:$STATS_PORT/"
  say "$nodes node(s) running on the database $database; state in $dir. ./passerelle cluster status, ./passerelle cluster stop"
}

# --- stop and status ------------------------------------------------------------------------------

# True while the component NAME runs: its recorded pid is still that component.
running() {
  local pid
  case $1 in
    provider | consumer) pid=$(recorded_pid "$dir/$1/slapd.pid") && process_named "$pid" slapd ;;
    broker) pid=$(recorded_pid "$dir/broker/broker.pid") && process_has_argument "$pid" "-Dartemis.instance=$dir/broker/instance" ;;
    balancer) pid=$(recorded_pid "$dir/balancer/haproxy.pid") && process_has_argument "$pid" "$dir/balancer/haproxy.cfg" ;;
    node-*) node_running "$1" ;;
  esac
}

# TERM to every node's launcher (which stops its server and waits for it), or to the JVM when its
# launcher is gone, all at once; then each waited for, and killed if it does not end.
stop_nodes() {
  local name names jvm failed=0
  names=$(recorded_nodes | tac)
  for name in $names; do
    signal_node "$name" || true
  done
  for name in $names; do
    if ! signal_node "$name" "$NODE_STOP_SECONDS"; then
      echo "cluster: $name still runs after $NODE_STOP_SECONDS s: killing it" >&2
      jvm=$(node_jvm "$name") && kill -KILL "$jvm" 2>/dev/null
      launcher_running "$name" && kill -KILL "$(pid_of "$name")" 2>/dev/null
      sleep 1
      node_running "$name" && failed=1
    fi
    node_running "$name" || say "$name stopped"
  done
  return "$failed"
}

# TERM to node NAME's launcher, or to its JVM when the launcher is gone; with SECONDS, waits so long
# for the node to end, false if it does not.
signal_node() {
  local name=$1 seconds=${2:-0} pid
  if launcher_running "$name"; then
    pid=$(pid_of "$name")
  else
    pid=$(node_jvm "$name") || return 0
  fi
  terminate "$pid" "$seconds" node_running "$name"
}

stop_all() {
  local failed=0
  if [[ -d $dir/balancer ]]; then "$HERE/balancer.sh" stop --dir "$dir/balancer" || failed=1; fi
  stop_nodes || failed=1
  if [[ -d $dir/broker ]]; then "$HERE/broker.sh" stop --dir "$dir/broker" || failed=1; fi
  local slapd
  for slapd in consumer provider; do
    if [[ -d $dir/$slapd ]]; then "$TOP/ldap-schema/slapd.sh" stop --dir "$dir/$slapd" || failed=1; fi
  done
  ((failed == 0)) || return 1
  rm -f "$dir/pids"
}

stop() {
  dir_option "$@"
  [[ -f $dir/pids ]] || { say "nothing recorded in $dir: not running"; return 0; }
  stop_all || fail "some of the cluster still runs: ./passerelle cluster status"
  say "stopped"
}

dir_option() {
  [[ $# -eq 2 && $1 == --dir && -n $2 ]] || usage
  [[ -d $2 ]] || fail "no cluster in $2"
  dir=$(cd "$2" && pwd)
}

# One line per component (up or down, its ports and pid), haproxy's view of the nodes, and the
# nodes' heartbeats in the database. Exit status 0 when all is up, 3 when nothing runs, 1 otherwise.
status() {
  dir_option "$@"
  local up=0 down=0 name pid jvm i ready database
  line() { # name, up?, what
    if $2; then up=$((up + 1)); printf '%-10s %-5s %s\n' "$1" up "$3"; else down=$((down + 1)); printf '%-10s %-5s %s\n' "$1" down "$3"; fi
  }
  database=$(cat "$dir/database" 2>/dev/null || echo passerelle_cluster)
  echo "cluster in $dir, database $database on 127.0.0.1:5432"
  line provider "$(running provider && echo true || echo false)" "ldap://127.0.0.1:$PROVIDER_PORT/ (pid $(pid_of provider || echo -))"
  line consumer "$(running consumer && echo true || echo false)" "ldap://127.0.0.1:$CONSUMER_PORT/, replica of the provider (pid $(pid_of consumer || echo -))"
  line broker "$(running broker && echo true || echo false)" "tcp://127.0.0.1:$BROKER_PORT (pid $(pid_of broker || echo -))"
  for name in $(recorded_nodes); do
    i=${name#node-}
    ready="" jvm=""
    if jvm=$(node_jvm "$name"); then
      # the readiness a load balancer would ask: database, directory and broker
      ready=$(curl -sk -o /dev/null -w '%{http_code}' --max-time 5 "https://127.0.0.1:$(https_port "$i")/api/health/ready" || true)
      ready=", ready: $([[ $ready == 200 ]] && echo yes || echo "no (HTTP $ready)")"
    fi
    line "$name" "$([[ -n $jvm ]] && echo true || echo false)" \
      "SMTP 127.0.0.1:$(relay_port "$i"), $(submission_port "$i"), $(submissions_port "$i"); https://127.0.0.1:$(https_port "$i")/ (JVM pid ${jvm:--}$ready)"
  done
  line balancer "$(running balancer && echo true || echo false)" \
    "SMTP 127.0.0.1:$RELAY_PORT, $SUBMISSION_PORT, $SUBMISSIONS_PORT; http://127.0.0.1:$STATS_PORT/ (pid $(pid_of balancer || echo -))"
  if running balancer; then
    "$HERE/balancer.sh" status --dir "$dir/balancer" | tail -n +2 | sed 's/^/  haproxy: /'
  fi
  if pg_isready -q -h 127.0.0.1 -p 5432; then
    local heartbeats
    if heartbeats=$(sql "$database" "select node_id, boot, to_char(heartbeat_at, 'HH24:MI:SS'), extract(epoch from now() - heartbeat_at)::int
        from cluster_node order by node_id" 2>/dev/null); then
      echo "heartbeats (cluster_node):"
      [[ -n $heartbeats ]] || echo "  none"
      # a node is taken for dead after PSL_NODE_DEAD_SECONDS (30) without a heartbeat
      awk -F'|' -v dead="${PSL_NODE_DEAD_SECONDS:-30}" 'NF { printf "  %-10s boot %s, last %s (%s s ago%s)\n", $1, $2, $3, $4, ($4 > dead + 0 ? ", dead" : "") }' <<< "$heartbeats"
    else
      echo "heartbeats: the database $database has no cluster_node table yet"
    fi
  else
    echo "heartbeats: PostgreSQL does not answer on 127.0.0.1:5432"
  fi
  ((down == 0 && up > 0)) && return 0
  ((up == 0)) && return 3
  return 1
}

run_command "start stop status" "$@"
