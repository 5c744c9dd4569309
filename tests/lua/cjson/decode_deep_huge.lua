-- with a huge decode_max_depth, luajit's C stack room ends the nesting instead
local cjson = require "cjson"
cjson.decode_max_depth(1000000)
print(pcall(cjson.decode, string.rep("[", 20000)))
print(pcall(cjson.decode, string.rep('{"a":', 20000)))
print(pcall(cjson.decode, string.rep('[{"a":', 20000)))
print(pcall(cjson.decode, string.rep('{"a":[', 20000)))
local ok = pcall(cjson.decode, string.rep("[", 7998) .. string.rep("]", 7998))
print(ok, pcall(cjson.decode, string.rep("[", 7999) .. string.rep("]", 7999)))
