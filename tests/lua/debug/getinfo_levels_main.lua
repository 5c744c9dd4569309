local level = 0
while debug.getinfo(level + 1) do level = level + 1 end
print(level)
local info = debug.getinfo(1)
print(info.what, info.func ~= nil, info.source, info.short_src)
