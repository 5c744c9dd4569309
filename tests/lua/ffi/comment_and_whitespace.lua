-- comments and whitespace in declarations
local ffi = require "ffi"
ffi.cdef[[
  /* a block
     comment */
  struct cw {   // trailing comment
    int   a ;
    char  *b;
  } ;
]]
print(ffi.sizeof("struct cw"), ffi.offsetof("struct cw", "b"))
