local reg = setmetatable({}, {__mode = "k"})
local live = {}
reg[live] = "live"
reg[{}] = "dead"
collectgarbage() collectgarbage()
local n = 0 for k, v in pairs(reg) do n = n + 1 end
print(n, reg[live])
