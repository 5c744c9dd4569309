-- decode_invalid_numbers(false): only JSON's own number syntax
local cjson = require "cjson"
print(cjson.decode_invalid_numbers(false))
for _, json in ipairs({ "NaN", "nan", "-nan", "Inf", "-Infinity", "+1", "01", "-01", "00", "0x10", "-0x1F", "0", "-0",
  "0.5", "10", "1e5", "-", "-a", "[01]", "[1,+2]", "{\"a\":0x1}" }) do
  local ok, v = pcall(cjson.decode, json)
  print(json, ok, type(v) == "table" and "table" or v)
end
print(cjson.decode_invalid_numbers("on"), cjson.decode("0x10"))
print(pcall(cjson.decode_invalid_numbers, "null"))
