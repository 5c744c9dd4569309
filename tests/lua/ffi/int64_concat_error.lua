-- operators cdata does not support
local ffi = require "ffi"
print(pcall(function() return 5LL .. "" end))
print(pcall(function() return 1LL + {} end))
print(pcall(function() return #1LL end))
