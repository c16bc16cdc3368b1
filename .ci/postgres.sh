# Source this file (bash) to get a PostgreSQL server for eventwire's store tests:
#     source .ci/postgres.sh    # installs if needed, starts, creates a database, exports EVENTWIRE_TEST_POSTGRES
#     pytest tests/store
#     eventwire_postgres_stop   # also runs on shell exit when no other EXIT trap is set
# Needs root (apt-get, pg_ctlcluster). Safe to source twice. Variables: EVENTWIRE_PG_DB (eventwire_test),
# EVENTWIRE_PG_USER (eventwire), EVENTWIRE_PG_PASSWORD (eventwire), EVENTWIRE_PG_PORT (the cluster's port).

_eventwire_pg_log() { echo "postgres.sh: $*" >&2; }

eventwire_postgres_start() {
    local db="${EVENTWIRE_PG_DB:-eventwire_test}" user="${EVENTWIRE_PG_USER:-eventwire}"
    local password="${EVENTWIRE_PG_PASSWORD:-eventwire}" version cluster port status
    if ! command -v pg_lsclusters >/dev/null 2>&1; then
        _eventwire_pg_log "installing postgresql"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 || {
            _eventwire_pg_log "apt-get install postgresql failed"; return 1; }
    fi
    # The first cluster listed: "15 main 5432 down postgres ..." (create one if the package made none).
    read -r version cluster port status _ < <(pg_lsclusters -h | head -n 1)
    if [ -z "${version:-}" ]; then
        version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
        pg_createcluster "$version" main >&2 || return 1
        read -r version cluster port status _ < <(pg_lsclusters -h | head -n 1)
    fi
    port="${EVENTWIRE_PG_PORT:-$port}"
    _EVENTWIRE_PG_CLUSTER="$version $cluster"
    if [ "${status:-}" != "online" ]; then
        pg_ctlcluster "$version" "$cluster" start >&2 || { _eventwire_pg_log "could not start $version/$cluster"; return 1; }
        _EVENTWIRE_PG_STARTED=1
    fi
    local psql=(runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qtA)
    for _ in $(seq 1 30); do "${psql[@]}" -c "SELECT 1" >/dev/null 2>&1 && break; sleep 1; done
    local role
    role="$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = '$user'" 2>/dev/null || true)"
    if [ "$role" != "1" ]; then
        "${psql[@]}" -c "CREATE ROLE $user LOGIN PASSWORD '$password'" >&2 || return 1
    fi
    "${psql[@]}" -c "DROP DATABASE IF EXISTS $db" >&2 &&
        "${psql[@]}" -c "CREATE DATABASE $db OWNER $user" >&2 || return 1
    _EVENTWIRE_PG_DB="$db"
    _EVENTWIRE_PG_PORT="$port"
    export EVENTWIRE_TEST_POSTGRES="postgresql://$user:$password@localhost:$port/$db"
    _eventwire_pg_log "ready: EVENTWIRE_TEST_POSTGRES=postgresql://$user:***@localhost:$port/$db"
}

eventwire_postgres_stop() {
    # Drop the test database; stop the server only when this script started it.
    if [ -n "${_EVENTWIRE_PG_DB:-}" ]; then
        runuser -u postgres -- psql -p "$_EVENTWIRE_PG_PORT" -qtA -c "DROP DATABASE IF EXISTS $_EVENTWIRE_PG_DB WITH (FORCE)" >/dev/null 2>&1
    fi
    if [ -n "${_EVENTWIRE_PG_STARTED:-}" ]; then
        # shellcheck disable=SC2086
        pg_ctlcluster $_EVENTWIRE_PG_CLUSTER stop -m fast >&2
    fi
    unset _EVENTWIRE_PG_DB _EVENTWIRE_PG_STARTED EVENTWIRE_TEST_POSTGRES
}

if eventwire_postgres_start; then
    if [ -z "$(trap -p EXIT)" ]; then
        trap eventwire_postgres_stop EXIT
    else
        _eventwire_pg_log "an EXIT trap is already set; call eventwire_postgres_stop yourself"
    fi
else
    _eventwire_pg_log "PostgreSQL unavailable; the PostgreSQL store tests will skip"
fi
