-- ffi.abi, ffi.os, ffi.arch
local ffi = require "ffi"
for _, k in ipairs{"32bit","64bit","le","be","fpu","softfp","hardfp","eabi","win","uwp","gc64"} do print(k, ffi.abi(k)) end
print(ffi.os, ffi.arch, type(ffi.C))
