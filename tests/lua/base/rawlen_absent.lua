-- rawlen is Lua 5.2; LuaJIT without 5.2 compat does not define it.
print(type(rawlen))
print(#setmetatable({1, 2}, {__len = function() return 0 end}))
