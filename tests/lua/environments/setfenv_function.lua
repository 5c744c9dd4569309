local function f() return x, print ~= nil end
print(f())
setfenv(f, {x = "from env"})
print(f())
x = "global"
print(f())
