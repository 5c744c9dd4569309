-- hostile input: a megabyte of brackets and braces fails cleanly at the depth limit
local cjson = require "cjson"
local safe = require "cjson.safe"
print(pcall(cjson.decode, string.rep("[", 1000000)))
print(pcall(cjson.decode, string.rep("{", 1000000)))
print(safe.decode(string.rep('{"":', 500000)))
print(safe.decode(string.rep("[]", 500000)))
print(safe.decode("[" .. string.rep("[],", 100000) .. "[]]") ~= nil)
