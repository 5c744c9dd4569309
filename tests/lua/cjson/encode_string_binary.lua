-- bytes >= 0x80 pass unchanged, valid UTF-8 or not
local cjson = require "cjson"
local s = cjson.encode("caf\195\169 \226\130\172 \240\159\152\128")
print(s, #s)
local bad = cjson.encode("\255\254\192\128\237\160\128")
print(#bad, bad:byte(1, -1))
print(cjson.encode({"\200", "\128\129"}))
