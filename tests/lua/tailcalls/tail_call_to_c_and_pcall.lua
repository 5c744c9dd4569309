local function f(...) return select("#", ...) end
local function g() return pcall(f, 1, 2, 3) end
print(g())
local function h(s) return s:upper() end
print(h("tail to method"))
local function deep(n) if n == 0 then return pcall(error, "bottom") end return deep(n - 1) end
print(deep(100000))
