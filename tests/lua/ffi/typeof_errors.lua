-- errors from type strings and ffi.new/ffi.sizeof
local ffi = require "ffi"
print(pcall(ffi.typeof, "int x"))
print(pcall(ffi.typeof, "struct nope"))
print(pcall(ffi.new, "struct nope"))
print(pcall(ffi.typeof, "foo"))
print(pcall(ffi.typeof, ""))
print(pcall(ffi.typeof, "int;"))
print(pcall(ffi.new, "int[?]"))
print(pcall(ffi.sizeof, "int[?]"))
print(pcall(ffi.sizeof, "void"))
print(pcall(ffi.new, "void"))
print(pcall(ffi.new, 5))
print(pcall(ffi.sizeof, {}))
