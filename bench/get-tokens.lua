-- GET the URL with a bearer token taken in turn from BENCH_TOKENS_FILE (one a line), so the service
-- sees every distinct token again and again; each thread starts at its own offset.
local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKENS_FILE")) do
    if #line > 0 then
        tokens[#tokens + 1] = "Bearer " .. line
    end
end
local threads = 0

function setup(thread)
    thread:set("offset", threads * 7919)
    threads = threads + 1
end

local i = nil

function request()
    if i == nil then
        i = offset or 0
    end
    i = i + 1
    return wrk.format("GET", nil, { ["Authorization"] = tokens[(i % #tokens) + 1] })
end
