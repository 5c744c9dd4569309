-- a large flat array and a large object
local cjson = require "cjson"
local parts = {}
for i = 1, 100000 do parts[i] = tostring(i * 3) end
local t = cjson.decode("[" .. table.concat(parts, ",") .. "]")
local sum = 0
for i = 1, #t do sum = sum + t[i] end
print(#t, sum, t[1], t[100000])
local fields = {}
for i = 1, 20000 do fields[i] = string.format('"k%d":%d', i, i) end
local o = cjson.decode("{" .. table.concat(fields, ",") .. "}")
local n, total = 0, 0
for k, v in pairs(o) do n = n + 1 total = total + v end
print(n, total, o.k1, o.k20000)
