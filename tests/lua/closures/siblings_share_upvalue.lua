local function pair()
  local v = 0
  return function() v = v + 1 return v end, function() return v end, function(x) v = x end
end
local inc, get, set = pair()
inc() inc()
print(get())
set(100) inc()
print(get())
