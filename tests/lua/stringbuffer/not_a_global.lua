-- string.buffer is a module, not a field of string, until required.
print(string.buffer, package.preload["string.buffer"] ~= nil)
local b = require "string.buffer"
print(string.buffer, type(b))
