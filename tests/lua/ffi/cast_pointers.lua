-- reinterpreting memory through pointer casts
local ffi = require "ffi"
local a = ffi.new("uint32_t[1]", 0x01020304)
local b = ffi.cast("uint8_t *", a)
print(b[0], b[1], b[2], b[3])
local v = ffi.cast("void *", a)
local back = ffi.cast("uint32_t *", v)
print(back[0])
local addr = ffi.cast("uintptr_t", v)
print(ffi.cast("uint32_t *", addr)[0])
