local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Decoding scalars.
for _, v in ipairs({ 0, 1, -1, 0.5, 2^53, 1e-300, 1/0, -1/0 }) do
  io.write(tostring(buffer.decode(buffer.encode(v))), " ")
end
print()
print(buffer.decode(buffer.encode(nil)), buffer.decode(buffer.encode(true)), buffer.decode(buffer.encode(false)))
print(1 / buffer.decode(buffer.encode(-0)))
local nan = buffer.decode(buffer.encode(0 / 0))
print(nan ~= nan)
