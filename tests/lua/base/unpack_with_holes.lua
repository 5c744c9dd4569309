local t = {n = 3}
t[1] = "a" t[3] = "c"
print(unpack(t, 1, t.n))
print(select("#", unpack(t, 1, t.n)))
