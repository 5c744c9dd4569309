-- Metatypes with __index/__newindex functions and __gc, methods through pointers, ctype equality.
local ffi = require "ffi"
-- metatype with __index function + __newindex + __gc and methods via ctype
ffi.cdef "typedef struct { int n; int data[8]; } stack_t;"
local log = {}
local Stack = ffi.metatype("stack_t", {
  __index = function(s, k)
    if k == "push" then return function(self, v) self.data[self.n] = v self.n = self.n + 1 end end
    if k == "pop" then return function(self) self.n = self.n - 1 return self.data[self.n] end end
    if k == "top" then return s.data[s.n - 1] end
  end,
  __newindex = function(s, k, v) log[#log + 1] = "set " .. k end,
  __len = function(s) return s.n end,
  __gc = function(s) log[#log + 1] = "gc " .. s.n end,
})
local function work()
  local st = Stack()
  st:push(1) st:push(2) st:push(3)
  print(#st, st.top, st:pop(), #st)
  st.extra = 1
  st.n = 5 print(#st)
end
work()
collectgarbage() collectgarbage()
print(table.concat(log, ","))
-- ctype methods through the metatype: ctype.__index
print(Stack.push ~= nil)
-- pointers to metatyped struct get the metatype too
local raw = ffi.new("stack_t[1]")
local p = ffi.cast("stack_t *", raw)
p:push(42) print(p.n, p.top, #p[0])
-- cdata as table keys
local t = {}
local k1 = ffi.new("int", 1)
t[k1] = "x" print(t[k1], t[1])
-- ffi.typeof caching of equal strings
print(ffi.typeof("const int") == ffi.typeof("int"), ffi.typeof("int") == ffi.new("int"), ffi.typeof("int32_t") == ffi.typeof("int"), ffi.typeof("int") == 0)
print(ffi.typeof("int[3]") == ffi.typeof("int[3]"), ffi.typeof("struct { int a; }") == ffi.typeof("struct { int a; }"))
-- tostring of various
print(tostring(ffi.typeof("int (*)(int, double)")), tostring(ffi.typeof("const char * const *")), tostring(ffi.typeof("int[?]")))
print(tostring(ffi.typeof("struct { int a; } *")):gsub("%d+", "N"))
print(tonumber(ffi.new("bool", 1)), ffi.new("bool", 0) == false)
