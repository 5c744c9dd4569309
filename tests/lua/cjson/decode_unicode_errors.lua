-- malformed \u escapes
local cjson = require "cjson"
for _, json in ipairs({ '"\\u"', '"\\u1"', '"\\u12"', '"\\u123"', '"\\u123g"', '"\\ug123"', '"abc\\u12', '"\\U0041"', '"\\u+123"', '"\\u 123"' }) do
  print(json, pcall(cjson.decode, json))
end
