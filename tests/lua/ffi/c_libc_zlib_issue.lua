-- The issue's libc and zlib test: strlen, memcpy, qsort with a Lua comparator, getpid,
-- snprintf (varargs) and zlib's compress/uncompress through ffi.load("z").
local ffi = require "ffi"
ffi.cdef [[
size_t strlen(const char *s);
void *memcpy(void *dst, const void *src, size_t n);
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
int getpid(void);
int snprintf(char *buf, size_t n, const char *fmt, ...);
unsigned long compressBound(unsigned long sourceLen);
int compress(uint8_t *dest, unsigned long *destLen, const uint8_t *source, unsigned long sourceLen);
int uncompress(uint8_t *dest, unsigned long *destLen, const uint8_t *source, unsigned long sourceLen);
const char *zlibVersion(void);
]]
local C = ffi.C
print("strlen", C.strlen("hello world"), C.strlen(""))

local src = ffi.new("int[4]", 1, 2, 3, 4)
local dst = ffi.new("int[4]")
C.memcpy(dst, src, ffi.sizeof(src))
print("memcpy", dst[0], dst[1], dst[2], dst[3])

local values = { 42, -7, 19, 0, 3, 3, 100, -50 }
local arr = ffi.new("int[?]", #values, values)
local calls = 0
C.qsort(arr, #values, ffi.sizeof("int"), function(a, b)
  calls = calls + 1
  local x, y = ffi.cast("const int *", a)[0], ffi.cast("const int *", b)[0]
  return x < y and -1 or (x > y and 1 or 0)
end)
local out = {}
for i = 0, #values - 1 do out[#out + 1] = arr[i] end
print("qsort", table.concat(out, " "), calls > 0)

local pid = C.getpid()
print("getpid", type(pid), pid > 0, pid == math.floor(pid), pid == C.getpid())

local buf = ffi.new("char[64]")
local n = C.snprintf(buf, 64, "%s=%d %.2f %lld", "x", ffi.new("int", 7), 3.14159, 1234567890123LL)
print("snprintf", n, ffi.string(buf))

local z = ffi.load("z")
local text = string.rep("tidegate compresses this line. ", 40)
local bound = z.compressBound(#text)
local packed = ffi.new("uint8_t[?]", bound)
local packedLen = ffi.new("unsigned long[1]", bound)
print("compress", z.compress(packed, packedLen, text, #text), packedLen[0] < #text)
local unpacked = ffi.new("uint8_t[?]", #text)
local unpackedLen = ffi.new("unsigned long[1]", #text)
print("uncompress", z.uncompress(unpacked, unpackedLen, packed, packedLen[0]), tonumber(unpackedLen[0]))
print("roundtrip", ffi.string(unpacked, unpackedLen[0]) == text)
-- corrupt input: Z_DATA_ERROR (-3); too small a buffer: Z_BUF_ERROR (-5)
packed[0] = 0
print("corrupt", z.uncompress(unpacked, unpackedLen, packed, packedLen[0]))
print("version", type(ffi.string(z.zlibVersion())))
local small = ffi.new("unsigned long[1]", 4)
print("small", z.compress(packed, small, text, #text))
