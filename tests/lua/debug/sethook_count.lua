-- Count hooks fire every N instructions. LuaJIT's compiled traces skip hooks, so turn the
-- JIT off (a no-op where there is no trace compiler); only "fired often" is compared, since
-- instruction counts are an implementation detail.
if jit and jit.off then jit.off() end
local count = 0
debug.sethook(function(ev) count = count + 1 end, "", 100)
local s = 0 for i = 1, 10000 do s = s + i end
debug.sethook()
print(s, count > 10, debug.gethook())
