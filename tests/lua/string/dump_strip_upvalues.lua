local x = 10
local function uses() return x end
local copy = loadstring(string.dump(uses))
print(pcall(copy))
print(debug.getupvalue(copy, 1))
