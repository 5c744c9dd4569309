local vals = {0.5, 1.5, 2.5, 0.05, 0.15, 0.25, 9.5, 99.95, 999999.5, 1e21, 1.25e-5, 123456.5}
for _, v in ipairs(vals) do
  print(string.format("%.0f %.1f %g %.2g %.3e %.14g", v, v, v, v, v, v))
end
