-- jit.prngstate() returns the state as a table of 8 integers.
local s = jit.prngstate()
print(type(s), #s)
local ok = true
for i = 1, 8 do
  if type(s[i]) ~= "number" or s[i] ~= math.floor(s[i]) or s[i] < -2^31 or s[i] >= 2^31 then ok = false end
end
print(ok)
