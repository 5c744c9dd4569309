print(pcall(function() for k, v in pairs({1}) do error("in loop " .. k) end end))
print(pcall(function() for i = 1, 2 do local x = i .. nil end end))
