-- encode_max_depth: 1000 by default, nesting beyond it is an error naming the depth
local cjson = require "cjson"
local function nested(n)
  local t = {}
  local cur = t
  for _ = 2, n do cur[1] = {} cur = cur[1] end
  return t
end
print(cjson.encode_max_depth())
print(#cjson.encode(nested(1000)))
print(pcall(cjson.encode, nested(1001)))
print(cjson.encode_max_depth(5))
print(cjson.encode(nested(5)))
print(pcall(cjson.encode, nested(6)))
print(pcall(cjson.encode, { a = { b = { c = { d = { e = { f = 1 } } } } } }))
print(cjson.encode({ 1, { 2, { 3, { 4, 5 } } } }))
local loop = {} loop[1] = loop
print(pcall(cjson.encode, loop))
print(cjson.encode_max_depth(1), pcall(cjson.encode, { {} }), cjson.encode({ 1 }))
for _, bad in ipairs({ 0, -5, "x" }) do print(pcall(cjson.encode_max_depth, bad)) end
print(cjson.encode_max_depth("2"), cjson.encode({ {} }))
