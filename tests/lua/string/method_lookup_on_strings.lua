-- s:name() and s.name on strings look the name up in the string metatable's __index table through the
-- call site's cache; replacing that table, adding names to it, a function __index, and missing names
-- must all be seen at once, with the same errors as LuaJIT.
local s = "hello"
local function run()
  local ok, r = pcall(function() return s:upper() end)
  local ok2, r2 = pcall(function() return s.len end)
  return tostring(ok) .. ":" .. tostring(r), ok2 and type(r2) or tostring(r2)
end
print(run())
string.shout = function(x) return x:upper() .. "!" end
print(s:shout(), run())
local mt = getmetatable("")
local lib = mt.__index
mt.__index = { upper = function(x) return "replaced " .. x end }
print(run())
print(pcall(function() return s:sub(1, 2) end))
mt.__index = function(str, key) return function(self) return key .. "(" .. self .. ")" end end
print(run(), s:anything())
mt.__index = lib
print(run(), s:sub(2, 3), ("x"):rep(3))
string.upper = nil
print(pcall(function() return s:upper() end))
string.upper = function(x) return "U" .. x end
print(s:upper(), run())
print(pcall(function() return s:nosuchmethod() end))
print(pcall(function() local n = 5; return n:foo() end))
print(s.nosuchfield, (""):len(), type(("abc").len))
for i = 1, 3 do print(i, ("ab" .. i):byte(-1), ("ab" .. i):len()) end
