#!/usr/bin/env bash
# haproxy in front of several Passerelle nodes: one TCP listener each for the relay, submission and
# submissions ports, spreading connections over the nodes (least connections first), checking each
# node with an SMTP dialogue every second (option smtpchk: banner, EHLO, QUIT), and telling each
# node its client's address with a PROXY protocol v2 header (send-proxy-v2; the checks carry a
# LOCAL header, check-send-proxy). The nodes must trust --source in PSL_SMTP_PROXY_NETWORKS and no
# other client may connect to them from it (see docs/cluster.md).
#
# Everything lives under --dir: haproxy.cfg, haproxy.pid, haproxy.log (haproxy's own log: server
# state changes and one line per connection, with the client's address). Only the pid recorded
# there is ever stopped.
#
#   balancer.sh start --dir DIR --nodes NODES [--listen RELAY,SUBMISSION,SUBMISSIONS] [--bind ADDR]
#                     [--source ADDR] [--stats PORT] [--check-name NAME]
#   balancer.sh stop --dir DIR
#   balancer.sh status --dir DIR
#
# NODES: one HOST:RELAY:SUBMISSION:SUBMISSIONS per node, separated by commas or spaces, e.g.
# "127.0.0.1:2625:2687:2565,127.0.0.1:2725:2787:2665" (nodes are named node1, node2, ...).
# --listen defaults to 2525,2587,2465, --bind to 127.0.0.1, --source to 127.0.0.30 (a loopback
# address that no sample application uses), --stats (haproxy's statistics page, CSV at /;csv, on
# 127.0.0.1) to the relay port + 55, --check-name (the EHLO name of the checks) to
# balancer.passerelle.test.
set -euo pipefail

# haproxy lives in /usr/sbin, which is not on every user's PATH
PATH="$PATH:/usr/sbin:/sbin"

readonly WAIT_SECONDS=10

source "$(dirname "${BASH_SOURCE[0]}")/processes.sh"

usage() {
  sed -n '13,16p' "${BASH_SOURCE[0]}" | sed 's/^# *//' >&2
  exit 2
}

fail() {
  echo "balancer.sh: $*" >&2
  exit 1
}

# True while PID is the haproxy started on this folder's configuration, so that a stale pid file
# never gets another process stopped.
balancer_running() {
  local pid=$1 dir=$2
  process_named "$pid" haproxy && process_has_argument "$pid" "$dir/haproxy.cfg"
}

valid_port() {
  [[ $1 =~ ^[0-9]{1,5}$ ]] && (($1 > 0 && $1 < 65536))
}

# One backend section: a server line per node, on the port of that listener (field 2, 3 or 4 of a node).
servers() {
  local field=$1 extra=$2 node host port i=0
  for node in "${nodes[@]}"; do
    i=$((i + 1))
    host=${node%%:*}
    port=$(cut -d: -f"$field" <<< "$node")
    echo "    server node$i $host:$port check$extra"
  done
}

write_config() {
  local dir=$1
  cat > "$dir/haproxy.cfg" <<EOF
# Written by cluster/balancer.sh; rewritten at each start.
global
    maxconn 4096
    log stdout format raw local0 info

defaults
    mode tcp
    log global
    option tcplog
    balance leastconn
    # the nodes believe PROXY headers from this address only (PSL_SMTP_PROXY_NETWORKS)
    source $source
    option smtpchk EHLO $check_name
    # a node that refuses the connection: try another
    option redispatch
    retries 3
    timeout connect 5s
    # longer than a node's idle timeout (5 min): the node, not haproxy, ends a silent session
    timeout client 10m
    timeout server 10m
    timeout check 5s
    default-server inter 1s fall 2 rise 2 send-proxy-v2 check-send-proxy

listen relay
    bind $bind:$relay_port
$(servers 2 "")

listen submission
    bind $bind:$submission_port
$(servers 3 "")

# implicit TLS passes through untouched; the check speaks TLS too, after its PROXY header
listen submissions
    bind $bind:$submissions_port
$(servers 4 " check-ssl verify none")

listen stats
    mode http
    bind 127.0.0.1:$stats_port
    stats enable
    stats uri /
EOF
}

start() {
  local dir="" nodes_text="" listen="2525,2587,2465" pid
  bind=127.0.0.1 source=127.0.0.30 stats_port="" check_name=balancer.passerelle.test
  while (($#)); do
    case $1 in
      --dir) dir=${2:?--dir needs a value}; shift 2 ;;
      --nodes) nodes_text=${2:?--nodes needs a value}; shift 2 ;;
      --listen) listen=${2:?--listen needs a value}; shift 2 ;;
      --bind) bind=${2:?--bind needs a value}; shift 2 ;;
      --source) source=${2:?--source needs a value}; shift 2 ;;
      --stats) stats_port=${2:?--stats needs a value}; shift 2 ;;
      --check-name) check_name=${2:?--check-name needs a value}; shift 2 ;;
      *) usage ;;
    esac
  done
  [[ -n $dir && -n $nodes_text ]] || usage
  command -v haproxy >/dev/null || fail "haproxy is not installed (apt-get install haproxy; ./passerelle test installs it)"
  IFS=', ' read -r -a nodes <<< "$nodes_text"
  ((${#nodes[@]} > 0)) || fail "--nodes names no node"
  local node
  for node in "${nodes[@]}"; do
    [[ $node =~ ^[^:]+(:[0-9]{1,5}){3}$ ]] || fail "--nodes: $node is not HOST:RELAY:SUBMISSION:SUBMISSIONS"
  done
  IFS=, read -r relay_port submission_port submissions_port <<< "$listen"
  for port in "$relay_port" "$submission_port" "$submissions_port"; do
    valid_port "${port:-}" || fail "--listen: '$listen' is not RELAY,SUBMISSION,SUBMISSIONS (three ports)"
  done
  stats_port=${stats_port:-$((relay_port + 55))}
  valid_port "$stats_port" || fail "--stats: $stats_port is not a port"
  [[ $check_name =~ ^[A-Za-z0-9.-]+$ ]] || fail "--check-name: $check_name is not a host name"

  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if pid=$(recorded_pid "$dir/haproxy.pid") && balancer_running "$pid" "$dir"; then
    fail "already running (pid $pid); stop it first"
  fi
  write_config "$dir"
  local checked
  checked=$(haproxy -c -f "$dir/haproxy.cfg" 2>&1) || fail "haproxy refused $dir/haproxy.cfg:"$'\n'"$checked"
  # -db: in the foreground, one process, so that the pid recorded is haproxy's own
  haproxy -db -f "$dir/haproxy.cfg" < /dev/null >> "$dir/haproxy.log" 2>&1 &
  pid=$!
  echo "$pid" > "$dir/haproxy.pid"
  # haproxy binds every listener before it serves any: the statistics port answering means all do
  # (a probe of an SMTP port would be passed to a node as a client)
  local waited=0
  wait_until "$pid" "$WAIT_SECONDS" port_answers 127.0.0.1 "$stats_port" || waited=$?
  ((waited != 1)) || fail "haproxy exited while starting; see $dir/haproxy.log"
  ((waited != 2)) || { kill "$pid"; fail "haproxy not listening after $WAIT_SECONDS s; see $dir/haproxy.log"; }
  echo "balancer: haproxy (pid $pid) on $bind:$relay_port (relay), $bind:$submission_port (submission), $bind:$submissions_port (submissions); statistics http://127.0.0.1:$stats_port/"
}

# The --dir of stop and status, their only option.
dir_option() {
  [[ $# -eq 2 && $1 == --dir && -n $2 ]] || usage
  echo "$2"
}

stop() {
  local dir
  dir=$(dir_option "$@")
  [[ -f $dir/haproxy.pid ]] || return 0
  dir=$(cd "$dir" && pwd)
  local pid
  pid=$(recorded_pid "$dir/haproxy.pid") || { rm -f "$dir/haproxy.pid"; return 0; }
  terminate "$pid" "$WAIT_SECONDS" balancer_running "$pid" "$dir" || fail "haproxy (pid $pid) still running after $WAIT_SECONDS s"
  rm -f "$dir/haproxy.pid"
}

# One line per node and listener: its state as haproxy's checks see it (UP, DOWN, ...), and the
# last check's outcome. Exit status 0 while haproxy runs, 3 when it does not.
status() {
  local dir
  dir=$(dir_option "$@")
  local pid stats_port
  if ! pid=$(recorded_pid "$dir/haproxy.pid") || ! balancer_running "$pid" "$(cd "$dir" && pwd)"; then
    echo "balancer: not running"
    exit 3
  fi
  stats_port=$(awk '/^listen stats/ { s = 1 } s && $1 == "bind" { sub(/.*:/, "", $2); print $2; exit }' "$dir/haproxy.cfg")
  echo "balancer: haproxy (pid $pid) running"
  # CSV columns: 1 proxy, 2 server, 18 status, 37 check_status, 38 check_code
  curl -fsS "http://127.0.0.1:$stats_port/;csv" \
    | awk -F, '$1 != "stats" && $2 != "FRONTEND" && $2 != "BACKEND" && $1 !~ /^#/ { printf "%-12s %-8s %-6s %s %s\n", $1, $2, $18, $37, $38 }'
}

run_command "start stop status" "$@"
