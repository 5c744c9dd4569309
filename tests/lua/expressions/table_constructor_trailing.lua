local t = {1, 2, 3,}
local u = {1, 2, 3;}
local w = {a = 1, b = 2,}
print(#t, #u, w.a + w.b)
print(loadstring("return {,}") == nil)
