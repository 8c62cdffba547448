-- POST /auth/token grant_type=password for the user in BENCH_USER / BENCH_PASSWORD (one Argon2 hash each).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "grant_type=password&username=" .. os.getenv("BENCH_USER") .. "&password=" .. os.getenv("BENCH_PASSWORD")
