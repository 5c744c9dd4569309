-- all 256 byte values survive ffi.copy and ffi.string
local ffi = require "ffi"
local t = {}
for i = 0, 255 do t[#t + 1] = string.char(i) end
local s = table.concat(t)
local buf = ffi.new("uint8_t[256]")
ffi.copy(buf, s, 256)
local back = ffi.string(buf, 256)
print(#back, back == s, buf[0], buf[255], buf[128])
local c = ffi.cast("const char *", s)
print(c[0], c[255], c[128])
