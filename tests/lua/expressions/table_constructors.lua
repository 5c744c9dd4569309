local t = {1, 2, 3; x = 1, ["y"] = 2, [3 + 1] = 4, 5}
print(t[1], t[2], t[3], t[4], t.x, t.y, #t)
local function three() return 1, 2, 3 end
local a = {three()} local b = {three(), three()} local c = {(three())}
print(#a, #b, #c)
local d = {three(), nil} print(#d)
local e = {[1] = "a", "b"} print(e[1])
print(#{...}, select("#", ...))
