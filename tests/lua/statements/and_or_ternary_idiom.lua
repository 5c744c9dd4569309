local function pick(c, a, b) return c and a or b end
print(pick(true, 1, 2), pick(false, 1, 2), pick(true, false, 2), pick(nil, nil, "b"))
local x = nil
print(x and x.y or "default")
