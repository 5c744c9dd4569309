local t = {a = {b = {}}}
function t.a.b.f(x) return x + 1 end
function t.a.b:m(x) return self == t.a.b, x end
print(t.a.b.f(1), t.a.b:m(2))
function globalfn() return "global" end
print(globalfn(), type(_G.globalfn))
local obj = {n = 5}
function obj:get() return self.n end
print(obj:get(), obj.get(obj), pcall(obj.get))
