-- stores into narrow and unsigned integers wrap as C does
local ffi = require "ffi"
local u = ffi.new("uint32_t[1]") u[0] = -1 print(u[0]) u[0] = 2^32 + 7 print(u[0]) u[0] = -1.5 print(u[0])
local u8 = ffi.new("uint8_t[1]") u8[0] = 300 print(u8[0]) u8[0] = -1 print(u8[0]) u8[0] = 255.9 print(u8[0])
local i8 = ffi.new("int8_t[1]") i8[0] = 200 print(i8[0]) i8[0] = -129 print(i8[0])
local u16 = ffi.new("uint16_t[1]") u16[0] = 70000 print(u16[0])
local i16 = ffi.new("int16_t[1]") i16[0] = 40000 print(i16[0])
