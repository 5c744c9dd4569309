local s = "text"
print(pcall(function() local r = s:find({}) return r end))
print(pcall(function() local r = s:rep("x") return r end))
print(pcall(function() local r = string.find(s, nil) return r end))
print(pcall(function() local r = s:gsub() return r end))
