#!/usr/bin/env bash
# A private OpenLDAP slapd for tests, loaded with the Passerelle schema, base tree and sample data.
# It never touches the system slapd: everything lives under --dir and it listens on 127.0.0.1 only.
# It offers StartTLS with a self-signed certificate, DIR/tls/cert.pem, which clients can trust
# through DIR/tls/truststore.p12 (PKCS12, password changeit); both survive restarts. The certificate
# names IP:127.0.0.1 and DNS:localhost, since Passerelle checks the directory's host name (docs/tls.md).
#
# With --provider it is also a replication provider (the syncprov overlay), which consumers read
# as cn=replicator,dc=passerelle,dc=test with the --replication-password. With --consumer-of URL it
# is a read-only replica of that provider (syncrepl refreshAndPersist): it loads nothing itself,
# answers writes with a referral to the provider, and counts as started once it holds the
# provider's base entry. Each has its own --dir and --port; stop them one by one.
#
#   slapd.sh start --dir DIR --port PORT [--password PASSWORD] [--no-sample]
#                  [--provider [--replication-password SECRET]]
#   slapd.sh start --dir DIR --port PORT [--password PASSWORD] --consumer-of URL [--replication-password SECRET]
#   slapd.sh stop  --dir DIR
#
# The replication password defaults to --password. Consumers reach the provider in clear: these
# are test and single-machine directories on 127.0.0.1 (docs/cluster.md says what production needs).
set -euo pipefail

# slapd and slapadd live in /usr/sbin, which is not on every user's PATH
PATH="$PATH:/usr/sbin:/sbin"

readonly LDIF_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/src/main/resources/ldap"
readonly SYSTEM_SCHEMA_DIR=/etc/ldap/schema
readonly MODULE_DIR=/usr/lib/ldap
readonly SUFFIX=dc=passerelle,dc=test
readonly ADMIN_DN="cn=admin,$SUFFIX"
# consumers replicate as this entry of the provider: it reads everything, passwords included
readonly REPLICATION_DN="cn=replicator,$SUFFIX"
readonly WAIT_SECONDS=10

# process_alive, wait_until, terminate, ...: shared with the cluster's scripts
source "$(dirname "${BASH_SOURCE[0]}")/../cluster/processes.sh"

usage() {
  echo "usage: $0 start --dir DIR --port PORT [--password PASSWORD] [--no-sample]" >&2
  echo "                [--provider [--replication-password SECRET]]" >&2
  echo "       $0 start --dir DIR --port PORT [--password PASSWORD] --consumer-of URL [--replication-password SECRET]" >&2
  echo "       $0 stop --dir DIR" >&2
  exit 2
}

fail() {
  echo "slapd.sh: $*" >&2
  exit 1
}

# True while PID is a live slapd, so that a stale pid file never gets another process killed.
slapd_running() {
  process_named "$1" slapd
}

# Paths are quoted, and spaces escaped in the include URL, so DIR and the checkout may contain spaces.
# ROLE is standalone, provider or consumer; a consumer replicates PROVIDER_URL with its password.
# No line of the database entry may be empty: an empty line ends an LDIF entry.
write_config_ldif() {
  local dir=$1 password_hash=$2 role=$3 provider_url=${4:-} replication_password=${5:-}
  {
    cat <<EOF
dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: "$dir/slapd.pid"
olcArgsFile: "$dir/slapd.args"
olcTLSCertificateFile: "$dir/tls/cert.pem"
olcTLSCertificateKeyFile: "$dir/tls/key.pem"
olcTLSProtocolMin: 3.3

dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: $MODULE_DIR
olcModuleLoad: back_mdb
EOF
    [[ $role == provider ]] && echo "olcModuleLoad: syncprov"
    cat <<EOF

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

include: file://$SYSTEM_SCHEMA_DIR/core.ldif
include: file://$SYSTEM_SCHEMA_DIR/cosine.ldif
include: file://$SYSTEM_SCHEMA_DIR/inetorgperson.ldif
include: file://$SYSTEM_SCHEMA_DIR/misc.ldif
include: file://${LDIF_DIR// /%20}/passerelle.ldif

dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcSuffix: $SUFFIX
olcRootDN: $ADMIN_DN
olcRootPW: $password_hash
olcDbDirectory: "$dir/data"
olcDbMaxSize: 104857600
olcDbIndex: objectClass eq
olcDbIndex: pslNetwork eq
olcDbIndex: pslDomainName eq
olcDbIndex: pslStatus eq
olcDbIndex: pslAllowedSender eq,sub
olcDbIndex: mail eq
olcDbIndex: mailLocalAddress eq
olcDbIndex: uid eq
olcDbIndex: member eq
olcDbIndex: pslManager eq
olcDbIndex: pslOwner eq
olcDbIndex: pslEntity eq
olcDbIndex: pslGateway eq
olcAccess: to attrs=userPassword by dn.exact="$REPLICATION_DN" read by anonymous auth by self write by * none
olcAccess: to * by * read
EOF
    if [[ $role != standalone ]]; then
      # syncrepl finds entries and changes by these two operational attributes (slapo-syncprov(5))
      cat <<EOF
olcDbIndex: entryCSN eq
olcDbIndex: entryUUID eq
olcLimits: dn.exact="$REPLICATION_DN" time=unlimited size=unlimited
EOF
    fi
    if [[ $role == consumer ]]; then
      # refreshAndPersist: the provider pushes each change as it is made. Retry every second 30
      # times, then every 5 s for ever, so that a restarted provider is found again. Writes sent
      # here get a referral to the provider (Passerelle does not follow it: a misdirected write fails).
      cat <<EOF
olcSyncrepl: rid=001 provider=$provider_url bindmethod=simple binddn="$REPLICATION_DN"
  credentials="$replication_password" searchbase="$SUFFIX" type=refreshAndPersist
  retry="1 30 5 +" network-timeout=5 timeout=5
olcUpdateRef: $provider_url
EOF
    fi
    if [[ $role == provider ]]; then
      # the contextCSN is saved every 100 changes or 10 minutes; the session log lets a consumer
      # that was away catch up with the changes it missed rather than with a full refresh
      cat <<EOF

dn: olcOverlay={0}syncprov,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcSyncProvConfig
olcOverlay: {0}syncprov
olcSpCheckpoint: 100 10
olcSpSessionLog: 1000
EOF
    fi
  } > "$dir/config.ldif"
}

# The provider's replication identity, which consumers bind as.
write_replicator_ldif() {
  local dir=$1 password_hash=$2
  cat > "$dir/replicator.ldif" <<EOF
dn: $REPLICATION_DN
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: replicator
description: the identity syncrepl consumers read this directory as
userPassword: $password_hash
EOF
}

# bounded, since something else holding the port may accept and never answer
admin_answers() {
  local port=$1 password=$2
  timeout 2 ldapsearch -x -LLL -H "ldap://127.0.0.1:$port/" -D "$ADMIN_DN" -w "$password" -b "$SUFFIX" -s base dn > /dev/null 2>&1
}

# Waits until slapd PID answers, or stops it; not slapd_running: until the forked shell execs
# slapd, the process has the script's name.
wait_until_answering() {
  local dir=$1 port=$2 password=$3 pid=$4 hint=${5:-} waited=0
  wait_until "$pid" "$WAIT_SECONDS" admin_answers "$port" "$password" || waited=$?
  ((waited == 0)) && return 0
  if ((waited == 1)); then
    tail -n 50 "$dir/slapd.log" >&2
    fail "slapd exited during startup"
  fi
  kill "$pid"
  tail -n 50 "$dir/slapd.log" >&2
  fail "slapd did not answer on port $port within $WAIT_SECONDS s, stopped it$hint"
}

# The contextCSN of the suffix at URL: the state of the last change it holds (one value per provider).
context_csn() {
  local url=$1 dn=$2 password=$3
  timeout 2 ldapsearch -x -LLL -o ldif-wrap=no -H "$url" -D "$dn" -w "$password" -b "$SUFFIX" -s base contextCSN 2> /dev/null \
    | sed -n 's/^contextCSN: //p' | sort
}

# True once the consumer on PORT has the same contextCSN as its provider.
in_step() {
  local port=$1 password=$2 provider_url=$3 replication_password=$4 wanted
  wanted=$(context_csn "$provider_url" "$REPLICATION_DN" "$replication_password")
  [[ -n $wanted && $wanted == "$(context_csn "ldap://127.0.0.1:$port/" "$ADMIN_DN" "$password")" ]]
}

# A consumer holds the base entry before the rest of the tree: it is in step with its provider once
# both have the same contextCSN.
wait_until_replicated() {
  local dir=$1 port=$2 password=$3 pid=$4 provider_url=$5 replication_password=$6
  wait_until "$pid" "$WAIT_SECONDS" in_step "$port" "$password" "$provider_url" "$replication_password" && return 0
  kill "$pid" 2> /dev/null || true
  tail -n 50 "$dir/slapd.log" >&2
  fail "the consumer on port $port did not catch up with $provider_url within $WAIT_SECONDS s, stopped it"
}

# Generated once per DIR, so that a restarted slapd keeps the certificate its clients trust.
write_tls_material() {
  local dir=$1
  [[ -f $dir/tls/truststore.p12 ]] && return 0
  mkdir -p "$dir/tls"
  openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=localhost" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$dir/tls/key.pem" -out "$dir/tls/cert.pem" 2> /dev/null
  keytool -importcert -noprompt -alias slapd -file "$dir/tls/cert.pem" -storetype PKCS12 \
    -keystore "$dir/tls/truststore.p12" -storepass changeit > /dev/null 2>&1
}

start() {
  local dir="" port="" password=passerelle load_sample=true role=standalone provider_url="" replication_password=""
  while (($#)); do
    case $1 in
      --dir) dir=${2:?--dir needs a value}; shift 2 ;;
      --port) port=${2:?--port needs a value}; shift 2 ;;
      --password) password=${2:?--password needs a value}; shift 2 ;;
      --no-sample) load_sample=false; shift ;;
      --provider) [[ $role == standalone ]] || usage; role=provider; shift ;;
      --consumer-of) [[ $role == standalone ]] || usage
        role=consumer; provider_url=${2:?--consumer-of needs the provider URL}; shift 2 ;;
      --replication-password) replication_password=${2:?--replication-password needs a value}; shift 2 ;;
      *) usage ;;
    esac
  done
  [[ -n $dir && $port =~ ^[0-9]+$ ]] || usage
  if [[ $role == consumer ]]; then
    [[ $provider_url =~ ^ldaps?://[^/]+/?$ ]] || fail "--consumer-of takes the provider's URL, such as ldap://127.0.0.1:11389/"
    $load_sample || fail "--no-sample does not apply to a consumer: it holds what its provider holds"
  fi
  [[ $role != standalone || -z $replication_password ]] || fail "--replication-password needs --provider or --consumer-of"
  replication_password=${replication_password:-$password}
  local tool
  for tool in slapd slapadd slappasswd ldapsearch timeout openssl keytool; do
    command -v "$tool" > /dev/null || fail "$tool not found (install slapd, ldap-utils, openssl and a JDK)"
  done
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)

  # a fresh directory on each start; only our own files are removed, never DIR itself
  stop --dir "$dir"
  rm -rf "$dir/config" "$dir/data" "$dir/config.ldif" "$dir/replicator.ldif" "$dir/slapd.args"
  mkdir "$dir/config" "$dir/data"

  # another server on the port (a slapd left running by an interrupted build, say) would answer
  # in place of this one, with other data and another certificate
  if port_answers 127.0.0.1 "$port"; then
    fail "port $port is already in use (ss -ltnp 'sport = :$port' shows by what)"
  fi

  write_tls_material "$dir"
  write_config_ldif "$dir" "$(slappasswd -s "$password")" "$role" "$provider_url" "$replication_password"
  slapadd -n0 -F "$dir/config" -l "$dir/config.ldif"
  if [[ $role != consumer ]]; then
    # -w writes the contextCSN, which consumers start from (slapadd(8))
    slapadd -w -n1 -F "$dir/config" -l "$LDIF_DIR/base.ldif"
    if [[ $role == provider ]]; then
      write_replicator_ldif "$dir" "$(slappasswd -s "$replication_password")"
      slapadd -w -n1 -F "$dir/config" -l "$dir/replicator.ldif"
    fi
    if $load_sample; then
      slapadd -w -n1 -F "$dir/config" -l "$LDIF_DIR/sample.ldif"
    fi
  fi

  # -d keeps slapd in the foreground so its log goes to a file; stats logs connections and errors;
  # the log is appended to, so that it tells the whole story of a test run with restarts
  slapd -d stats -F "$dir/config" -h "ldap://127.0.0.1:$port/" < /dev/null >> "$dir/slapd.log" 2>&1 &
  local pid=$!
  # on a consumer, the base search answers once the base entry has replicated
  wait_until_answering "$dir" "$port" "$password" "$pid" \
    "${provider_url:+ (a consumer answers once it holds the base entry: is $provider_url up, and the replication password its own?)}"
  if [[ $role == consumer ]]; then
    wait_until_replicated "$dir" "$port" "$password" "$pid" "$provider_url" "$replication_password"
  fi
  echo "slapd listening on ldap://127.0.0.1:$port/ (pid $pid, dir $dir${provider_url:+, consumer of $provider_url}$([[ $role == provider ]] && echo ", provider"))"
}

stop() {
  local dir=""
  while (($#)); do
    case $1 in
      --dir) dir=${2:?--dir needs a value}; shift 2 ;;
      *) usage ;;
    esac
  done
  [[ -n $dir ]] || usage
  local pid_file="$dir/slapd.pid" pid
  [[ -f $pid_file ]] || return 0
  if pid=$(recorded_pid "$pid_file"); then
    terminate "$pid" "$WAIT_SECONDS" slapd_running "$pid" || fail "slapd (pid $pid) still running after $WAIT_SECONDS s"
  fi
  rm -f "$pid_file"
}

run_command "start stop" "$@"
