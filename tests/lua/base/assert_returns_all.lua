print(assert(true, "msg", 3))
print(select("#", assert(1, nil, nil)))
print(pcall(assert, false, nil))
