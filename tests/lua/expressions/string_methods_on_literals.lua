print(("abc"):upper(), ("x"):rep(3), #("abc"):sub(2))
local s = "hello"
print(s:len(), s:byte(1), type(s.len), s.len == string.len)
print(("%d-%s"):format(5, "x"))
print(pcall(function() local n = 5 return n:foo() end))
