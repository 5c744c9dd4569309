-- When a library function is tail-called, its caller's frame is gone: LuaJIT reports the
-- argument error without a position and names the function '?'.
local s = "abc"
print(pcall(function() return s:rep() end))
print(pcall(function() return string.sub(s, {}) end))
print(pcall(function() return math.floor("x") end))
print(pcall(function() local r = math.floor("x") return r end))
