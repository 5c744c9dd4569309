-- the module table: its fields, null, name and version
local cjson = require "cjson"
local keys = {}
for k, v in pairs(cjson) do keys[#keys + 1] = k .. ":" .. type(v) end
table.sort(keys)
print(table.concat(keys, " "))
print(cjson._NAME, cjson._VERSION, tostring(cjson.null), type(cjson.null))
print(cjson.null == cjson.null, cjson.null ~= nil)
print(rawget(_G, "cjson"))
