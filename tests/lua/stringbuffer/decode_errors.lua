local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Malformed input: LuaJIT's messages, no position.
local cases = { "", "\7\0\0", "\0\0", "\19", "\31", "\14\0\8", "\15\5", "\9\2\32\1\32\2",
  "\9\1\0\1", "\16\1\2\3\4\5\6\7\8", "\255\255\255\255\127", "\35ab", "\12\3\0", "\224" }
for i, s in ipairs(cases) do print(i, pcall(buffer.decode, s)) end
