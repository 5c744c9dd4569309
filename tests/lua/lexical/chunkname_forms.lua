-- compile(src, name): "compiled" or the syntax error message, never a function address.
local function compile(src, name) local f, err = loadstring(src, name) if f then return "compiled" end return err end
print(compile("error('x')", "=name"))
print(pcall(loadstring("error('x')", "=name")))
print(pcall(loadstring("error('x')", "@path/to/f.lua")))
print(pcall(loadstring("error('x')", "literal code here")))
print(pcall(loadstring("error('x')")))
print(pcall(loadstring("\nerror('x')", "a very long chunk name that will be truncated somewhere along the way because it is long")))
print(pcall(loadstring("error('x')", "multi\nline")))
