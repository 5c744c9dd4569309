local t = setmetatable({}, {__tostring = function() return "T" end})
local co = coroutine.wrap(function() print(t) coroutine.yield("after print") return "done" end)
print(co())
print(co())
