-- compile(src, name): "compiled" or the syntax error message, never a function address.
local function compile(src, name) local f, err = loadstring(src, name) if f then return "compiled" end return err end
print(compile("\n\n\nx = = 1", "=chunk"))
print(compile("\n\n\nx = = 1", "@file.lua"))
print(compile("\n\n\nx = = 1", "some code"))
print(compile("x = [[\n\n", "=c"))
print(compile("f(\n1,\n2", "=c"))
