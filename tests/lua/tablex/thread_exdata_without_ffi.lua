-- OpenResty's thread.exdata: every call needs the ffi module loaded first.
local exdata = require "thread.exdata"
local exdata2 = require "thread.exdata2"
print(type(exdata), type(exdata2))
print(pcall(function() return exdata() end))
print(pcall(function() exdata2() end))
