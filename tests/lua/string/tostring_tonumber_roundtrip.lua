local vals = {0.1, 1/3, 2/3, 1e-10, 123.456, 2^53, 1e21, 5e-324, 1.7976931348623157e308}
for _, v in ipairs(vals) do
  local s = tostring(v)
  io.write(s, " ", tostring(tonumber(s) == v), " ")
  print(string.format("%.17g", v) == string.format("%.17g", tonumber(string.format("%.17g", v))))
end
