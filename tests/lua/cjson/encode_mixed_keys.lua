-- tables mixing array and hash keys become objects (checked through a decode, which is order free)
local cjson = require "cjson"
local function sorted(t)
  local keys = {}
  for k, v in pairs(t) do keys[#keys + 1] = tostring(k) .. "=" .. (type(v) == "table" and "table" or tostring(v)) end
  table.sort(keys)
  return table.concat(keys, ",")
end
local s = cjson.encode({ 1, 2, x = "y" })
print(s:sub(1, 1), s:sub(-1), #s, sorted(cjson.decode(s)))
s = cjson.encode({ [1] = "a", [2] = "b", [0] = "z" })
print(#s, sorted(cjson.decode(s)))
s = cjson.encode({ [1] = 1, ["1"] = 2 })
print(#s, s:find('"1":1', 1, true) ~= nil, s:find('"1":2', 1, true) ~= nil)
s = cjson.encode({ a = 1, b = 2, c = 3, d = { e = 4, f = 5 } })
local d = cjson.decode(s)
print(#s, sorted(d), sorted(d.d))
