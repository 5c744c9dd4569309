-- numeric keys that are not array indexes make objects; keys are printed with %.14g
local cjson = require "cjson"
print(cjson.encode({ [0] = "zero" }))
print(cjson.encode({ [-1] = "neg" }))
print(cjson.encode({ [1.5] = "half" }))
print(cjson.encode({ [1e20] = "big" }))
print(cjson.encode({ [2^31] = "two31" }))
print(cjson.encode({ [2^40] = "two40" }))
print(cjson.encode({ [1e300] = "huge" }))
print(cjson.encode({ [-0.25] = { [0.1] = 1 } }))
print(cjson.encode({ [1/3] = 1 }))
cjson.encode_number_precision(3)
print(cjson.encode({ [1/3] = 1/3 }))
