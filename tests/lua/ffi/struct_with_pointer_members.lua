-- pointer members: NULL by default, set from arrays and other pointers
local ffi = require "ffi"
ffi.cdef "struct buf { char *data; size_t len; struct buf *next; };"
local store = ffi.new("char[16]", "payload")
local b = ffi.new("struct buf")
print(tostring(b.data), tostring(b.next), b.len)
b.data = store; b.len = 7
print(ffi.string(b.data, b.len), b.len)
local b2 = ffi.new("struct buf", store + 3, 4, b)
print(ffi.string(b2.data, b2.len), ffi.string(b2.next.data, 3))
