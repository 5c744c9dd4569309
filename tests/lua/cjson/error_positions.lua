-- errors carry the Lua caller's position, except through a tail call or pcall directly
local cjson = require "cjson"
local function plain(s) local v = cjson.decode(s) return v end
local function tail(s) return cjson.decode(s) end
print(pcall(plain, "x"))
print(pcall(tail, "x"))
print(pcall(cjson.decode, "x"))
print(pcall(function() local s = cjson.encode(print) return s end))
print(pcall(function() local s = cjson.encode() return s end))
print(pcall(function() local s = cjson.encode_max_depth(0) return s end))
print(pcall(function() local s = cjson.decode_max_depth(1, 2) return s end))
print(pcall(function() local s = cjson.encode_keep_buffer("x") return s end))
print(select(2, xpcall(function() local v = cjson.decode("[") return v end, function(m) return "handled: " .. m end)))
