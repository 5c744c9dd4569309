-- arrays of single-key objects, nested several ways
local cjson = require "cjson"
local doc = { { id = 1 }, { tags = { "a", "b" } }, { meta = { size = { w = 10 } } }, {}, { cjson.null } }
print(cjson.encode(doc))
print(cjson.encode({ { { { { "deep" } } } } }))
print(cjson.encode({ matrix = { { 1, 2 }, { 3, 4 }, { 5, 6 } } }))
