-- argument checks of encode_sparse_array
local cjson = require "cjson"
local function try(...) print(pcall(cjson.encode_sparse_array, ...)) end
try(true, -1)
try(true, 1, -1)
try(nil, 2^31)
try(nil, nil, "x")
try("yes")
try(1)
try({})
try(nil, {})
try(true, 2, 10, 4)
try(nil, "5", "6")
try(nil, 2.7, 10.9)
try(nil, nil, nil)
