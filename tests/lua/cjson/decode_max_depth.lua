-- decode_max_depth: 1000 by default
local cjson = require "cjson"
print(cjson.decode_max_depth())
print(#cjson.encode(cjson.decode(string.rep("[", 1000) .. string.rep("]", 1000))))
print(pcall(cjson.decode, string.rep("[", 1001) .. string.rep("]", 1001)))
print(pcall(cjson.decode, string.rep('{"a":', 1001) .. "1" .. string.rep("}", 1001)))
print(pcall(cjson.decode, "  " .. string.rep("[", 1001)))
print(pcall(cjson.decode, string.rep("[1,", 1001)))
print(pcall(cjson.decode, string.rep('[{"k":', 600)))
