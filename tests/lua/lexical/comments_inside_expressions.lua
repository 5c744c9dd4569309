local x = 1 --[[ inline ]] + --[==[ another ]==] 2
print(x)
local t = { 1, --[[ skip ]] 2, -- line comment
  3 }
print(#t)
print(1 --[[c]]..--[[d]] 2)
