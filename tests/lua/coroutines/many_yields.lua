local co = coroutine.create(function() local s = 0 for i = 1, 100000 do s = s + coroutine.yield(i) end return s end)
local ok, v = coroutine.resume(co)
local last
while coroutine.status(co) ~= "dead" do ok, v = coroutine.resume(co, 1) last = v end
print(ok, last)
