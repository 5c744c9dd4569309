-- cjson functions called as methods by mistake: LuaJIT's 'bad self' wording
local cjson = require "cjson"
print(pcall(function() local x = cjson:encode({}) return x end))
print(pcall(function() local x = cjson:decode("1") return x end))
print(pcall(function() local x = cjson:encode_max_depth(5) return x end))
print(pcall(function() local x = cjson:encode_sparse_array(true, -1) return x end))
print(pcall(function() local x = cjson:encode_keep_buffer() return x end))
local safe = require "cjson.safe"
print(pcall(function() local x, y = safe:decode("1") return x, y end))
