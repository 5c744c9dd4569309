-- numbers a megabyte long, and exponents that cancel out a megabyte of zeros
local cjson = require "cjson"
print(cjson.decode("1" .. string.rep("0", 1000000)))
print(cjson.decode("0." .. string.rep("0", 1000000) .. "1e1000000"))
print(cjson.decode("0x" .. string.rep("f", 1000000)))
print(cjson.decode("0x0." .. string.rep("0", 1000000) .. "1p4000000"))
print(cjson.decode("-" .. string.rep("9", 300) .. "e-300"))
print(pcall(cjson.decode, string.rep("1", 100) .. "e" .. string.rep("9", 100000)))
print(cjson.decode("[" .. string.rep("1e-5,", 100000) .. "1]")[100001])
