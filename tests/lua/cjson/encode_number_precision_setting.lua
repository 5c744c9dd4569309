-- encode_number_precision from 1 to 14, and its range checks
local cjson = require "cjson"
local values = { math.pi, -math.pi, 1/3, 123456.789, 1e-7, 2^40 + 0.5, 0.5, 1 }
for p = 1, 14 do
  print(p, cjson.encode_number_precision(p), cjson.encode(values))
end
print(cjson.encode_number_precision())
for _, bad in ipairs({ 0, 15, -1, 1e10, "x", "7" }) do
  print(tostring(bad), pcall(cjson.encode_number_precision, bad))
end
print(cjson.encode_number_precision(3.9), cjson.encode(math.pi))
print(pcall(cjson.encode_number_precision, {}))
print(pcall(cjson.encode_number_precision, 5, 6))
