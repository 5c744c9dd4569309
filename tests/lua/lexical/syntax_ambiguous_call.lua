-- compile(src, name): "compiled" or the syntax error message, never a function address.
local function compile(src, name) local f, err = loadstring(src, name) if f then return "compiled" end return err end
-- A call whose '(' starts a new line is an ambiguity error in Lua 5.1 / LuaJIT.
print(compile("local f = print\n(f)('x')"))
print(compile("local f = print (f)('x')"))
