-- the default sparse-array rule: ratio 2, safe 10, error instead of converting
local cjson = require "cjson"
print(cjson.encode_sparse_array())
local function try(t) print(pcall(cjson.encode, t)) end
try({ [10] = 1 })
try({ [11] = 1 })
try({ [1] = 1, [21] = 1 })
try({ [1] = 1, [2] = 2, [22] = 1 })
try({ [1] = 1, [2] = 2, [6] = 1 })
try({ [20] = 1, [19] = 2, [18] = 3, [17] = 4, [16] = 5, [15] = 6, [14] = 7, [13] = 8, [12] = 9, [11] = 10 })
try({ [1000] = true })
try({ [3] = 1, [2] = 1, [1] = 1, [12] = 1 })
