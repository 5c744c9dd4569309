-- compile(src, name): "compiled" or the syntax error message, never a function address.
local function compile(src, name) local f, err = loadstring(src, name) if f then return "compiled" end return err end
print(compile("return 'abc"))
print(compile("return \"abc\ndef\""))
print(compile("x = [[abc"))
print(compile("x = [==[abc]=]"))
print(compile("--[[ never closed"))
