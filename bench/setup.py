"""Benchmark fixtures over one keep-alive connection: a user, a client, N access tokens, M sessions.

Usage: python3 bench/setup.py BASE_URL ADMIN_PASSWORD OUT_DIR TOKENS SESSIONS
Writes OUT_DIR/tokens.txt (client_credentials access tokens, one a line), OUT_DIR/refresh.txt
(one refresh token per session, one a line) and OUT_DIR/env (shell assignments for the Lua scripts).
"""
import base64
import http.client
import json
import secrets
import sys
import urllib.parse
from concurrent.futures import ThreadPoolExecutor


def connection(base):
    url = urllib.parse.urlsplit(base)
    return http.client.HTTPConnection(url.hostname, url.port, timeout=60)


def call(conn, method, path, body=None, headers=None, form=False):
    headers = dict(headers or {})
    if body is not None:
        if form:
            body = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        else:
            body = json.dumps(body)
            headers["Content-Type"] = "application/json"
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    if response.status >= 300:
        raise SystemExit(f"setup: {method} {path} answered {response.status}: {data[:200]!r}")
    return json.loads(data) if data else None


def login(base, username, password):
    conn = connection(base)
    try:
        return call(conn, "POST", "/auth/token",
                    {"grant_type": "password", "username": username, "password": password}, form=True)
    finally:
        conn.close()


def main():
    base, admin_password, out, tokens, sessions = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    conn = connection(base)
    admin = login(base, "admin", admin_password)["access_token"]
    auth = {"Authorization": "Bearer " + admin}
    user, password = "loadtest", "Load-Pass-" + secrets.token_urlsafe(12)
    call(conn, "POST", "/admin/users", {"username": user, "password": password, "roles": ["user"]}, auth)
    secret = call(conn, "POST", "/admin/clients", {"client_id": "bench-client", "roles": ["user"]}, auth)["client_secret"]
    basic = base64.b64encode(f"bench-client:{secret}".encode()).decode()
    with open(f"{out}/tokens.txt", "w") as f:
        for _ in range(tokens):
            token = call(conn, "POST", "/auth/token", {"grant_type": "client_credentials"},
                         {"Authorization": "Basic " + basic}, form=True)["access_token"]
            f.write(token + "\n")
    # logins cost one Argon2 hash (19 MiB of heap) each: two at a time
    with ThreadPoolExecutor(2) as pool:
        refresh = list(pool.map(lambda _: login(base, user, password)["refresh_token"], range(sessions)))
    with open(f"{out}/refresh.txt", "w") as f:
        f.write("\n".join(refresh) + "\n")
    with open(f"{out}/env", "w") as f:
        f.write(f"BENCH_BASIC={basic}\nBENCH_USER={user}\nBENCH_PASSWORD={password}\n")
    conn.close()


if __name__ == "__main__":
    main()
