-- raw control characters and invalid UTF-8 inside strings pass through unchanged
local cjson = require "cjson"
local raw = {}
for b = 1, 31 do raw[#raw + 1] = string.char(b) end
local s = cjson.decode('"' .. table.concat(raw) .. '"')
print(#s, s:byte(1, 8))
local bin = cjson.decode('"\255\254\128\192\237\160\128"')
print(#bin, bin:byte(1, -1))
print(cjson.encode(cjson.decode('"\127"')))
