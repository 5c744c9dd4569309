local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Used as a FIFO: put at the end, get from the front, many times.
local b = buffer.new()
local out = {}
for i = 1, 200 do
  b:put(string.format("%03d", i))
  if i % 3 == 0 then out[#out + 1] = b:get(4) end
end
print(#out, out[1], out[#out], #b, b:get(6))
