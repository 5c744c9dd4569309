local s = {v = 3}
function s.plain(self, d) return self.v + d end
print(s:plain(1), s.plain(s, 2))
local str = "abc"
print(str:upper(), ("x"):rep(2), #str:sub(2))
print(pcall(function() local t = {} return t:nomethod() end))
