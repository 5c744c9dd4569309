-- A first line starting with '#' is skipped in files (loadfile/dofile), not in loadstring.
local function compile(src, name) local f, err = loadstring(src, name) if f then return "compiled" end return err end
print(compile("#!/usr/bin/lua\nreturn 1"))
local name = os.tmpname()
local f = assert(io.open(name, "w"))
f:write("#!/usr/bin/env luajit\nreturn 42\n")
f:close()
print(dofile(name))
f = assert(io.open(name, "w"))
f:write("# any comment line\nreturn 'hash line skipped'\n")
f:close()
print(dofile(name))
os.remove(name)
