-- number shapes at the edges of the decoder's shortcuts: digit counts, exponents, signs
local cjson = require "cjson"
local cases = { "0", "-0", "-0.0", "0.0", "00.5", "1.5", "-1.5", "123456789012345", "1234567890123456", "12345678901234567",
  "999999999999999", "9999999999999999", "0.123456789012345", "0.1234567890123456", "1.23456789012345e22", "1e22", "1e23",
  "1e-22", "1e-23", "123456789012345e-22", "5e-324", "0.1e1", "10e-1", "1E+2", "1e+022", "1e0022", "-1e-0", "7.0e0",
  "3.14159", "2.718281828459045", "0.30000000000000004", "1.7976931348623157e+308", "4503599627370497.5", "-9007199254740993" }
for _, json in ipairs(cases) do
  local v = cjson.decode(json)
  print(json, string.format("%.17g", v), 1 / v < 0)
end
local list = cjson.decode("[" .. table.concat(cases, ",") .. "]")
print(#list, cjson.encode(list))
for _, json in ipairs({ "1x", "1.5x", "-1a", "12:", "1]", "1}", "1,", "1\"", "1-", "1+1", "1..2", "1.2.3" }) do
  print(json, pcall(cjson.decode, json))
end
