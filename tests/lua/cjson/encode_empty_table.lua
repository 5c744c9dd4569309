-- an empty table is an object in lua-cjson 2.1.0; so is a table whose array part holds only nils
local cjson = require "cjson"
print(cjson.encode({}))
print(cjson.encode({ {} }))
print(cjson.encode({ a = {} }))
local t = { 1, 2, 3 }
t[1], t[2], t[3] = nil, nil, nil
print(cjson.encode(t))
print(cjson.encode(setmetatable({}, { __index = { 1, 2 } })))
print(cjson.encode(cjson.decode("[]")), cjson.encode(cjson.decode("{}")))
