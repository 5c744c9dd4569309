print(-0, 0 * -1, -0.0, 1 / -0, 1 / (0 * -1))
print(tostring(-0), string.format("%g", -0.0))
print(0 == -0, -0 < 0)
local t = {} t[0] = "zero" print(t[-0])
