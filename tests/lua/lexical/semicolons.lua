-- compile(src, name): "compiled" or the syntax error message, never a function address.
local function compile(src, name) local f, err = loadstring(src, name) if f then return "compiled" end return err end
local a = 1; local b = 2; print(a + b);
do local _ = 0; end
print(compile(";;;"))
print(compile("return 1;"))
print(compile("return 1;;"))
