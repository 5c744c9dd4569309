local args = {}
for i = 1, 250 do args[i] = i end
local function count(...) return select("#", ...) end
print(count(unpack(args)))
local src = "return select('#', " .. table.concat(args, ",") .. ")"
local f, err = loadstring(src, "=args")
print(f and f() or err)
