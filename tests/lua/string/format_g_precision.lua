local f = string.format
for _, v in ipairs({0, 1, 0.1, 100000, 1000000, 1e-4, 1e-5, 123456789, 0.000123456, 1/3, -2.5, 1e100}) do
  print(f("%g|%.3g|%.10g|%#g|%10.2g|%-10g|%G", v, v, v, v, v, v, v))
end
print(f("%.0g|%.1g|%.17g", 123.456, 123.456, 0.1))
print(f("%g|%g|%g", 1/0, -1/0, 2^63))
