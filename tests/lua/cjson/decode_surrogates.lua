-- UTF-16 surrogate pairs and their misuse
local cjson = require "cjson"
local function try(json)
  local ok, v = pcall(cjson.decode, json)
  if ok then print(json, "ok", table.concat({ v:byte(1, -1) }, " ")) else print(json, v) end
end
try('"\\ud83d\\ude00"')
try('"\\uD800\\uDC00"')
try('"\\udbff\\udfff"')
try('"\\ud800"')
try('"\\udc00"')
try('"\\udc00\\ud800"')
try('"\\ud800\\u0041"')
try('"\\ud800x\\udc00"')
try('"\\ud800\\"')
try('"\\ud800\\udc0"')
try('"ab\\ud800\\uzzzz"')
try('"\\ud800\\n"')
