#!/usr/bin/env bash
# Trains the JDK's AOT cache (JEP 483/514/515) for the packaged service: `package` runs this after
# Quarkus has built target/quarkus-app (aot-jar layout). It starts the jar once on an empty embedded
# database with -XX:AOTCacheOutput and the manifest's JVM flags, walks every main path (first start,
# sign-in, each grant, verification, admin, discovery, metrics) a few times, stops it with SIGTERM
# and leaves target/quarkus-app/app.aot, which the JVM writes on exit.
#
# Why not Quarkus's own build-phase recording: it stops right after static init, so none of
# Hibernate's session factory, H2, Flyway's migration or the HTTP paths are in that cache; a restart
# then loads about 7,000 classes from the jars (measured: 7.6 s to ready on one core against 4.0 s).
#
#   src/main/aot/train.sh [quarkus-app dir]     # AOT_TRAINING=skip skips it (the build then has no cache)
set -euo pipefail
APP=$(cd "${1:-target/quarkus-app}" && pwd)
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
[ "${AOT_TRAINING:-}" != skip ] || { echo "aot: training skipped (AOT_TRAINING=skip)"; rm -f "$APP/app.aot"; exit 0; }
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
[ "${FEATURE%%.*}" -ge 25 ] || { echo "aot: JDK $FEATURE has no one-step AOT cache (needs 25); no app.aot" >&2; rm -f "$APP/app.aot"; exit 0; }

# the manifest's flags: the cache is only mapped by a JVM with the same GC and object-header layout;
# MaxMetaspaceSize is left out of the recording (the dump needs more room than the running service)
FLAGS=$(sed -n 's/^quarkus\.kubernetes\.env\.vars\.java-opts=//p' "$ROOT/src/main/resources/application.properties" \
    | sed -e 's/ *-XX:AOTCache=[^ ]*//' -e 's/ *-XX:MaxMetaspaceSize=[^ ]*//')
work=$(mktemp -d)
PORT=${AOT_TRAINING_PORT:-$(( 20000 + RANDOM % 20000 ))}
MANAGEMENT_PORT=$(( PORT + 1 ))
BASE=http://127.0.0.1:$PORT
ADMIN_PASSWORD="Training-Pass-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"
pid=
cleanup() { [ -z "$pid" ] || kill -9 "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
rm -f "$APP/app.aot"

# shellcheck disable=SC2086 # FLAGS is a list of JVM flags
(cd "$work" && AUTH_KEYS_MASTER_KEY=$(head -c 32 /dev/urandom | base64) AUTH_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT \
    QUARKUS_SHUTDOWN_DELAY_ENABLED=false \
    exec "$JAVA" $FLAGS -XX:AOTCacheOutput="$APP/app.aot" -Xlog:aot=error,cds=error -jar "$APP/quarkus-run.jar" >"$work/service.log" 2>&1) &
pid=$!
for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready")" = 200 ] && break
    kill -0 "$pid" 2>/dev/null || { tail -40 "$work/service.log" >&2; echo "aot: the training run did not start" >&2; exit 1; }
    sleep 0.1
done

fail() { echo "aot: $*" >&2; tail -40 "$work/service.log" >&2; exit 1; }
# call METHOD PATH [curl args...]: the body; fails the build on a 5xx or a refused connection
call() {
    local method=$1 path=$2; shift 2
    local out status
    out=$(curl -s -X "$method" -w '\n%{http_code}' --max-time 20 "$@" "$BASE$path") || fail "$method $path: no answer"
    status=${out##*$'\n'}
    [ "$status" -lt 500 ] || fail "$method $path answered $status"
    printf '%s' "${out%$'\n'*}"
}
field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }
form=(-H 'Content-Type: application/x-www-form-urlencoded')
json=(-H 'Content-Type: application/json')

login=$(call POST /auth/token "${form[@]}" --data-urlencode grant_type=password --data-urlencode username=admin --data-urlencode "password=$ADMIN_PASSWORD")
admin=$(printf '%s' "$login" | field access_token)
refresh=$(printf '%s' "$login" | field refresh_token)
[ -n "$admin" ] || fail "no admin token: $login"
bearer=(-H "Authorization: Bearer $admin")
call POST /admin/users "${json[@]}" "${bearer[@]}" -d '{"username":"trainee","password":"Trainee-Pass-4711-xyz","roles":["user"]}' >/dev/null
secret=$(call POST /admin/clients "${json[@]}" "${bearer[@]}" -d '{"client_id":"training","roles":["user"]}' | field client_secret)
call POST /admin/clients "${json[@]}" "${bearer[@]}" -d '{"client_id":"training-app","type":"public","roles":["user"],"redirect_uris":["http://localhost:7/cb"]}' >/dev/null

for _ in $(seq 1 "${AOT_TRAINING_ROUNDS:-40}"); do
    token=$(call POST /auth/token "${form[@]}" -u "training:$secret" -d grant_type=client_credentials | field access_token)
    for path in /api/user /api/public /api/claims /api/admin; do call GET "$path" -H "Authorization: Bearer $token" >/dev/null; done
    call GET /api/user -H "Authorization: Bearer not.a.token" >/dev/null
    call GET /api/user >/dev/null
    call POST /auth/introspect "${form[@]}" -u "training:$secret" --data-urlencode "token=$token" >/dev/null
    next=$(call POST /auth/token "${form[@]}" --data-urlencode grant_type=refresh_token --data-urlencode "refresh_token=$refresh")
    refresh=$(printf '%s' "$next" | field refresh_token)
    [ -n "$refresh" ] || fail "refresh failed: $next"
    call GET /.well-known/jwks.json >/dev/null
    call GET /.well-known/openid-configuration >/dev/null
done
for _ in 1 2 3; do
    call POST /auth/login "${json[@]}" -d '{"username":"trainee","password":"Trainee-Pass-4711-xyz"}' >/dev/null
    call POST /auth/login "${json[@]}" -d '{"username":"nobody","password":"wrong-password"}' >/dev/null
    call GET "/auth/authorize?response_type=code&client_id=training-app&redirect_uri=http%3A%2F%2Flocalhost%3A7%2Fcb&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&scope=openid&state=s" >/dev/null
    call GET "/admin/users?page=0&size=20" "${bearer[@]}" >/dev/null
    call GET /admin/clients "${bearer[@]}" >/dev/null
    call GET "/admin/audit?size=20" "${bearer[@]}" >/dev/null
    call GET /admin/keys "${bearer[@]}" >/dev/null
    call GET /console/ >/dev/null
    curl -s -o /dev/null "http://127.0.0.1:$MANAGEMENT_PORT/q/metrics"
done
call POST /auth/logout "${bearer[@]}" >/dev/null

kill -TERM "$pid"
wait "$pid" || true
pid=
[ -s "$APP/app.aot" ] || fail "the JVM wrote no $APP/app.aot"
echo "aot: trained $APP/app.aot ($(( $(stat -c %s "$APP/app.aot") / 1048576 )) MiB) with: $FLAGS"
