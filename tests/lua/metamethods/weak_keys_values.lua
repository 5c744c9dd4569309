local t = setmetatable({}, {__mode = "kv"})
local k1 = {}
t[k1] = {}
t[1] = {}
t.s = 1
collectgarbage() collectgarbage()
local n = 0 for _ in pairs(t) do n = n + 1 end
print(n, t.s)
