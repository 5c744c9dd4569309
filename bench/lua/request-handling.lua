-- A request-handling simulation: parse an HTTP/1.1 request head, route by path prefix to a
-- handler, build a response head and body, as a web gateway does per request.
local n = tonumber(arg and arg[1]) or 150000

local find, sub, lower, format, concat, byte = string.find, string.sub, string.lower, string.format, table.concat, string.byte

local function parseRequest(raw)
  local lineEnd = find(raw, "\r\n", 1, true)
  local method, target, version = sub(raw, 1, lineEnd - 1):match("^(%u+) (%S+) HTTP/(%d%.%d)$")
  if not method then return nil, "bad request line" end
  local headers = {}
  local pos = lineEnd + 2
  while true do
    local e = find(raw, "\r\n", pos, true)
    if not e or e == pos then break end
    local colon = find(raw, ":", pos, true)
    if not colon or colon > e then return nil, "bad header" end
    local name = lower(sub(raw, pos, colon - 1))
    local value = sub(raw, colon + 1, e - 1):match("^%s*(.-)%s*$")
    local old = headers[name]
    headers[name] = old and (old .. ", " .. value) or value
    pos = e + 2
  end
  local path, query = target, nil
  local q = find(target, "?", 1, true)
  if q then path, query = sub(target, 1, q - 1), sub(target, q + 1) end
  local args = {}
  if query then
    for k, v in query:gmatch("([^&=]+)=([^&]*)") do args[k] = v end
  end
  return { method = method, path = path, args = args, version = version, headers = headers }
end

-- Handlers: each returns status, content type and body.
local handlers = {}
function handlers.api(req)
  local id = tonumber(req.args.id) or 0
  return 200, "application/json", format('{"id":%d,"path":"%s","agent":"%s"}', id, req.path, req.headers["user-agent"] or "")
end
function handlers.static(req)
  local ext = req.path:match("%.(%w+)$") or "bin"
  local types = { css = "text/css", js = "application/javascript", png = "image/png" }
  return 200, types[ext] or "application/octet-stream", string.rep("x", #req.path)
end
function handlers.health()
  return 200, "text/plain", "ok\n"
end
function handlers.notFound(req)
  return 404, "text/html", "<html><body>" .. req.path .. " not found</body></html>"
end

-- Longest-prefix routing over a sorted route table.
local routes = {
  { prefix = "/api/v1/", handler = handlers.api },
  { prefix = "/api/", handler = handlers.api },
  { prefix = "/static/", handler = handlers.static },
  { prefix = "/healthz", handler = handlers.health },
}
table.sort(routes, function(a, b) return #a.prefix > #b.prefix end)
local function route(path)
  for i = 1, #routes do
    local r = routes[i]
    if sub(path, 1, #r.prefix) == r.prefix then return r.handler end
  end
  return handlers.notFound
end

local reasons = { [200] = "OK", [404] = "Not Found" }
local function respond(req)
  local status, ctype, body = route(req.path)(req)
  local head = {
    format("HTTP/1.1 %d %s", status, reasons[status]),
    "Server: bench",
    "Content-Type: " .. ctype,
    "Content-Length: " .. #body,
    "Connection: " .. ((req.headers.connection == "close") and "close" or "keep-alive"),
  }
  return concat(head, "\r\n") .. "\r\n\r\n" .. body
end

local paths = { "/api/v1/users?id=%d&verbose=1", "/api/items?id=%d", "/static/app%d.css",
  "/healthz", "/missing/%d", "/static/logo%d.png" }
local agents = { "curl/8.0", "Mozilla/5.0 (X11; Linux x86_64)", "bench-client/1.0" }

local h, statusSum, bytes = 0, 0, 0
for i = 1, n do
  local target = format(paths[i % #paths + 1], i)
  local raw = "GET " .. target .. " HTTP/1.1\r\n" ..
    "Host: example.test\r\n" ..
    "User-Agent: " .. agents[i % #agents + 1] .. "\r\n" ..
    "Accept: */*\r\n" ..
    "X-Request-Id:  req-" .. i .. "  \r\n" ..
    (i % 10 == 0 and "Connection: close\r\n" or "") ..
    "Accept: text/html\r\n\r\n"
  local req = assert(parseRequest(raw))
  local response = respond(req)
  statusSum = statusSum + tonumber(response:sub(10, 12))
  bytes = bytes + #response
  h = (h * 31 + #response + byte(response, #response)) % 2147483647
end
print("requests " .. n, "status sum " .. statusSum, "bytes " .. bytes, "checksum " .. h)
