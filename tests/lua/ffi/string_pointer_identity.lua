-- Equal Lua strings convert to the same const char * (LuaJIT interns strings).
local ffi = require "ffi"
local c_str = ffi.typeof("const char *")
local function addr(s) return tonumber(ffi.cast("uintptr_t", ffi.cast(c_str, s))) end
local a = "k" .. 1
local b = "k" .. tostring(1)
print(a == b, addr(a) == addr(b), addr("k1") == addr(a))
local long1 = string.rep("x", 100) .. "y"
local long2 = string.rep("x", 100) .. "y"
print(addr(long1) == addr(long2), addr(long1) ~= addr(long1 .. "z"))
print(ffi.string(ffi.cast(c_str, a)), ffi.string(ffi.cast(c_str, long2)):len())
local t = {}
for i = 1, 50 do t[addr("key" .. i)] = i end
local hits = 0
for i = 1, 50 do if t[addr("key" .. i)] == i then hits = hits + 1 end end
print(hits)
