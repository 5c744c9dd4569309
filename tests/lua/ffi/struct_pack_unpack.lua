-- packing a struct into a string and back (resty.limit.req's pattern): ffi.string and ffi.cast on records
local ffi = require "ffi"
ffi.cdef [[
  struct lim_rec { unsigned long excess; uint64_t last; };
]]
local rec_ptr_t = ffi.typeof("struct lim_rec *")
local rec_size = ffi.sizeof("struct lim_rec")
local rec = ffi.new("struct lim_rec[1]")
rec[0].excess = 1234
rec[0].last = 1700000000123ULL
local packed = ffi.string(rec, rec_size)
print(#packed, rec_size)
local back = ffi.cast(rec_ptr_t, packed)
print(back[0].excess, back[0].last, back.excess)
local cp = ffi.cast("const struct lim_rec *", packed)
print(cp.last)
print(pcall(function() cp.excess = 1 end))
local copy = ffi.new("struct lim_rec")
ffi.copy(copy, packed, rec_size)
print(copy.excess, copy.last)
