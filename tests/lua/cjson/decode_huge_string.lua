-- long strings with many escapes decode to the right bytes
local cjson = require "cjson"
local json = '"' .. string.rep("ab\\n\\u00e9\\ud83d\\ude00\\\\", 50000) .. '"'
local s = cjson.decode(json)
print(#json, #s, s:sub(1, 14):byte(1, -1))
local plain = string.rep("x", 3000000)
print(#cjson.decode('"' .. plain .. '"'))
print(pcall(cjson.decode, '"' .. plain))
