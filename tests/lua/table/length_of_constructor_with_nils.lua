print(#{nil}, #{nil, nil}, #{1, nil}, #{n = 1, 2})
local t = {1, 2, 3}
t[#t + 1] = 4
t[#t + 1] = 5
print(#t, t[5])
