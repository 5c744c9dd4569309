local x = 1
local function get() return x end
local x = 2
print(x, get())
for x = 10, 10 do print(x, get()) end
local print = print
print("shadowed print works")
