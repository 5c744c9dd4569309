local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Values that are not strings, numbers, buffers or __tostring-able are refused.
local b = buffer.new()
for _, v in ipairs({ {}, true, false, print, coroutine.create(print) }) do
  print(type(v), pcall(b.put, b, v))
end
print(pcall(b.put, b, nil))
print(pcall(function() b:put({}) end))
print(pcall(function() b:put("ok", {}) end))
print(b:tostring())
