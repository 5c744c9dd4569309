local cache = setmetatable({}, {__mode = "v"})
cache[1] = {}
cache[2] = "strings are not collected"
local keep = {}
cache[3] = keep
collectgarbage() collectgarbage()
print(cache[1], cache[2], cache[3] == keep)
