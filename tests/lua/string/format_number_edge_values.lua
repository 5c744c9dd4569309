local vals = {2^-1074, 2^1023, 1.7976931348623157e308, -0.0, 2^52, 2^52 + 0.5, 0.1 + 0.2}
for _, v in ipairs(vals) do print(string.format("%.17g|%g|%e|%a", v, v, v, v)) end
