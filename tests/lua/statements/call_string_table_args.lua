local function f(x) return type(x), x end
print(f"str")
print(f[[long]])
local function g(t) return #t, t[1] end
print(g{1, 2, 3})
print(type(f{}))
print(("%s"):format"x")
