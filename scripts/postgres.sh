# Sourced by test.sh: starts a throwaway PostgreSQL server for the suite's
# PostgreSQL entries (the *_pg tests, and tst_cli's URL test) and stops it
# when the script exits, also when tests fail.
# shellcheck shell=bash

ms_start_postgres() {
    local bin port
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
        echo "mapperscope: PostgreSQL's initdb is not installed (Debian package postgresql)" >&2
        exit 1
    fi
    MS_PG_DIR=$(mktemp -d /tmp/mapperscope-pg.XXXXXX)
    # The server refuses to run as root: then it runs as nobody.
    if [ "$(id -u)" -eq 0 ]; then
        chown nobody "$MS_PG_DIR"
        ms_pg() { (cd "$MS_PG_DIR" && runuser -u nobody -- "$@"); }
    else
        ms_pg() { (cd "$MS_PG_DIR" && "$@"); }
    fi
    MS_PG_BIN=$bin
    trap ms_stop_postgres EXIT
    if ! ms_pg "$bin/initdb" -D "$MS_PG_DIR/data" -U mapperscope --auth=trust -E UTF8 --no-locale \
        >"$MS_PG_DIR/initdb.log" 2>&1; then
        echo "mapperscope: initdb failed:" >&2
        cat "$MS_PG_DIR/initdb.log" >&2
        exit 1
    fi
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    if ! ms_pg "$bin/pg_ctl" -D "$MS_PG_DIR/data" -l "$MS_PG_DIR/server.log" -w -t 60 \
        -o "-p $port -k $MS_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" \
        start >/dev/null; then
        echo "mapperscope: the PostgreSQL server did not start:" >&2
        cat "$MS_PG_DIR/server.log" >&2
        exit 1
    fi
    export MS_TEST_PGURL="postgresql://mapperscope@127.0.0.1:$port/postgres"
    echo "mapperscope: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $port for the *_pg tests" >&2
}

ms_stop_postgres() {
    [ -n "${MS_PG_DIR:-}" ] || return 0
    ms_pg "$MS_PG_BIN/pg_ctl" -D "$MS_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$MS_PG_DIR"
}
