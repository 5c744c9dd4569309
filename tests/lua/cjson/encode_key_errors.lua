-- keys that are neither numbers nor strings
local cjson = require "cjson"
print(pcall(cjson.encode, { [true] = 1 }))
print(pcall(cjson.encode, { [false] = 1 }))
print(pcall(cjson.encode, { [{}] = 1 }))
print(pcall(cjson.encode, { [print] = 1 }))
print(pcall(cjson.encode, { [coroutine.create(print)] = 1 }))
print(pcall(cjson.encode, { [newproxy()] = 1 }))
print(pcall(cjson.encode, { a = { [true] = 1 } }))
print(pcall(cjson.encode, { 1, 2, [true] = 3 }))
local s = require "cjson.safe"
print(s.encode({ [true] = 1 }))
