-- an uncaught decode error: exit status 1 and the message with the caller's position
local cjson = require "cjson"
print(cjson.decode("[1,2]")[2])
local value = cjson.decode('{"a":1,}')
print("not reached", value)
