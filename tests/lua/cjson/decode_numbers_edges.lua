-- numbers at the edges of double range, long digit strings
local cjson = require "cjson"
local function show(json)
  local ok, v = pcall(cjson.decode, json)
  print(json:sub(1, 40), ok, ok and string.format("%.17g", v) or v)
end
show("1e308") show("1.7976931348623157e308") show("1.7976931348623159e308") show("1e309") show("-1e400")
show("1e-307") show("2.2250738585072011e-308") show("4.9406564584124654e-324") show("2e-324") show("1e-400")
show("9007199254740993") show("9007199254740992.5") show("123456789012345678901234567890")
show("0." .. string.rep("0", 300) .. "1e300")
show(string.rep("9", 400))
show("1" .. string.rep("0", 400) .. "e-400")
show("1e99999999999999999999") show("1e-99999999999999999999")
show("0.5e") show("0.5e+") show("1.") show("-.5") show("1.e5")
