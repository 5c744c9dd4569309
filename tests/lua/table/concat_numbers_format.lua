print(table.concat({1, 1.5, -0.0, 1e100, 2^53, 1/3}, " "))
print(table.concat({"a", 1, "b"}, 2))
print(pcall(table.concat, {}, {}))
