local s = "abcabc"
for _, init in ipairs({-10, -6, -3, -1, 0, 1, 4, 6, 7, 8, 100}) do
  io.write(init, ":", tostring(s:find("c", init)), ",", tostring(s:find("", init)), " ")
end
print()
print(s:find("b", 3, true), s:find("bc", -2, true), s:match("c", 7))
