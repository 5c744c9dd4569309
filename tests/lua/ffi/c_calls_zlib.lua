-- ffi.load("z"): compress and uncompress round trip through zlib
local ffi = require "ffi"
ffi.cdef[[
unsigned long compressBound(unsigned long sourceLen);
int compress(uint8_t *dest, unsigned long *destLen, const uint8_t *source, unsigned long sourceLen);
int uncompress(uint8_t *dest, unsigned long *destLen, const uint8_t *source, unsigned long sourceLen);
]]
local z = ffi.load("z")
local src = string.rep("hello world ", 20)
local bound = z.compressBound(#src)
print(bound)
local dst = ffi.new("uint8_t[?]", bound)
local dlen = ffi.new("unsigned long[1]", bound)
print(z.compress(dst, dlen, src, #src), dlen[0] < #src)
local out = ffi.new("uint8_t[?]", #src)
local olen = ffi.new("unsigned long[1]", #src)
print(z.uncompress(out, olen, dst, dlen[0]), olen[0], ffi.string(out, olen[0]) == src)
