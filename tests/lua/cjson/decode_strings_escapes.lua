-- string escapes
local cjson = require "cjson"
local s = cjson.decode([["\"\\\/\b\f\n\r\t"]])
print(#s, s:byte(1, -1))
print(cjson.decode([["a\/b"]]), cjson.decode([["tab\there"]]))
local raw = cjson.decode('"raw\1\2\31 control\127"')
print(#raw, raw:byte(1, 6))
print(cjson.decode('"\\u0041\\u0062"'), #cjson.decode('"\\u0000"'), cjson.decode('"\\u0000"'):byte())
print(cjson.decode('"x\\\\"'), cjson.decode('"\\"quoted\\""'))
