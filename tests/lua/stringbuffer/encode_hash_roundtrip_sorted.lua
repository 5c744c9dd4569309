-- Tables with hash parts round-trip through encode/decode; the byte order of the hash part is not
-- compared (LuaJIT writes it in its hash-node order, which for string keys varies between runs).
local buffer = require "string.buffer"
local function dump(v)
  if type(v) ~= "table" then return type(v) == "string" and ("%q"):format(v) or tostring(v) end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    if type(a) == type(b) then return a < b end
    return type(a) < type(b)
  end)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = dump(k) .. "=" .. dump(v[k]) end
  return "{" .. table.concat(parts, ",") .. "}"
end
local t = { 1, 2, 3, name = "x", flag = true, [10] = "ten", [-1] = "minus", [0.5] = "half",
  nested = { a = { b = { c = "deep" } }, list = { "p", "q" } } }
local s = buffer.encode(t)
print(#s, dump(buffer.decode(s)))
local keys = {}
for i = 1, 200 do keys["k" .. i] = i end
local back = buffer.decode(buffer.encode(keys))
local sum = 0 for _, v in pairs(back) do sum = sum + v end
print(sum, #buffer.encode(keys))
