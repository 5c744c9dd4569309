-- ffi is a module, not a global
local ffi = require "ffi"
print(type(rawget(_G, "ffi")))
print(require("ffi") == ffi, package.loaded.ffi == ffi)
