print(pcall(function(...) return select("#", ...), ... end, 1, nil, 3))
print(pcall(math.max, 3, 9, 2))
print(pcall(string.rep, "ab", 3, ","))
print(pcall(setmetatable({}, {__call = function(_, x) return x end}), "callable"))
