-- POST /auth/token grant_type=refresh_token over many sessions (BENCH_REFRESH_FILE, one refresh token a
-- line, dealt out to the threads). Each request takes an idle session's latest refresh token and each
-- answer puts the rotated token back, so every connection always rotates a chain of its own, one
-- request in flight per chain, and never replays a used token. A refused answer drops that chain.
local all = {}
for line in io.lines(os.getenv("BENCH_REFRESH_FILE")) do
    if #line > 0 then
        all[#all + 1] = line
    end
end
local threads = {}

function setup(thread)
    threads[#threads + 1] = thread
    thread:set("id", #threads)
end

function init(args)
    -- each thread has its own Lua state: the number of threads comes from the environment (bench/run.sh uses -t1)
    idle, first, last = {}, 1, 0
    local count = tonumber(os.getenv("BENCH_WRK_THREADS") or "1")
    for n = 1, #all do
        if (n - 1) % count == id - 1 then
            last = last + 1
            idle[last] = all[n]
        end
    end
    lost = 0
end

function request()
    if first > last then
        -- every chain of this thread is in flight or lost: an invalid token, counted as non-2xx
        return wrk.format("POST", "/auth/token", { ["Content-Type"] = "application/x-www-form-urlencoded" },
            "grant_type=refresh_token&refresh_token=exhausted")
    end
    local token = idle[first]
    idle[first] = nil
    first = first + 1
    return wrk.format("POST", "/auth/token", { ["Content-Type"] = "application/x-www-form-urlencoded" },
        "grant_type=refresh_token&refresh_token=" .. token)
end

function response(status, headers, body)
    local rotated = string.match(body, '"refresh_token":"([^"]+)"')
    if status == 200 and rotated then
        last = last + 1
        idle[last] = rotated
    else
        lost = lost + 1
    end
end

-- Writes every chain's latest refresh token to BENCH_REFRESH_OUT, so the next run goes on with them
-- (a chain whose request was in flight when wrk stopped is left out: its token was already used).
function done(summary, latency, requests)
    local out = assert(io.open(os.getenv("BENCH_REFRESH_OUT"), "w"))
    local lost = 0
    for _, t in ipairs(threads) do
        local idle, first, last = t:get("idle"), t:get("first"), t:get("last")
        for n = first, last do
            out:write(idle[n], "\n")
        end
        lost = lost + t:get("lost")
    end
    out:close()
    io.write(string.format("refresh answers without a new token: %d\n", lost))
end
