local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Decoding does not depend on how a table was built.
local a = { 1, 2, 3 }
local b = {}
b[3] = 3 b[2] = 2 b[1] = 1
local da, db = buffer.decode(buffer.encode(a)), buffer.decode(buffer.encode(b))
print(#da, #db, da[1] + da[2] + da[3], db[1] + db[2] + db[3])
