-- Patterns: string.find, match, gmatch and gsub (with string, table and function replacements)
-- over a generated log text.
local n = tonumber(arg and arg[1]) or 80000

local methods = { "GET", "POST", "PUT", "DELETE" }
local lines = {}
for i = 1, n do
  lines[i] = string.format("10.0.%d.%d - - [12/Mar/2024:10:%02d:%02d +0000] \"%s /api/v%d/items/%d?q=%d HTTP/1.1\" %d %d",
    i % 256, (i * 7) % 256, i % 60, (i * 3) % 60, methods[i % 4 + 1], i % 3 + 1, i, i * 17 % 1000,
    (i % 11 == 0) and 404 or 200, 100 + i % 5000)
end
local text = table.concat(lines, "\n")

local h = 0
local function mix(x) h = (h * 31 + x) % 2147483647 end

-- gmatch over lines with captures.
local bytes, notFound = 0, 0
for ip, method, path, status, size in text:gmatch('(%d+%.%d+%.%d+%.%d+) %- %- %[[^%]]+%] "(%u+) ([^ ]+) HTTP/1%.1" (%d+) (%d+)') do
  bytes = bytes + tonumber(size)
  if status == "404" then notFound = notFound + 1 end
  mix(#ip + #method + #path)
end
mix(bytes); mix(notFound)

-- gsub with a string replacement, a table and a function.
local masked, count1 = text:gsub("(%d+)%.(%d+)%.(%d+)%.(%d+)", "%1.%2.x.x")
mix(#masked); mix(count1)
local verbs = { GET = "get", POST = "post", PUT = "put", DELETE = "delete" }
local lowered, count2 = text:gsub("%u%u+", verbs)
mix(#lowered); mix(count2)
local doubled, count3 = text:gsub("items/(%d+)", function(id) return "items/" .. (tonumber(id) * 2) end)
mix(#doubled); mix(count3)

-- find and match, line by line, including plain find.
for i = 1, n do
  local line = lines[i]
  local s, e = line:find("/api/v%d/")
  local q = line:match("%?q=(%d+)")
  local plain = line:find("HTTP/1.1", 1, true)
  mix(s + e + tonumber(q) + plain)
end
print("lines " .. n, "bytes " .. bytes, "404s " .. notFound, "checksum " .. h)
