-- Count hooks count function entries too (compiled code's unit is entries and loop back-edges): code with no
-- loops at all, only calls, must make a count hook fire, in the main thread and in coroutines, when the hook
-- is set from inside a coroutine, and after it is removed nothing more fires. Hook counts differ from
-- LuaJIT's (it counts bytecodes), so only "fired" is compared.
if jit and jit.off then jit.off() end
local function tree(n) if n == 0 then return 1 end return tree(n - 1) + tree(n - 1) end

local count = 0
debug.sethook(function() count = count + 1 end, "", 10)
print("tree", tree(10))
debug.sethook()
print("main fired", count > 0)
local after = count
tree(10)
print("no more after removal", count == after)

-- set inside a coroutine: that coroutine's own entries count from then on
local co = coroutine.wrap(function()
  local c = 0
  debug.sethook(function() c = c + 1 end, "", 5)
  local r = tree(8)
  debug.sethook()
  coroutine.yield(r, c > 0)
  return "done"
end)
print("coroutine", co())
print(co())

-- set in the main thread while a coroutine is suspended: the main thread's calls after a resume still count
count = 0
local co2 = coroutine.wrap(function() coroutine.yield(tree(6)) return tree(7) end)
print("first", co2())
debug.sethook(function() count = count + 1 end, "", 3)
print("second", co2())
local before = count
print("main again", tree(7))
debug.sethook()
print("counted in main after the resume", count > before)

-- a hook at every entry, and calls that error out while it runs
count = 0
debug.sethook(function() count = count + 1 end, "", 1)
local ok, err = pcall(function() local function f(n) if n == 0 then error("bottom", 0) end return f(n - 1) end return f(40) end)
debug.sethook()
print(ok, err, count > 40)
