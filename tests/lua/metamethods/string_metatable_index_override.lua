local smt = getmetatable("")
local saved = smt.__index
smt.__index = function(s, k)
  if type(k) == "number" then return s:sub(k, k) end
  return string[k]
end
local s = "hello"
print(s[1], s[5], s[6] == "", s:upper())
smt.__index = saved
print(s[1], s:len())
