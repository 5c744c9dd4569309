-- A backslash followed by a real newline puts a newline in the string.
local s = "a\
b"
print(#s, s:byte(2))
local t = loadstring("return 'x\\\r\ny'")()
print(#t, t:byte(2))
