print(pcall(function() local n = 1 return n.x end))
print(pcall(function() local b = true return b.x end))
print(pcall(function() local f = print return f.x end))
print(pcall(function() local n = 1 n.x = 1 end))
