-- tonumber on awkward strings, with and without a base.
for _, s in ipairs({"+0x10", "- 1", "0x1P+4", "infinity", "-inf", " nan ", "INF", "0X1p-1", "1e+", "1E+2", ".", "-.5", "+.5e1", "0x.8", "1_000", "١", "0b101", "010", "1.", "-0", "0x-1", "1e308", "1e309", "4.9e-324", "2.4e-324", "0x1p-1075"}) do
  io.write(string.format("%q", s), "=", tostring(tonumber(s)), " ")
end
print()
for _, s in ipairs({"10", "zz", "-10", "7fffffff", "80000000", "ffffffffffffffff", "1e1", " 12 ", "1 2"}) do
  io.write(s, ":", tostring(tonumber(s, 16)), ":", tostring(tonumber(s, 36)), " ")
end
print()
