-- An error inside the handler.
print(xpcall(function() error("first") end, function(m) error("second") end))
print(xpcall(function() error("first") end, function(m) return m, "extra" end))
