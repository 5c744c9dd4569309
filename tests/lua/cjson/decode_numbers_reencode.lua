-- numbers decoded then encoded again at precision 14 and at 1..14
local cjson = require "cjson"
local json = "[0.1,1.25,-3.75,1e21,1e-7,123456.789,9.87654321e-5,3.0,1e100,-2.5e-300,6.02214076e23,0.000001]"
local t = cjson.decode(json)
print(cjson.encode(t))
for p = 1, 14, 3 do cjson.encode_number_precision(p) print(p, cjson.encode(t)) end
