-- ffi.gc: finalizers run once at collection, can be replaced or removed with nil.
local ffi = require "ffi"
local log = {}
local function fin(tag) return function(c) log[#log + 1] = tag .. ":" .. tostring(ffi.sizeof(c)) end end
local function make()
  local a = ffi.gc(ffi.new("int[4]"), fin("a"))
  local b = ffi.gc(ffi.new("char[3]"), fin("b"))
  ffi.gc(b, nil)
  local c = ffi.gc(ffi.new("double[1]"), fin("c1"))
  ffi.gc(c, fin("c2"))
  return ffi.gc(a, fin("a")) == a
end
print(make())
collectgarbage() collectgarbage()
table.sort(log) print(table.concat(log, " "))
print(pcall(ffi.gc, 1, print))
print(pcall(ffi.gc, ffi.new("int")))
print(pcall(ffi.gc, ffi.new("int"), print))
print(pcall(ffi.gc, 1LL, print))
print(pcall(ffi.gc, ffi.typeof("int[1]"), print))
print(select("#", ffi.gc(ffi.new("struct { int a; }"), nil)))
