local t = {}
function t.method() local i = debug.getinfo(1, "n") return i end
local function localfn() local i = debug.getinfo(1, "n") return i end
function globalfn() local i = debug.getinfo(1, "n") return i end
local a, b, c = t.method(), localfn(), globalfn()
print(a.name, a.namewhat)
print(b.name, b.namewhat)
print(c.name, c.namewhat)
local obj = {} function obj:m() local i = debug.getinfo(1, "n") return i end
local d = obj:m() print(d.name, d.namewhat)
