-- bad strings: unterminated, bad escapes
local cjson = require "cjson"
local cases = { '"abc', '"', '"\\', '"\\"', '"\\a"', '"\\x41"', '"\\0"', '"\\\'"', '"\\ "', '"ok" "', '["a", "b]',
  '{"k":"v}', '"\\u00"', '"a\\', '"line\nbreak"', '"tab\tinside"' }
for _, json in ipairs(cases) do print(string.format("%q", json), pcall(cjson.decode, json)) end
