-- encode_keep_buffer changes nothing visible but its own setting
local cjson = require "cjson"
print(cjson.encode_keep_buffer())
print(cjson.encode({ 1, "two", { three = 3 } }))
print(cjson.encode_keep_buffer(false), cjson.encode_keep_buffer())
print(cjson.encode({ 1, "two", { three = 3 } }))
print(pcall(cjson.encode, { print }))
print(cjson.encode({ "after error" }))
print(cjson.encode_keep_buffer("on"), cjson.encode(string.rep("x", 10)))
print(cjson.encode_keep_buffer("off"), cjson.encode_keep_buffer(true))
print(pcall(cjson.encode_keep_buffer, "yes"))
print(pcall(cjson.encode_keep_buffer, 1, 2))
local big = cjson.encode(string.rep("\n", 100000))
print(#big, #cjson.encode("small"))
