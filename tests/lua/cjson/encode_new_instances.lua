-- cjson.new(): independent settings per module table
local cjson = require "cjson"
local a, b = cjson.new(), cjson.new()
a.encode_number_precision(3)
b.encode_invalid_numbers("null")
print(cjson.encode(math.pi), a.encode(math.pi), b.encode(math.pi))
print(pcall(cjson.encode, 1/0), pcall(a.encode, 1/0))
print(b.encode(1/0))
print(a.encode_number_precision(), b.encode_number_precision(), cjson.encode_number_precision())
print(a.null == cjson.null, b.null == cjson.null, a.new ~= cjson.new, a ~= b)
local c = a.new()
print(c.encode_number_precision(), c.encode(math.pi))
print(require("cjson") == cjson, package.loaded.cjson == cjson)
