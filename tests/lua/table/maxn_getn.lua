print(table.maxn({}), table.maxn({1, 2, 3}), table.maxn({[10] = 1, [2] = 1}), table.maxn({[1.5] = 1}), table.maxn({[-1] = 1}))
print(table.getn({1, 2, 3}), table.getn({}))
print(pcall(table.maxn, nil))
print(type(table.setn), type(table.foreach), type(table.foreachi))
