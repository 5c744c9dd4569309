local events = {}
local function f() return 1 end
debug.sethook(function(ev) local i = debug.getinfo(2, "n") events[#events + 1] = ev .. ":" .. tostring(i and i.name) end, "cr")
f()
debug.sethook()
print(table.concat(events, " "))
