print(loadstring("function f() return ... end", "=v"))
print(loadstring("local function f(a, ...) local g = function() return ... end end", "=v"))
print(select("#", loadstring("return ...", "=v")))
