local function r(x) return string.format("%.10f", x) end
print(r(math.sin(1)), r(math.cos(1)), r(math.tan(1)))
print(r(math.asin(0.5)), r(math.acos(0.5)), r(math.atan(1)), r(math.atan2(1, -1)))
print(r(math.sinh(1)), r(math.cosh(1)), r(math.tanh(1)))
print(r(math.exp(1)), r(math.log(10)), r(math.log10(1000)), math.log(0), r(math.log(8, 2) or 0))
print(math.deg(math.pi), math.rad(180) == math.pi)
print(math.pow(2, 10), math.pow(2, 0.5) == math.sqrt(2))
