-- objects with one key (so key order cannot differ between engines)
local cjson = require "cjson"
print(cjson.encode({ a = 1 }))
print(cjson.encode({ [""] = "" }))
print(cjson.encode({ ["key with \"quotes\""] = "v" }))
print(cjson.encode({ ["\1\2/"] = { x = { y = { z = {} } } } }))
print(cjson.encode({ name = cjson.null }))
print(cjson.encode({ list = { 1, 2, { deep = true } } }))
print(cjson.encode({ { a = 1 }, { b = 2 }, { c = { d = 3 } } }))
