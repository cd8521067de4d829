#!/usr/bin/env bash
# Prepares a fresh Passerelle server for a test run: its own copy of the provisioned server's
# standalone folder (configuration, data, logs) and its own, empty PostgreSQL database.
#
#   fresh-server.sh BASE_DIR DATABASE
# Connects as $PSL_TEST_DB_USER (default passerelle, a role with CREATEDB) to 127.0.0.1:5432.
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 BASE_DIR DATABASE" >&2; exit 2; }
base_dir=$1
database=$2
here=$(cd "$(dirname "$0")" && pwd)
server="$here/../ear/target/server"

[ -d "$server/standalone" ] || { echo "fresh-server.sh: no provisioned server in $server" >&2; exit 1; }
rm -rf "$base_dir"
mkdir -p "$(dirname "$base_dir")"
cp -r "$server/standalone" "$base_dir"

export PGOPTIONS="--client-min-messages=warning"
export PGPASSWORD="${PSL_TEST_DB_PASSWORD:-passerelle}"
# "with (force)" may not end an autovacuum worker busy in that database (another role's): try again
for try in 1 2 3 4 5; do
  psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U "${PSL_TEST_DB_USER:-passerelle}" -d postgres \
    -c "drop database if exists $database with (force)" && break
  [ "$try" -lt 5 ] || exit 1
  sleep 2
done
psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U "${PSL_TEST_DB_USER:-passerelle}" -d postgres -c "create database $database"
