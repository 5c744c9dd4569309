-- exact decimal ties round to even, as glibc's printf does
local cjson = require "cjson"
cjson.encode_number_precision(1)
print(cjson.encode({ 0.25, 0.75, 2.5, 3.5, 4.5, 0.125, 15, 25, 35, 45, 0.35 }))
cjson.encode_number_precision(2)
print(cjson.encode({ 0.125, 0.375, 1.25, 1.75, 125, 135, 1005, 0.0625 }))
cjson.encode_number_precision(14)
print(cjson.encode({ 123456789012345, 123456789012355, 100000000000000.5, 2^50 + 0.5, 987654321098765 }))
cjson.encode_number_precision(3)
print(cjson.encode({ 1.0005, 100.5, 1005, 2.675, 1e-10 * 5 }))
