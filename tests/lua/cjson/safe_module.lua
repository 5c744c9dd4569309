-- cjson.safe has the same fields; its new() makes safe tables
local safe = require "cjson.safe"
local cjson = require "cjson"
local keys = {}
for k, v in pairs(safe) do keys[#keys + 1] = k .. ":" .. type(v) end
table.sort(keys)
print(table.concat(keys, " "))
print(safe ~= cjson, safe.null == cjson.null, safe._VERSION)
local s2 = safe.new()
print(s2.decode("[1"), s2.encode(print))
safe.encode_number_precision(2)
print(safe.encode(math.pi), cjson.encode(math.pi), s2.encode(math.pi))
print(require("cjson.safe") == safe)
