-- sizeof/alignof of every scalar type (x64 Linux)
local ffi = require "ffi"
for _, t in ipairs{"char","signed char","unsigned char","short","unsigned short","int","unsigned int","long","unsigned long","long long","unsigned long long","float","double","bool","_Bool","void *","char *","size_t","ssize_t","intptr_t","uintptr_t","ptrdiff_t","wchar_t","int8_t","uint8_t","int16_t","uint16_t","int32_t","uint32_t","int64_t","uint64_t"} do
  print(t, ffi.sizeof(t), ffi.alignof(t))
end
