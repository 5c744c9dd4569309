local pairs_ = {{5.3, 2}, {-5.3, 2}, {5.3, -2}, {1, 0.3}, {0, 5}, {-0.0, 1}}
for _, p in ipairs(pairs_) do io.write(string.format("%.10g ", math.fmod(p[1], p[2]))) end
print()
for _, v in ipairs({3.25, -3.25, 0, 1e300, -0.5}) do local i, f = math.modf(v) io.write(i, ":", f, " ") end
print()
print(math.modf(math.huge), math.modf(-math.huge))
