-- casting raw memory to a struct pointer and writing through it
local ffi = require "ffi"
ffi.cdef "struct hdr { uint16_t kind; uint16_t len; uint32_t seq; };"
local raw = ffi.new("uint8_t[16]")
local h = ffi.cast("struct hdr *", raw)
h.kind = 0x0102; h.len = 8; h.seq = 0xdeadbeef
print(raw[0], raw[1], raw[2], raw[3], raw[4], raw[7])
local h2 = ffi.cast("struct hdr *", raw + 0)
print(h2.kind, h2.len, h2.seq)
print(ffi.string(raw, 4) == "\2\1\8\0")
