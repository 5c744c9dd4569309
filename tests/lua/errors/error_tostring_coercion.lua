-- error() with a number keeps a string message with position; tostring used when printing.
local ok, e = pcall(error, 1.5)
print(ok, e, type(e))
local ok2, e2 = pcall(function() error(1.5) end)
print(ok2, e2, type(e2))
