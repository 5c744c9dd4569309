-- How numbers lex next to other tokens: '--' starts a comment, '..' right after digits is malformed.
local a = 3
print(a-1, a- -1, a--1
)
local function compile(src) local f, err = loadstring(src, "=n") if f then return f() end return err end
print(compile("return 0xA..''"), compile("return 1..''"), compile("return 1 ..''"))
print(compile("return 1e1..''"), compile("return 0x1p0x"))
print(2e1, .5e1, 0x10p0)
