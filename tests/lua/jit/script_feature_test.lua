-- How scripts commonly probe for LuaJIT.
local is_luajit = type(jit) == "table" and jit.version ~= nil
print(is_luajit)
local major, minor = jit.version:match("LuaJIT (%d+)%.(%d+)")
print(major, minor)
if jit.version_num >= 20100 then print("2.1 features") end
print(rawget(_G, "jit") ~= nil)
