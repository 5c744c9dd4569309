-- top-level scalars
local cjson = require "cjson"
print(cjson.decode("1"), cjson.decode("-1"), cjson.decode("0"), cjson.decode("-0"), cjson.decode("1.5"))
print(cjson.decode("true"), cjson.decode("false"))
print(cjson.decode("null") == cjson.null, type(cjson.decode("null")), tostring(cjson.decode("null")))
print(cjson.decode('"hello"'), cjson.decode('""') == "")
print(type(cjson.decode("[]")), type(cjson.decode("{}")), next(cjson.decode("{}")))
print(cjson.decode("  42  "), cjson.decode("\t\n\r 7\r\n"))
print(1 / cjson.decode("-0"))
