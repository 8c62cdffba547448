-- POST /auth/token with grant_type=refresh_token. Each thread has one connection and one session
-- (one refresh token from BENCH_REFRESH_TOKENS) and always sends the token the last answer rotated to.
local tokens = {}
for t in string.gmatch(os.getenv("BENCH_REFRESH_TOKENS"), "%S+") do
    table.insert(tokens, t)
end
local next_token = 1

function setup(thread)
    thread:set("token", tokens[next_token])
    next_token = next_token + 1
end

function request()
    return wrk.format("POST", "/auth/token", { ["Content-Type"] = "application/x-www-form-urlencoded" },
        "grant_type=refresh_token&refresh_token=" .. token)
end

function response(status, headers, body)
    local rotated = string.match(body, '"refresh_token":"([^"]+)"')
    if rotated then
        token = rotated
    end
end
