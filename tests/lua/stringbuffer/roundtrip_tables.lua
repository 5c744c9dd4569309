local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Tables round-trip: arrays, holes, hashes, nesting, every key type.
local function dump(v)
  if type(v) ~= "table" then return type(v) == "string" and string.format("%q", v) or tostring(v) end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = "[" .. dump(k) .. "]=" .. dump(v[k]) end
  return "{" .. table.concat(parts, ",") .. "}"
end
local cases = {
  {}, { 1, 2, 3 }, { 1, nil, 3 }, { [0] = "z", "a" }, { a = 1, b = { c = { d = "e" } } },
  { [true] = 1, [false] = 0, [1.5] = "x", [-3] = "neg" }, { "x", y = "y", { "nested" } },
  { [10] = 10, [20] = 20 },
}
for _, t in ipairs(cases) do print(dump(buffer.decode(buffer.encode(t)))) end
