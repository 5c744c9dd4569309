-- integers, negative zero, denormals and the largest doubles
local cjson = require "cjson"
print(cjson.encode({ 0, -0, 1, -1, 2^31, -2^31, 2^32, 2^53 - 1, 2^53, -2^53 }))
print(cjson.encode({ 4.9406564584124654e-324, -4.9406564584124654e-324, 1e-320, 2^-1022, 2^-1074 * 3 }))
print(cjson.encode({ 1.7976931348623157e308, -1.7976931348623157e308, 1e308 }))
print(cjson.encode({ 0.1e-3, 1e-4, 9.99999999999999e-5, 0.000099999999999999 }))
print(cjson.encode({ 99999999999999.9, 99999999999999.4, 9.99999999999995e14 }))
print(cjson.encode({ 1e13, 1e14 - 1, 1e14, 1e14 + 1, 12345678901234.5 }))
