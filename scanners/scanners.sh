#!/usr/bin/env bash
# Private SpamAssassin spamd and ClamAV clamd for tests: everything lives under --dir, both listen on
# 127.0.0.1 only, and neither touches the system's daemons, rules or signatures.
#  - spamd runs with -L (local tests only: no DNS or network lookups) on the shipped rules
#    (/usr/share/spamassassin, no sa-update needed), the system's .pre files and the tests' own rule
#    file, scanners/passerelle-tests.cf (two rules a test triggers to score MEDIUM or LOW);
#  - clamd runs in the foreground with its own clamd.conf and a signature database written here:
#    the EICAR test file as an .ndb hex signature (found anywhere in a file, so also base64-decoded
#    in a MIME part, in a zip, in a forwarded message), since the official databases cannot be
#    downloaded everywhere. clamd names it Eicar-Test-Signature.UNOFFICIAL.
#
#   scanners.sh start --dir DIR --spamd-port PORT --clamd-port PORT   both, waiting until they answer
#   scanners.sh start-clamd --dir DIR --clamd-port PORT               clamd alone (after stop-clamd)
#   scanners.sh stop-clamd --dir DIR                                  clamd alone, as when it is down
#   scanners.sh start-spamd --dir DIR --spamd-port PORT | stop-spamd --dir DIR    spamd alone, likewise
#   scanners.sh stop --dir DIR                                        both; nothing stays behind
set -euo pipefail

PATH="$PATH:/usr/sbin:/sbin"
readonly HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly WAIT_SECONDS=60
# the EICAR anti-virus test file, in hex (https://www.eicar.org): no virus, every scanner finds it
readonly EICAR_HEX=58354f2150254041505b345c505a58353428505e2937434329377d2445494341522d5354414e444152442d414e544956495255532d544553542d46494c452124482b482a

usage() {
  echo "usage: $0 start --dir DIR --spamd-port PORT --clamd-port PORT" >&2
  echo "       $0 start-clamd --dir DIR --clamd-port PORT | stop-clamd --dir DIR | stop --dir DIR" >&2
  echo "       $0 start-spamd --dir DIR --spamd-port PORT | stop-spamd --dir DIR" >&2
  exit 2
}

fail() {
  echo "scanners.sh: $*" >&2
  exit 1
}

# True while PID is a live process of that name; a zombie counts as gone, a reused pid is not ours.
running() {
  local pid=$1 name=${2:-} stat
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]] && [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$name"* ]]
}

# Sends one request line to PORT and prints the first line of the answer.
ask() {
  local port=$1 request=$2 answer
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf '%b' "$request" >&3
  IFS= read -r -t 5 -d '' answer <&3 || true
  exec 3<&-
  printf '%s' "${answer%%$'\r'*}"
}

await() {
  local what=$1 port=$2 request=$3 expected=$4 pidfile=$5 name=$6
  for _ in $(seq 1 $((WAIT_SECONDS * 4))); do
    if [[ $(ask "$port" "$request" 2>/dev/null) == *"$expected"* ]]; then
      return 0
    fi
    # alive, not yet named: right after the fork the child is still this script
    if [[ -f $pidfile ]] && ! running "$(cat "$pidfile")" ""; then
      fail "$what exited while starting; see $(dirname "$pidfile")"
    fi
    sleep 0.25
  done
  fail "$what did not answer on port $port after $WAIT_SECONDS s"
}

stop_pid() {
  local pidfile=$1 name=$2 pid
  [[ -f $pidfile ]] || return 0
  pid=$(cat "$pidfile")
  if running "$pid" "$name"; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 $((WAIT_SECONDS * 4))); do
      running "$pid" "$name" || break
      sleep 0.25
    done
    if running "$pid" "$name"; then
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pidfile"
}

start_clamd() {
  local dir=$1 port=$2
  mkdir -p "$dir/clamd/db" "$dir/clamd/tmp"
  echo "Eicar-Test-Signature:0:*:$EICAR_HEX" > "$dir/clamd/db/passerelle-tests.ndb"
  cat > "$dir/clamd/clamd.conf" <<CONF
Foreground yes
TCPSocket $port
TCPAddr 127.0.0.1
DatabaseDirectory $dir/clamd/db
TemporaryDirectory $dir/clamd/tmp
LogFile $dir/clamd/clamd.log
LogTime yes
SelfCheck 0
CONF
  stop_pid "$dir/clamd/clamd.pid" clamd
  nohup clamd -c "$dir/clamd/clamd.conf" > "$dir/clamd/console.log" 2>&1 < /dev/null &
  echo $! > "$dir/clamd/clamd.pid"
  await clamd "$port" 'zPING\0' PONG "$dir/clamd/clamd.pid" clamd
}

start_spamd() {
  local dir=$1 port=$2 user=()
  mkdir -p "$dir/spamd/site" "$dir/spamd/home"
  cp /etc/spamassassin/*.pre "$dir/spamd/site/"
  cp "$HERE/passerelle-tests.cf" "$dir/spamd/site/"
  # as root, spamd must run its children as someone else; they only read the rules
  if [[ $(id -u) == 0 ]]; then
    user=(--username=nobody)
    chmod -R a+rX "$dir/spamd"
  fi
  stop_pid "$dir/spamd/spamd.pid" spamd
  nohup spamd -L --listen="127.0.0.1:$port" --pidfile="$dir/spamd/spamd.pid" --siteconfigpath="$dir/spamd/site" \
    --nouser-config --helper-home-dir="$dir/spamd/home" "${user[@]}" --syslog=stderr \
    --min-children=2 --max-children=4 > "$dir/spamd/spamd.log" 2>&1 < /dev/null &
  echo $! > "$dir/spamd/spamd.pid"
  await spamd "$port" 'PING SPAMC/1.5\r\n\r\n' PONG "$dir/spamd/spamd.pid" spamd
}

command=${1:-}
[[ -n $command ]] || usage
shift
dir="" spamd_port="" clamd_port=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --dir) dir=$2; shift 2 ;;
    --spamd-port) spamd_port=$2; shift 2 ;;
    --clamd-port) clamd_port=$2; shift 2 ;;
    *) usage ;;
  esac
done
[[ -n $dir ]] || usage
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

case $command in
  start)
    [[ -n $spamd_port && -n $clamd_port ]] || usage
    command -v spamd >/dev/null || fail "spamd is not installed (Debian package spamd)"
    command -v clamd >/dev/null || fail "clamd is not installed (Debian package clamav-daemon)"
    start_clamd "$dir" "$clamd_port"
    start_spamd "$dir" "$spamd_port"
    ;;
  start-clamd)
    [[ -n $clamd_port ]] || usage
    start_clamd "$dir" "$clamd_port"
    ;;
  stop-clamd)
    stop_pid "$dir/clamd/clamd.pid" clamd
    ;;
  start-spamd)
    [[ -n $spamd_port ]] || usage
    start_spamd "$dir" "$spamd_port"
    ;;
  stop-spamd)
    stop_pid "$dir/spamd/spamd.pid" spamd
    ;;
  stop)
    stop_pid "$dir/clamd/clamd.pid" clamd
    stop_pid "$dir/spamd/spamd.pid" spamd
    ;;
  *) usage ;;
esac
