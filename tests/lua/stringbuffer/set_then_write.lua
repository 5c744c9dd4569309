local buffer = require "string.buffer"
-- After set, writes, resets and skips never change the string that was set.
local s = "original"
local b = buffer.new():set(s)
b:put("+more")
print(b:tostring(), s)
b:set(s):skip(3):put("X")
print(b:tostring(), s)
b:set(s):reset():put("abc")
print(b:tostring(), s)
b:set(s):skip(100):put("z")
print(b:tostring(), s)
b:set(s)
print(b:get(4), b:get(), s)
b:put("q")
print(b:tostring(), s, ("original"):upper())
