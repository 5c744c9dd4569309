local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Strings of several lengths round-trip.
for _, n in ipairs({ 0, 1, 191, 192, 300, 8127, 8128, 100000 }) do
  local s = string.rep("ab", n):sub(1, n)
  print(n, buffer.decode(buffer.encode(s)) == s)
end
