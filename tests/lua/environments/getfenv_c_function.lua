print(type(getfenv(print)), getfenv(print) == _G)
print(getfenv(string.format) == _G)
local co = coroutine.create(function() end)
print(pcall(getfenv, co))
