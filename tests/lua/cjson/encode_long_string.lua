-- long strings, heavy on escapes
local cjson = require "cjson"
local parts = {}
for i = 0, 255 do parts[#parts + 1] = string.char(i) end
local all = table.concat(parts)
local long = string.rep(all, 4000)
local s = cjson.encode(long)
print(#long, #s)
print(s:sub(1, 100))
print(cjson.decode(s) == long)
local plain = string.rep("abcdefghij", 200000)
print(#cjson.encode(plain), cjson.decode(cjson.encode(plain)) == plain)
