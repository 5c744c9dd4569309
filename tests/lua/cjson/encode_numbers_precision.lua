-- numbers at the default precision (%.14g)
local cjson = require "cjson"
local values = { 0.1, 0.2, 0.1 + 0.2, 1/3, 2/3, 3.14159265358979, 100, 1e14, 1e15, 123456789012345,
  99999999999999, 999999999999999, 1e-4, 1e-5, 0.00012345, 1.5e300, -2.5e-300, 12345.678901234567,
  2^53, 2^53 + 1, 2^63, -2^63, 2^64, 1e21, 1e100, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308 }
for i, v in ipairs(values) do print(i, cjson.encode(v)) end
print(cjson.encode(values))
