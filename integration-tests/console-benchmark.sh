#!/usr/bin/env bash
# The console with 100,000 messages in tracking: server time of the dashboard and of tracking
# searches, signed in as carol, over HTTPS. A benchmark, not a test: it prints the figures.
#
#   integration-tests/console-benchmark.sh [PORT_OFFSET]   (after mvn -DskipTests package -pl ear -am)
#
# It starts a private slapd (port 10389 + offset), a server (ports + offset) on its own base folder
# and database (passerelle_console_bench), fills the database with 100,000 messages over 30 days
# (20 applications, 1 % deferred, one attempt each), then requests each page five times with curl
# after a warm-up and prints the median time to the first byte: the server's time, on this machine.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
offset=${1:-1300}
work=$here/target/console-bench
database=passerelle_console_bench
ldap_port=$((10389 + offset))
https_port=$((8443 + offset))
export PGPASSWORD=${PSL_TEST_DB_PASSWORD:-passerelle}
psql_bench() { psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U "${PSL_TEST_DB_USER:-passerelle}" -d $database "$@"; }

mkdir -p "$work"
"$here/../ldap-schema/slapd.sh" start --dir "$work/slapd" --port $ldap_port
"$here/fresh-server.sh" "$work/server" $database
trap '"$here/../ldap-schema/slapd.sh" stop --dir "$work/slapd"; [ -f "$work/server.pid" ] && kill "$(cat "$work/server.pid")" 2>/dev/null || true' EXIT

PSL_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$database PSL_LDAP_URL=ldap://127.0.0.1:$ldap_port \
PSL_SMTP_BIND_ADDRESS=127.0.0.1 PSL_SMTP_PORT=$((2525 + offset)) PSL_SUBMISSION_PORT=$((2587 + offset)) \
PSL_SUBMISSIONS_PORT=$((2465 + offset)) LAUNCH_JBOSS_IN_BACKGROUND=true JBOSS_PIDFILE=$work/server.pid \
  "$here/../ear/target/server/bin/standalone.sh" -Djboss.server.base.dir="$work/server" \
  -Djboss.socket.binding.port-offset=$offset > "$work/server.out" 2>&1 &
for _ in $(seq 1 180); do
  curl -ks -o /dev/null "https://127.0.0.1:$https_port/console/" && break
  sleep 1
done

psql_bench <<'SQL'
insert into message (queue_id, received_at, listener, client_address, helo_name, sender, sender_search, message_id, size_bytes,
                     state, state_changed_at, attempts, application, eight_bit_mime, smtputf8, delay_notified)
select 'B' || lpad(upper(to_hex(i)), 15, '0'), now() - (i * interval '26 seconds'), 'relay', '10.20.0.' || (i % 250),
       'host' || (i % 50), 'app' || (i % 20) || '@managed.test', 'app' || (i % 20) || '@managed.test',
       '<' || i || '@bench.test>', 2000 + i % 5000,
       case when i % 100 = 0 then 'DEFERRED' when i % 97 = 0 then 'BOUNCED' when i % 500 = 1 then 'QUEUED' else 'DELIVERED' end,
       now() - (i * interval '26 seconds'), 1, case when i % 20 = 0 then 'billing' else 'app' || (i % 20) end, false, false, false
from generate_series(1, 100000) as i;
insert into message_recipient (queue_id, position, address, state)
select queue_id, 0, 'user' || substr(queue_id, 10) || '@external.test', case when state = 'DELIVERED' then 'DELIVERED' else 'PENDING' end
from message where queue_id like 'B%';
insert into delivery_attempt (queue_id, recipient, attempted_at, next_hop, reply_code, reply_text, duration_ms, outcome)
select queue_id, 'r@external.test', received_at + interval '1 second', '[mx' || (ascii(substr(queue_id, 16)) % 8) || '.external.test]:25',
       case when state = 'DELIVERED' then 250 else 451 end, 'ok', 120, case when state = 'DELIVERED' then 'DELIVERED' else 'PENDING' end
from message where queue_id like 'B%';
vacuum analyze message;
vacuum analyze message_recipient;
vacuum analyze delivery_attempt;
SQL

jar=$work/cookies
base=https://127.0.0.1:$https_port/console
curl -ks -c "$jar" -b "$jar" -o /dev/null "$base/"
curl -ks -c "$jar" -b "$jar" -o /dev/null -d j_username=carol -d j_password=password "$base/j_security_check"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_page() {
  local name=$1 url=$2
  curl -ks -c "$jar" -b "$jar" -o /dev/null "$url"   # warm up
  for _ in 1 2 3 4 5; do
    curl -ks -c "$jar" -b "$jar" -o /dev/null -w '%{time_starttransfer}\n' "$url"
  done | median | awk -v n="$name" '{printf "%-45s %4.0f ms\n", n, $1 * 1000}'
}
time_page "dashboard" "$base/dashboard.xhtml"
time_page "tracking, first page (newest 100)" "$base/tracking.xhtml"
time_page "message page" "$base/message.xhtml?queueId=B00000000000C352"
# a search is a POST of the tracking form: take its view state first
search_page() {
  local field=$1 value=$2 page state nonce
  page=$(curl -ks -c "$jar" -b "$jar" "$base/tracking.xhtml")
  state=$(printf '%s' "$page" | grep -o 'name="jakarta.faces.ViewState"[^>]*value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  # PrimeFaces' CSP mode refuses a POST without the page's nonce
  nonce=$(printf '%s' "$page" | grep -o ' nonce="[^"]*"' | head -1 | sed 's/.*nonce="//; s/"$//')
  local output=(-o -)
  [ -n "${3:-}" ] && output=(-o /dev/null -w "$3")
  curl -ks -c "$jar" -b "$jar" "${output[@]}" \
    --data-urlencode "search=search" --data-urlencode "search:$field=$value" --data-urlencode "search:go=search:go" \
    --data-urlencode "jakarta.faces.ViewState=$state" --data-urlencode "primefaces.nonce=$nonce" "$base/tracking.xhtml"
}
search() {
  search_page "$1" "$2" '%{time_starttransfer}\n'
}
# each search must find what it looks for: count the queue ids of the answer once
check() {
  local found
  search_page "$1" "$2" > "$work/search-$1.html"
  found=$(grep -o 'class="queue-id"' "$work/search-$1.html" | wc -l || true)
  echo "  (search by $1 finds $found messages)"
}
for field_value in "messageId 50000@bench.test" "sender app7@managed.test" "client 10.20.0.7" "recipient user000C350@external.test"; do
  set -- $field_value
  check "$1" "$2"
  search "$1" "$2" >/dev/null
  for _ in 1 2 3 4 5; do search "$1" "$2"; done | median | awk -v n="tracking search by $1" '{printf "%-45s %4.0f ms\n", n, $1 * 1000}'
done
