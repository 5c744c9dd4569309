local pts = {{1, 1}, {1, -1}, {-1, -1}, {-1, 1}, {0, 0}, {0, -1}, {-0.0, -1}}
for _, p in ipairs(pts) do io.write(string.format("%.6f ", math.atan2(p[1], p[2]))) end
print()
print(string.format("%.6f %.6f", math.atan(1, 2), math.atan(-1)))
