-- Argument errors from method calls on strings (not tail calls, so the caller's line is known).
local s = "abc"
print(pcall(function() local r = s:rep() return r end))
print(pcall(function() local r = s:sub({}) return r end))
print(pcall(function() local r = s:format() return r end))
print(pcall(function() local r = ("%d"):format("x") return r end))
print(pcall(function() local r = string.rep(s) return r end))
