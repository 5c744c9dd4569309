local function none() return end
local function empty() end
print(select("#", none()), select("#", empty()))
local function f() do return 1 end end
print(f())
print(loadstring("return 1 print(2)"))
local function g(x) if x then return "yes" end return "no" end
print(g(true), g(false))
