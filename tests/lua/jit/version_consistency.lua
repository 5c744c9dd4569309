-- jit.version and jit.version_num agree; os/arch match ffi's.
local ffi = require "ffi"
local major, minor, patch = jit.version:match("^LuaJIT (%d+)%.(%d+)%.(%d+)")
print(major, minor, patch ~= nil)
print(math.floor(jit.version_num / 10000), math.floor(jit.version_num / 100) % 100)
print(jit.os == ffi.os, jit.arch == ffi.arch, jit.os, jit.arch)
print(type(jit.status()), select("#", jit.status()) >= 1)
print(type(jit.on), type(jit.off), type(jit.flush), type(jit.attach), type(jit.opt), type(jit.opt.start))
