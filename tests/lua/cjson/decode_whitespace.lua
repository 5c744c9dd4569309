-- JSON white space is space, tab, LF, CR; nothing else
local cjson = require "cjson"
print(#cjson.decode(" \t\r\n[ 1 ,\t2\n,\r3 ] \n"))
for _, ws in ipairs({ "\f", "\v", "\0", "\160", "\194\160", "\239\187\191" }) do
  print(ws:byte(1), pcall(cjson.decode, ws .. "1"))
  print(ws:byte(1), pcall(cjson.decode, "[1" .. ws .. "]"))
end
