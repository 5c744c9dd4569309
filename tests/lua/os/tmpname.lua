local a, b = os.tmpname(), os.tmpname()
print(type(a), a ~= b, #a > 0)
local f = io.open(a, "w")
print(f ~= nil)
if f then f:close() end
os.remove(a) os.remove(b)
