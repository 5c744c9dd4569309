local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Buffers work across coroutine yields.
local b = buffer.new()
local co = coroutine.wrap(function()
  for i = 1, 3 do b:put(i) coroutine.yield(#b) end
  return b:tostring()
end)
print(co(), co(), co(), co())
