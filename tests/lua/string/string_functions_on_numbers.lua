print(string.len(12345), string.rep(1, 3), string.sub(12345, 2, 3), string.upper(1e10))
print(pcall(function() local n = 5 return n:rep(2) end))
