local function sample(a, b) return debug.getinfo(1, "nSl") end
local info = sample()
print(info.short_src, info.source, info.what, info.linedefined, info.lastlinedefined, info.currentline)
print(info.name, info.namewhat)
local c = debug.getinfo(print, "S")
print(c.what, c.short_src, c.source, c.linedefined)
local m = debug.getinfo(1, "S")
print(m.what, m.linedefined)
