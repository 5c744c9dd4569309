local function inner(...) return select("#", ...), ... end
local function outer(...) return inner(...) end
print(outer(1, nil, 3))
print(outer())
local function packn(...) return {n = select("#", ...), ...} end
local p = packn(nil, 2, nil)
print(p.n, p[1], p[2], p[3])
print(unpack({1, 2, 3}))
