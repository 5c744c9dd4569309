-- 64-bit accumulation wraps around; a hash in int64 arithmetic
local ffi = require "ffi"
local h = 14695981039346656037ULL
for i = 1, 20 do
  h = h * 1099511628211ULL
  h = h + i
end
print(h)
local acc = 0LL
for i = 1, 100 do acc = acc + i * 1000000000000LL end
print(acc)
local f = 1LL
for i = 1, 25 do f = f * i end
print(f)
