local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Strings: (0x20 + length) as a prefix code, then the bytes.
print(hex(buffer.encode("")), hex(buffer.encode("abc")), hex(buffer.encode("\0\255")))
for _, n in ipairs({ 0xdf - 0x20, 0xe0 - 0x20, 300, 0x1fdf - 0x20, 0x1fe0 - 0x20, 70000 }) do
  local e = buffer.encode(string.rep("x", n))
  print(n, #e, hex(e:sub(1, 6)))
end
