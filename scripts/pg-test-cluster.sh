#!/usr/bin/env bash
# Runs a command (the tests) with a throwaway PostgreSQL: installs Debian's `postgresql` when it
# is missing (needs root, as CI runs), initdb's a cluster in a temporary folder (as `postgres`
# when root: PostgreSQL refuses to run as root), starts it on a free loopback port, exports
# PG_TEST_URL for the command, then stops and removes the cluster, whatever the command did.
# Not DATABASE_URL: that names the app's SQLite file in the tests. With PG_TEST_URL already set,
# or no PostgreSQL and no root to install it, the command runs as it is (the PostgreSQL tests
# then skip and say why). PG_PORT chooses the port. Usage: scripts/pg-test-cluster.sh COMMAND [ARGS...]
set -euo pipefail

if [ -n "${PG_TEST_URL:-}" ]; then exec "$@"; fi

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

BIN=$(pg_bin)
if [ -z "$BIN" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	echo "Installing postgresql from Debian…" >&2
	# Only the throwaway cluster below: no system cluster on port 5432.
	if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
		mkdir -p /etc/postgresql-common
		echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >&2
	apt-get install -y -q --no-install-recommends postgresql >&2
	BIN=$(pg_bin)
fi
if [ -z "$BIN" ]; then
	echo "PostgreSQL is not installed (as root: apt-get install postgresql); its tests are skipped." >&2
	exec "$@"
fi

DIR=$(mktemp -d /tmp/sahakar-pg.XXXXXX)
AS=()
if [ "$(id -u)" = 0 ]; then
	chown postgres "$DIR"
	AS=(runuser -u postgres --)
fi
cleanup() {
	"${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$DIR"
}
trap cleanup EXIT

PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
PORT=${PG_PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
"${AS[@]}" bash -c "echo '$PASSWORD' >'$DIR/password'"
"${AS[@]}" "$BIN/initdb" -D "$DIR/data" -U sahakar --pwfile="$DIR/password" --auth=scram-sha-256 \
	-E UTF8 --locale=C --no-sync >"$DIR/initdb.log" || { cat "$DIR/initdb.log" >&2; exit 1; }
# A throwaway cluster: durability is not worth the seconds.
"${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -o \
	"-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
	start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }

export PG_TEST_URL="postgres://sahakar:$PASSWORD@127.0.0.1:$PORT/postgres"
echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') for the tests on 127.0.0.1:$PORT ($DIR), PG_TEST_URL set" >&2
"$@"
