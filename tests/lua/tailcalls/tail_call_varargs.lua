local function count(n, ...) if n == 0 then return select("#", ...) end return count(n - 1, ...) end
print(count(300000, 1, 2, 3))
local function passthrough(...) return select("#", ...), ... end
local function t(...) return passthrough(...) end
print(t(nil, nil))
