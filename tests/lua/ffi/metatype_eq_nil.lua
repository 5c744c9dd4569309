-- x == nil on a cdata whose metatype has __eq calls __eq(cdata, nil), as LuaJIT does.
local ffi = require "ffi"
ffi.cdef "typedef struct { int v; } S; typedef struct { int v; } T;"
local calls = 0
ffi.metatype("S", { __eq = function(a, b) calls = calls + 1 print("eq", type(a), type(b)) return true end })
local s = ffi.new("S", 1)
print(s == nil, nil == s, s ~= nil, calls)
print(s == 1, s == "x", s == {}, calls)
print(s == ffi.new("S", 2), calls)
local p = ffi.new("S[1]")
print(p[0] == nil, calls)
local ps = ffi.cast("S *", p)
print(ps == nil, ps == ps, calls)
local t = ffi.new("T")
print(t == nil, t == false, calls)
local f = function() return nil end
print(s == f(), calls)
local n = nil
print(s == n, n == s, calls)
if s == nil then print("branch eq") end
if not (s ~= nil) then print("branch ne") end
