local inner = setmetatable({}, {__newindex = function(t, k, v) rawset(t, k, v .. "!") end})
local outer = setmetatable({}, {__newindex = inner})
outer.a = "x"
print(rawget(outer, "a"), rawget(inner, "a"))
