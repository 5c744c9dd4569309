local t = {1, 2, 3, nil, 5}
print(unpack({1, 2, 3}))
print(unpack(t, 2, 3))
print(unpack(t, 4, 5))
print(unpack({}, 1, 3))
print(unpack({1, 2}, 3))
print(select("#", unpack({}, 1, 0)))
print(unpack({"a", "b", "c"}, -1, 1))
print(pcall(unpack, {}, 1, 1e8))
