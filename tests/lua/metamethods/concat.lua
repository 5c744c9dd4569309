local mt = {__concat = function(a, b)
  local function s(x) return type(x) == "table" and "T" or tostring(x) end
  return s(a) .. "+" .. s(b)
end}
local t = setmetatable({}, mt)
print(t .. "x", "x" .. t, 1 .. t, t .. t)
print("a" .. "b" .. t)
print(t .. "a" .. "b")
print(pcall(function() return {} .. "x" end))
