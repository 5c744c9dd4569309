-- C reads the Lua string up to a NUL; a NUL in the first two bytes means UTF-16/32
local cjson = require "cjson"
for _, json in ipairs({ "1\0", "\0001", "12\0garbage", "[1]\0[2]", "[1,\0 2]", "\"ab\0cd\"", "{\"a\0b\":1}",
  "\0", "\0\0", "\"\0", "1 \0 x", "\254\255\0[", "[\0001]" }) do
  local ok, v = pcall(cjson.decode, json)
  print(string.format("%q", json), ok, type(v) == "table" and cjson.encode(v) or v)
end
