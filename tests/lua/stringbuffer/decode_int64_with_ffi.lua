local buffer = require "string.buffer"
local ffi = require "ffi"
-- With the ffi loaded, tags 0x10 and 0x11 decode to int64_t and uint64_t cdata.
local a = buffer.decode("\16\254\255\255\255\255\255\255\255")
local b = buffer.decode("\17\254\255\255\255\255\255\255\255")
print(tostring(a), tostring(b))
print(ffi.istype("int64_t", a), ffi.istype("uint64_t", b))
print(tostring(buffer.decode(buffer.encode(12345678901234LL))))
