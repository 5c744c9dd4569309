for _, s in ipairs({"0", "-0", "1e1", "0x1p-2", " 3 ", "3 x", "1e400", "-1e400", ".e1", "0x.p1"}) do
  print(string.format("%q", s), tonumber(s))
end
