-- true/false/null must be spelt exactly, in lower case
local cjson = require "cjson"
for _, json in ipairs({ "t", "tr", "tru", "True", "TRUE", "f", "fals", "False", "n", "nu", "nul", "Null", "NULL",
  "none", "nil", "undefined", "truex", "falsey", "nullify", "[tru]", "{\"a\":nul}", "[true,fals]" }) do
  local ok, v = pcall(cjson.decode, json)
  print(json, ok, type(v) == "userdata" and "null" or v)
end
