-- __gc on a plain table does nothing in Lua 5.1 / LuaJIT.
local ran = false
do setmetatable({}, {__gc = function() ran = true end}) end
collectgarbage() collectgarbage()
print(ran)
