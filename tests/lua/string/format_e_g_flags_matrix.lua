local flags = {"", "-", "+", " ", "0", "#"}
for _, v in ipairs({0, 1e-10, -123.456, 9.99999e5}) do
  local row = {}
  for _, fl in ipairs(flags) do row[#row + 1] = string.format("[%" .. fl .. "12.3e][%" .. fl .. "10.4g]", v, v) end
  print(table.concat(row))
end
