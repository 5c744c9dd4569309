local function producer() return coroutine.create(function() for i = 1, 6 do coroutine.yield(i) end end) end
local function filter(src) return coroutine.create(function()
  while true do
    local ok, v = coroutine.resume(src)
    if not v then return end
    if v % 2 == 0 then coroutine.yield(v * 10) end
  end
end) end
local f = filter(producer())
while true do local ok, v = coroutine.resume(f) if not v then break end io.write(v, " ") end
print()
