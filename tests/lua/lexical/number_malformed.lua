-- compile(src, name): "compiled" or the syntax error message, never a function address.
local function compile(src, name) local f, err = loadstring(src, name) if f then return "compiled" end return err end
print(compile("return 3x"))
print(compile("return 0xg"))
print(compile("return 1e"))
print(compile("return 1..2"))
print(compile("return 1.2.3"))
