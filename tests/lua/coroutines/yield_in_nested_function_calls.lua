local function level3() return coroutine.yield("l3") .. "!" end
local function level2() return "<" .. level3() .. ">" end
local function level1() local r = level2() return r, "extra" end
local co = coroutine.create(level1)
print(coroutine.resume(co))
print(coroutine.resume(co, "value"))
