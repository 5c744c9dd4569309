local function adder(n) return function(x) n = n + x return n end end
local f = adder(10)
print(f(1), f(1), adder(0)(5))
local function vf(...) local a = ... return function() return a end end
print(vf(7, 8)())
