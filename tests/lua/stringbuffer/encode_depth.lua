local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- 100 nested tables encode; 101 are too deep.
local function nest(n)
  local t = {}
  local cur = t
  for i = 2, n do cur[1] = {} cur = cur[1] end
  return t
end
print(pcall(function() return #buffer.encode(nest(100)) end))
print(pcall(buffer.encode, nest(101)))
print(pcall(buffer.encode, nest(1000)))
