-- LuaJIT reads lines with fgets and measures them with strlen, so a NUL byte inside a line
-- cuts what is returned: this pins down that reference behaviour.
local name = os.tmpname()
local f = assert(io.open(name, "wb")) f:write("ab\0cd\nef\n\0\ngh") f:close()
for line in io.lines(name) do io.write(#line, ":", (line:gsub("%z", "0")), " ") end
print()
f = assert(io.open(name, "rb"))
print(#f:read("*l"), #f:read("*a"))
f:close()
os.remove(name)
