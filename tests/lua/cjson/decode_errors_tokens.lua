-- invalid tokens and where they are reported
local cjson = require "cjson"
for _, json in ipairs({ "", " ", "x", "@", "'a'", ".5", "[.5]", "{", "}", "[", "]", ":", ",", "[1}", "{]",
  "[1,,2]", "[,1]", "{,}", "{\"a\"}", "{\"a\":}", "{\"a\"::1}", "{\"a\":1 \"b\":2}", "{a:1}", "{'a':1}",
  "[1]]", "{}}", "[1] [2]", "1 2", "\"a\" \"b\"", "[true false]", "\127", "\200\201" }) do
  print(string.format("%q", json), pcall(cjson.decode, json))
end
