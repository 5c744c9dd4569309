-- anything after the value is an error, except white space
local cjson = require "cjson"
for _, json in ipairs({ "1 ", "1 x", "[] []", "{} ,", "\"a\"b", "true1", "null null", "1.5.5", "1e5e5", "[1]\n\n  x",
  "0 0", "-0-", "123abc" }) do
  print(string.format("%q", json), pcall(cjson.decode, json))
end
