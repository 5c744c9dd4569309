-- thread.exdata with the ffi loaded: a void* per coroutine, NULL until set.
local ffi = require "ffi"
local exdata = require "thread.exdata"
local exdata2 = require "thread.exdata2"
print(exdata() == nil, exdata2() == nil)
print(select("#", exdata(ffi.cast("void *", 5))))
print(exdata() == ffi.cast("void *", 5), exdata2() == nil)
print(pcall(exdata, nil))
print(pcall(exdata, "s"))
print(pcall(exdata, ffi.cast("int *", 8)))
print(exdata() == ffi.cast("void *", 8))
local co = coroutine.create(function()
  exdata(ffi.cast("void *", 77))
  return exdata() == ffi.cast("void *", 77)
end)
print(coroutine.resume(co))
print(exdata() == ffi.cast("void *", 8))
print(coroutine.wrap(function() return exdata() == ffi.cast("void *", 8) end)())
