-- %f digits computed in integers (x = m * 2^-k, rounded half away from zero) against the general
-- path's territory: ties at every precision, values whose k is near the limits (2^-127, 2^53),
-- results near 2^64, precision 19 and 20, widths and flags, -0, denormals, huge values.
local f = string.format

-- Exact ties: LuaJIT rounds them away from zero.
print(f("%.0f %.0f %.0f %.0f %.0f %.0f", 0.5, 1.5, 2.5, 3.5, -0.5, -2.5))
print(f("%.1f %.1f %.1f %.1f", 0.25, 0.75, -0.25, 1.125))
print(f("%.2f %.2f %.2f %.3f", 0.125, 0.375, 2.675, 1.0625))
print(f("%.3f %.4f %.5f", 0.0625, 0.03125, 0.015625))

-- Zero, negative zero, widths and flags.
print(f("[%f] [%.0f] [%#.0f] [%8.2f] [%-8.2f] [%08.2f] [%+.3f] [% .3f]", 0, 0, 0, 0, 0, 0, 0, 0))
print(f("[%f] [%.2f] [%+.1f] [%08.3f]", -0.0, -0.0, -0.0, -0.0))
print(f("[%#.0f] [%#.0f] [%#5.0f] [%-#6.0f|]", 7, 7.5, -3, 2))

-- Precision limits of the integer path (19) and just beyond (20).
for _, v in ipairs({ 0.1, 1/3, 2/3, 1e-5, 123.456, 0.5, 1 - 2^-53, 2^-30 }) do
  print(f("%.17f|%.18f|%.19f|%.20f", v, v, v, v))
end

-- k near 127 and beyond: tiny values and denormals.
for _, e in ipairs({ -60, -64, -70, -74, -75, -76, -100, -126, -127, -128, -1022, -1074 }) do
  local v = 2^e
  print(e, f("%.19f|%.6f|%f", v, v, v), f("%.19f", 3 * v), f("%.19f", -v))
end

-- Large values: results near and above 2^64, integers from 2^52 upwards.
for _, v in ipairs({ 2^52, 2^52 + 0.5, 2^53, 2^53 + 2, 2^63, 2^64, 1e19, 1.8e19, 1e20, 1e300, 1.7976931348623157e308 }) do
  print(f("%.0f|%.1f|%.3f|%f", v, v, v, v))
end
for _, v in ipairs({ 1844674407.3709551615, 18446744073.709551615, 184467440737.09551615, 9.999999999999999e18 }) do
  print(f("%.9f|%.10f|%.8f", v, v, v))
end

-- A deterministic spread of values and precisions (the benchmark's i / 7 among them).
local seed = 7
local function nextRandom(m)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % m
end
for i = 1, 300 do
  local v = (nextRandom(2000000) - 1000000) / (nextRandom(999) + 1) * 10 ^ (nextRandom(13) - 6)
  local p = nextRandom(20)
  print(f("%." .. p .. "f %10.3f %-12.2f| %.1f", v, v, v, i / 7))
end

-- %f through string coercion of the argument, and numbers from strings.
print(f("%.2f %.3f", "3.14159", " 0x10 "), pcall(f, "%.2f", "abc"))
