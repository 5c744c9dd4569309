-- hex numbers, as strtod reads them (decode_invalid_numbers on)
local cjson = require "cjson"
for _, json in ipairs({ "0x0", "0x1", "0xff", "0XFF", "0x1p3", "0x1P-2", "0x.8", "0x1.8p1", "0x1.fffffffffffffp1023",
  "0x1p1024", "0x1p-1074", "0x1p-1075", "0x1.8p-1075", "0x123456789abcdef0123", "0x", "0xg", "0x1p", "0x1p+", "-0x10",
  "0x.", "0x1.", "0x00000000000000000001", "0x1.00000000000008p0", "0x1.00000000000018p0", "0x1.000000000000080001p0" }) do
  local ok, v = pcall(cjson.decode, json)
  print(json, ok, ok and string.format("%.17g", v) or v)
end
