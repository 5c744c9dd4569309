local f = string.format
print(f("%q", 'he said "hi"\n\tand\\left'))
print(f("%q", "\0\1\2\127\128\255"))
print(f("%q", "\r\n\0001"))
print(f("%q", 1/3), f("%q", 10))
print(pcall(f, "%q", true))
print(loadstring("return " .. f("%q", "round\0trip\n\"\\\255"))() == "round\0trip\n\"\\\255")
