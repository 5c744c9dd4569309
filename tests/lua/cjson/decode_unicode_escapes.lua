-- \u escapes become UTF-8 (1 to 3 bytes)
local cjson = require "cjson"
local function bytes(s) return table.concat({ s:byte(1, -1) }, " ") end
for _, e in ipairs({ "0001", "007f", "0080", "00e9", "00E9", "07ff", "0800", "20ac", "fFfF", "d7ff", "e000", "FEFF" }) do
  print(e, bytes(cjson.decode('"\\u' .. e .. '"')))
end
print(cjson.decode('"caf\\u00e9 \\u20AC"'))
