for _, p in ipairs({0, 1, 3, 10}) do
  print(string.format("[%." .. p .. "s][%5." .. p .. "s][%-5." .. p .. "s]", "abcdef", "abcdef", "abcdef"))
end
print(string.format("[%.3s]", "a\0bc"):byte(1, -1))
