local t = {}
t[1] = "int" t[1.0] = "float one"
print(t[1])
t[2^53] = "big"
print(t[2^53])
t["1"] = "string one"
print(t[1], t["1"])
print(pcall(function() t[nil] = 1 end))
print(pcall(function() t[0/0] = 1 end))
print(t[nil], t[0/0])
