local function g() return 1 + g() end
local ok, err = pcall(g)
print(ok, (tostring(err):gsub("^.-:%d+: ", "")))
print("still alive")
