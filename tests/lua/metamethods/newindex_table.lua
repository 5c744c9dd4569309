local store = {}
local t = setmetatable({}, {__newindex = store})
t.a = 1
print(rawget(t, "a"), store.a)
t.a = 2
print(store.a)
rawset(t, "b", 3) t.b = 4
print(t.b, store.b)
