-- strings stay strings and numbers stay numbers, however they look
local cjson = require "cjson"
print(cjson.encode({ "1", 1, "1.0", 1.0, "1e2", 1e2, "0x10", 0x10, " 5", "-0", -0 }))
print(cjson.encode({ ["10"] = 1 }), cjson.encode({ [10] = 1 }) == "[" .. string.rep("null,", 9) .. "1]")
print(cjson.encode({ ["1"] = "a" }))
local t = cjson.decode('{"5":"five"}')
print(t[5], t["5"])
