local buffer = require "string.buffer"
-- A huge size is only a hint: the buffer is created and starts empty.
local b = buffer.new(0x7fffff00)
print(type(b), #b)
b:put("small")
print(b:tostring())
print(pcall(buffer.new, 0x7fffff01))
