-- compile(src, name): "compiled" or the syntax error message, never a function address.
local function compile(src, name) local f, err = loadstring(src, name) if f then return "compiled" end return err end
print(compile("x"))
print(compile("x.y"))
print(compile("return return"))
print(compile("break"))
print(compile("goto nowhere"))
print(compile("a, b"))
print(compile("(a) = 1"))
print(compile("a.b:c = 1"))
print(compile("x = 1 y"))
