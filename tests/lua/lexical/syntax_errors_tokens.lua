-- compile(src, name): "compiled" or the syntax error message, never a function address.
local function compile(src, name) local f, err = loadstring(src, name) if f then return "compiled" end return err end
print(compile("x = = 1"))
print(compile("local function () end"))
print(compile("if x then"))
print(compile("x = 1 +"))
print(compile("f("))
print(compile("x = }"))
print(compile("for i = 1 do end"))
print(compile("local t = {1, 2"))
