-- compile(src, name): "compiled" or the syntax error message, never a function address.
local function compile(src, name) local f, err = loadstring(src, name) if f then return "compiled" end return err end
-- \xXX needs exactly two hex digits (LuaJIT extension).
print(("\x41\x62\x7A\xff\x00"):byte(1, -1))
print("\x48\x49")
print(compile([[return "\x4"]]))
print(compile([[return "\xg0"]]))
