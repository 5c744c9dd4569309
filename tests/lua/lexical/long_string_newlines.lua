-- CR, LF, CRLF and LFCR inside long strings are each normalized to one "\n".
local src = "return [[a\r\nb\n\rc\rd\ne]]"
local s = loadstring(src)()
print(#s)
for i = 1, #s do io.write(s:byte(i), " ") end
print()
