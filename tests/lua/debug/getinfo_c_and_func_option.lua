local i = debug.getinfo(print)
print(i.what, i.source, i.short_src, i.currentline, i.linedefined, i.lastlinedefined, i.nups)
local function f() end
local j = debug.getinfo(f, "f")
print(j.func == f, j.source, j.what)
local k = debug.getinfo(1, "f")
print(type(k.func))
print(pcall(debug.getinfo))
print(pcall(debug.getinfo, "x"))
