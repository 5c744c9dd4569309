-- how ctypes print: tostring(ffi.typeof(...))
local ffi = require "ffi"
for _, t in ipairs{"int","long","unsigned long","long long","unsigned int","uint8_t","int8_t","signed char","size_t","char","short","unsigned short","float","double","bool","void *","const char *","char * const","int[10]","int *[3]","int (*)[3]","const int","volatile int","const volatile int","int **","void"} do
  print(t, tostring(ffi.typeof(t)))
end
