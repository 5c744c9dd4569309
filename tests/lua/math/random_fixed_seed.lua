math.randomseed(42)
local a = {} for i = 1, 5 do a[i] = math.random(100) end
math.randomseed(42)
local b = {} for i = 1, 5 do b[i] = math.random(100) end
print(table.concat(a, ","), table.concat(a, ",") == table.concat(b, ","))
math.randomseed(123)
print(math.random(), math.random(10), math.random(5, 7), math.random(-3, 3))
