-- encode and decode take exactly one argument
local cjson = require "cjson"
print(pcall(cjson.encode))
print(pcall(cjson.encode, 1, 2))
print(pcall(cjson.encode, nil, nil))
print(pcall(cjson.decode))
print(pcall(cjson.decode, "1", "2"))
print(pcall(cjson.decode, nil))
local ok, err = pcall(function() local x = cjson.encode() return x end)
print(ok, err)
ok, err = pcall(function() local x = cjson.decode("[1]", 2) return x end)
print(ok, err)
