-- A count hook set from code compiled without hook checks (this chunk never names the hook function, so it
-- gets main-thread bodies): the hook still fires in loops and calls on the main thread and in a coroutine.
-- Only "fired" is compared (counts differ by design).
if jit and jit.off then jit.off() end
local dbg = debug
local set = dbg["set" .. "hook"]
local fired = 0
local function spin(n) local s = 0 for i = 1, n do s = s + i end return s end
local function rec(n) if n == 0 then return 0 end return 1 + rec(n - 1) end
set(function() fired = fired + 1 end, "", 50)
print(spin(20000), rec(200))
local co = coroutine.create(function() coroutine.yield(spin(20000)) return rec(200) end)
print(coroutine.resume(co))
print(coroutine.resume(co))
set()
print("fired", fired > 10)
