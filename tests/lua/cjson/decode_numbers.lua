-- JSON numbers
local cjson = require "cjson"
local t = cjson.decode("[0, 1, -1, 12345, 1.5, -0.25, 1e3, 1E3, 1e+3, 1e-3, 2.5e-2, 123456789012345678, 0.1, 3.14159265358979323846]")
for i, v in ipairs(t) do print(i, v, string.format("%.17g", v)) end
print(cjson.decode("1.0") == 1, math.type and "?" or "no math.type")
