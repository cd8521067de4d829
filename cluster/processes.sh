# Process and port helpers of the scripts that run servers in the background: cluster/cluster.sh,
# cluster/broker.sh, cluster/balancer.sh and ldap-schema/slapd.sh. Sourced, not run. They act on
# pids that a script recorded itself, never on processes found by name.

# Runs the script's command line, COMMAND [ARGUMENT...], as the function COMMAND when it is one of
# the words of COMMANDS ("start stop status"); else the script's own usage.
run_command() {
  local commands=" $1 " command=${2:-}
  [[ -n $command && $commands == *" $command "* ]] || usage
  shift 2
  "$command" "$@"
}

# True while PID is a live process; a zombie counts as gone since PID 1 may never reap it.
process_alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]]
}

# True while PID is alive and named NAME (its /proc/PID/comm), such as slapd or haproxy.
process_named() {
  process_alive "$1" && [[ $(cat "/proc/$1/comm" 2>/dev/null) == "$2" ]]
}

# True while PID is alive and one of its arguments is exactly ARGUMENT: what tells a recorded pid
# from another process that got the same number after it ended.
process_has_argument() {
  process_alive "$1" && tr '\0' '\n' < "/proc/$1/cmdline" 2>/dev/null | grep -qxF -- "$2"
}

# Prints the pid recorded in FILE; false when there is none.
recorded_pid() {
  local pid
  [[ -f $1 ]] && pid=$(< "$1") && [[ $pid =~ ^[0-9]+$ ]] && echo "$pid"
}

# True when something accepts a connection on HOST:PORT; bounded, since a process holding the port
# may accept and never answer.
port_answers() {
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null
}

# Waits while PID lives for COMMAND (with its arguments) to succeed, SECONDS at most: 0 once it
# does, 1 when PID ended first, 2 when the time is up.
wait_until() {
  local pid=$1 tries=$(($2 * 5))
  shift 2
  until "$@"; do
    process_alive "$pid" || return 1
    ((tries-- > 0)) || return 2
    sleep 0.2
  done
}

# Sends TERM to PID, then waits SECONDS at most while CHECK (a command with its arguments; by
# default process_alive PID) stays true. False when it still runs; nothing is sent when CHECK is
# already false, so a pid that is no longer the recorded process is left alone.
terminate() {
  local pid=$1 tries=$(($2 * 5))
  shift 2
  (($#)) || set -- process_alive "$pid"
  "$@" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while "$@"; do
    ((tries-- > 0)) || return 1
    sleep 0.2
  done
}
