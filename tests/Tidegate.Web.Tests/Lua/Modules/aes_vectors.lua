-- resty.aes against OpenSSL through lua-resty-string: the expected output (aes_vectors.expected) is what
-- Debian's lua-nginx-string 0.11 prints for it under luajit, with libcrypto preloaded so its FFI finds OpenSSL:
--   LD_PRELOAD=libcrypto.so.3 LUA_PATH="<extracted deb>/usr/share/lua/5.1/?.lua;;" \
--     luajit -e 'package.preload["resty.aes"] = function() return require "nginx.aes" end' aes_vectors.lua
local aes = require "resty.aes"
local function hex(s) if s == nil then return "nil" end return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
-- an error message without the position, which names a file in one engine and a line in the other
local function failure(f, ...) local ok, e = pcall(f, ...) return ok, (tostring(e):gsub("^.-:%d+: ", "")) end
local a = aes:new("secret")
print("default", hex(a:encrypt("hello world")), a:decrypt(a:encrypt("hello world")))
print("empty", hex(a:encrypt("")), hex(a:decrypt("")), hex(a:decrypt("short")), hex(a:decrypt(string.rep("x", 16))))
for _, size in ipairs({128, 192, 256}) do
  for _, mode in ipairs({"ecb", "cbc", "cfb1", "cfb8", "cfb128", "ofb", "ctr"}) do
    local ok, c = failure(aes.cipher, size, mode)
    if ok then c = aes.cipher(size, mode) end
    if ok then
      local o = aes:new("pass", "saltsalt", c, aes.hash.sha256, 3)
      local e1 = o:encrypt("The quick brown fox jumps over the lazy dog")
      local e2 = o:encrypt("The quick brown fox jumps over the lazy dog")
      print(size, mode, hex(e1), hex(e2), o:decrypt(e1))
    else print(size, mode, c) end
  end
end
local key = "0123456789abcdef" local iv = "fedcba9876543210"
local r = aes:new(key, nil, aes.cipher(128, "cbc"), { iv = iv })
print("raw", hex(r:encrypt("raw key and iv")))
local m = aes:new("x", nil, aes.cipher(256, "ctr" == "x" and "x" or "cfb8"), { iv = iv, method = function(k) return string.rep(k, 32) end })
print("method", hex(m:encrypt("method key")))
print("badiv", aes:new(key, nil, nil, { iv = "short" }))
print("badkey", aes:new("short", nil, nil, { iv = iv }))
print("badkey2", aes:new("k", nil, nil, { iv = iv, method = function() return "x" end }))
print("salt", aes:new(key, "short"))
for _, h in ipairs({"md5", "sha1", "sha224", "sha384", "sha512"}) do
  print(h, hex(aes:new("pw", "12345678", aes.cipher(256, "cbc"), aes.hash[h], 2):encrypt("x")))
end
print("ecbnosalt", hex(aes:new("pw", nil, aes.cipher(192, "ecb")):encrypt(string.rep("a", 32))))
local c = aes:new("pw", nil, aes.cipher(128, "ctr"))
local x1 = c:encrypt("abc") local x2 = c:encrypt("abc") local x3 = c:encrypt(string.rep("z", 20))
print("ctr", hex(x1), hex(x2), hex(x3), c:decrypt(x1), hex(c:decrypt(x2)))
local tampered = a:encrypt("0123456789abcdefXYZ")
print("tamper", hex(a:decrypt(tampered:sub(1, 16) .. string.char((tampered:byte(17) + 1) % 256) .. tampered:sub(18))))
print(failure(aes.cipher, 512))
print(failure(aes.cipher, 256, "gcm"))
print(failure(a.encrypt, a, nil))
print(failure(aes.new, aes, nil))
print("bin", hex(aes:new("\0\1\2\255", "\0\0\0\0\0\0\0\0"):encrypt("\0\255")))
print("rounds0", hex(aes:new("pw", nil, nil, nil, 1):encrypt("x")))
