-- values lua-cjson cannot serialise
local cjson = require "cjson"
print(pcall(cjson.encode, print))
print(pcall(cjson.encode, function() end))
print(pcall(cjson.encode, coroutine.create(function() end)))
print(pcall(cjson.encode, newproxy()))
print(pcall(cjson.encode, newproxy(true)))
print(pcall(cjson.encode, io.stdout))
print(pcall(cjson.encode, { 1, print }))
print(pcall(cjson.encode, { f = print }))
print(pcall(cjson.encode, { { { io.stderr } } }))
local safe = require "cjson.safe"
print(safe.encode({ x = function() end }))
