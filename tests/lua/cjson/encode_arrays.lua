-- arrays: sequences, nesting, holes become null
local cjson = require "cjson"
print(cjson.encode({ 1, 2, 3 }))
print(cjson.encode({ "a", { "b", { "c", {} } }, true, false }))
print(cjson.encode({ 1, nil, 3 }))
print(cjson.encode({ [1] = "x", [3] = "y" }))
print(cjson.encode({ [2] = 1 }))
print(cjson.encode({ [10] = 1 }))
print(pcall(cjson.encode, { [1] = 1, [2] = 2, [4] = 4, [5] = 5, [11] = 11 }))
print(cjson.encode({ [1] = 1, [2] = 2, [4] = 4, [5] = 5, [10] = 10 }))
local t = {} for i = 1, 20 do t[i] = i * i end
print(cjson.encode(t))
t[25] = 0
print(cjson.encode(t))
print(cjson.encode({ 1.0, 2.0, [3.0] = 3 }))
print(cjson.encode({ { {} }, { {}, {} } }))
