-- encode_invalid_numbers: off (error), on ("inf", "nan"), "null"
local cjson = require "cjson"
local inf, nan = math.huge, 0/0
print(pcall(cjson.encode, inf))
print(pcall(cjson.encode, -inf))
print(pcall(cjson.encode, nan))
print(pcall(cjson.encode, { 1, inf }))
print(pcall(cjson.encode, { [inf] = 1 }))
print(cjson.encode_invalid_numbers(true))
print(cjson.encode({ inf, -inf, nan, 1 }), cjson.encode({ [inf] = 1 }), cjson.encode({ [-inf] = 2 }))
print(cjson.encode_invalid_numbers("null"))
print(cjson.encode({ inf, -inf, nan, 1 }), cjson.encode({ [inf] = 1 }), cjson.encode(nan))
print(cjson.encode_invalid_numbers("off"), pcall(cjson.encode, nan))
print(cjson.encode_invalid_numbers("on"), cjson.encode_invalid_numbers())
print(pcall(cjson.encode_invalid_numbers, "maybe"))
print(pcall(cjson.encode_invalid_numbers, 1))
print(pcall(cjson.encode_invalid_numbers, true, false))
