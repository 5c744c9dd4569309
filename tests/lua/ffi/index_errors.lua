-- indexing cdata that cannot be indexed
local ffi = require "ffi"
local i = ffi.new("int")
print(pcall(function() return i.x end))
print(pcall(function() return i[0] end))
