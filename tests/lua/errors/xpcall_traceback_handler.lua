local function fails() error("deep") end
local ok, tb = xpcall(fails, debug.traceback)
print(ok)
print((tb:gsub("\n.*", "")))
print(select(2, tb:gsub("\n", "\n")) > 1)
