-- with decode_invalid_numbers on (the default), strtod reads what JSON forbids
local cjson = require "cjson"
print(cjson.decode_invalid_numbers())
for _, json in ipairs({ "NaN", "nan", "-nan", "Inf", "-Infinity", "infinity", "INF", "+1", "+1.5", "01", "-01", "00",
  "0x10", "-0x1F", "0X1p4", "+inf", "nan(123)", "nan(abc_1)x", "infx", "Infinit", "+", "+x", "-x", "-" }) do
  local ok, v = pcall(cjson.decode, json)
  print(json, ok, v)
end
