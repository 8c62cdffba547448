#!/usr/bin/env bash
# Benchmark for SPEC §9, against the packaged service on this machine only (127.0.0.1).
#   bench/run.sh            # builds the jar if missing; BENCH_DURATION=20s BENCH_CONNECTIONS=32 to change the load
# Prints a Markdown table: start-to-ready, @RolesAllowed vs @PermitAll throughput, token issuance vs
# the raw signing cost, password-grant rate, and memory before/after the sustained load.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-15s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
PORT=${BENCH_PORT:-18080}
BASE=http://127.0.0.1:$PORT
# health and metrics live on the management port
MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-19000}
HEALTH=http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready
ALG=${BENCH_ALGORITHM:-RS256}
MASTER_KEY=$(head -c 32 /dev/urandom | base64)
ADMIN_PASSWORD="Bench-Operator-$(head -c 9 /dev/urandom | base64 | tr -d '/+=')"

if ! command -v wrk >/dev/null; then
    echo "bench: installing wrk (Debian package)" >&2
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

work=$(mktemp -d)
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; [ -n "${BENCH_KEEP:-}" ] && echo "bench: kept $work" >&2 || rm -rf "$work"; }
trap cleanup EXIT

json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }
rss_mb() { echo $(( $(ps -o rss= -p "$pid") / 1024 )); }
# requests per second reported by wrk for one run
rps() { wrk -t2 -c"$CONNECTIONS" -d"$DURATION" "$@" | tee -a "$work/wrk.log" | awk '/Requests\/sec/ {print int($2)}'; }

start_ns=$(date +%s%N)
(cd "$work" && AUTH_KEYS_MASTER_KEY=$MASTER_KEY AUTH_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD \
    AUTH_KEYS_ALGORITHM=$ALG QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
    exec java -Xmx512m -jar "$OLDPWD/target/quarkus-app/quarkus-run.jar" > "$work/service.log" 2>&1) &
pid=$!
until curl -sf "$HEALTH" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/service.log"; exit 1; }
    sleep 0.05
done
ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
# a second start on the same data, the way a replica restarts (keys and admin already exist)
kill "$pid"; wait "$pid" 2>/dev/null || true
start_ns=$(date +%s%N)
(cd "$work" && AUTH_KEYS_MASTER_KEY=$MASTER_KEY AUTH_KEYS_ALGORITHM=$ALG QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT \
    QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
    exec java -Xmx512m -jar "$OLDPWD/target/quarkus-app/quarkus-run.jar" >> "$work/service.log" 2>&1) &
pid=$!
until curl -sf "$HEALTH" >/dev/null; do sleep 0.05; done
restart_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))

login() { curl -sf "$BASE/auth/login" -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}"; }
ADMIN_TOKEN=$(login admin "$ADMIN_PASSWORD" | json '["access_token"]')
BENCH_USER=loadtest
BENCH_PASSWORD="Load-Pass-$(head -c 9 /dev/urandom | base64 | tr -d '/+=')"
curl -sf "$BASE/admin/users" -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$BENCH_USER\",\"password\":\"$BENCH_PASSWORD\",\"roles\":[\"user\"]}" >/dev/null
USER_TOKEN=$(login "$BENCH_USER" "$BENCH_PASSWORD" | json '["access_token"]')
SECRET=$(curl -sf "$BASE/admin/clients" -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    -d '{"client_id":"bench-client","roles":["user"]}' | json '["client_secret"]')
export BENCH_BASIC BENCH_USER BENCH_PASSWORD
BENCH_BASIC=$(printf 'bench-client:%s' "$SECRET" | base64 -w0)

rss_start=$(rss_mb)
# warm-up (JIT), then alternate the two GETs so both see the same machine state
DURATION=5s rps "$BASE/api/public" >/dev/null
DURATION=5s rps -H "Authorization: Bearer $USER_TOKEN" "$BASE/api/user" >/dev/null
public1=$(rps "$BASE/api/public")
user1=$(rps -H "Authorization: Bearer $USER_TOKEN" "$BASE/api/user")
public2=$(rps "$BASE/api/public")
user2=$(rps -H "Authorization: Bearer $USER_TOKEN" "$BASE/api/user")
public=$(( (public1 + public2) / 2 ))
user=$(( (user1 + user2) / 2 ))
# the RSA signing path needs a longer JIT warm-up than the GETs
DURATION=15s rps -s bench/client-credentials.lua "$BASE/auth/token" >/dev/null
client_credentials=$(rps -s bench/client-credentials.lua "$BASE/auth/token")
REFRESH_THREADS=8
BENCH_REFRESH_TOKENS=$(for _ in $(seq 1 $REFRESH_THREADS); do login "$BENCH_USER" "$BENCH_PASSWORD" | json '["refresh_token"]'; done | tr '\n' ' ')
export BENCH_REFRESH_TOKENS
refresh_grant=$(wrk -t$REFRESH_THREADS -c$REFRESH_THREADS -d"$DURATION" -s bench/refresh.lua "$BASE/auth/token" \
    | tee -a "$work/wrk.log" | awk '/Requests\/sec/ {print int($2)}')
password_grant=$(CONNECTIONS=4 rps -s bench/login.lua "$BASE/auth/login")
rss_end=$(rss_mb)
non2xx=$(grep -c "Non-2xx" "$work/wrk.log" || true)

kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
signing=$(java bench/SigningCost.java "$ALG" 10 | awk '{print int($2)}')

ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
cat <<TABLE
| measure ($ALG, $(nproc) cores, wrk -t2 -c$CONNECTIONS -d$DURATION) | result |
|---|---|
| start to ready, empty ./data (key generation, admin creation) | ${ready_ms} ms |
| start to ready, restart on existing ./data | ${restart_ms} ms |
| GET /api/public (@PermitAll) | ${public} req/s |
| GET /api/user (@RolesAllowed, $ALG token) | ${user} req/s ($(ratio "$user" "$public")× public) |
| POST /auth/token client_credentials | ${client_credentials} req/s |
| POST /auth/token refresh_token (rotation, $REFRESH_THREADS sessions) | ${refresh_grant} req/s |
| raw $ALG signing, all cores (bench/SigningCost.java) | ${signing} signatures/s: client_credentials costs $(ratio "$signing" "$client_credentials")×, refresh_token $(ratio "$signing" "$refresh_grant")× the raw signature |
| POST /auth/login (Argon2id 19 MiB, t=2, p=1), 4 connections | ${password_grant} req/s |
| resident memory before / after the load | ${rss_start} MiB / ${rss_end} MiB |
| wrk runs with non-2xx answers | ${non2xx} |
TABLE
