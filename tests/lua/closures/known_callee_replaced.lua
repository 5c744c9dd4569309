-- Calls through a `local function` variable test the variable's value for the declared function's
-- compiled type and call it directly; every way the variable can hold something else must still work.

-- recursion through the function's own upvalue
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(20))

-- debug.setupvalue replaces the upvalue the recursion calls through (the cell is shared with this
-- chunk's variable, so the original closure is kept in another local)
local function count(n) if n == 0 then return "done" end return count(n - 1) end
local function countdown(n) if n == 0 then return 0 end return 1 + countdown(n - 1) end
local orig = countdown
print(orig(10))
debug.setupvalue(orig, 1, function(n) return 100 + n end)
print(orig(10), countdown == orig)
debug.setupvalue(orig, 1, setmetatable({}, { __call = function(self, n) return 1000 + n end }))
print(orig(3))
debug.setupvalue(orig, 1, tonumber)
print(orig(2))
debug.setupvalue(orig, 1, nil)
print(pcall(orig, 2))
debug.setupvalue(orig, 1, 42)
print(pcall(orig, 2))
debug.setupvalue(orig, 1, orig)
print(orig(5))
print(count(3))

-- another closure of the same body (a fresh closure per call of the maker) is the same type
local function maker(k)
  local function add(x) return x + k end
  return add
end
local a1, a2 = maker(1), maker(2)
print(a1(10), a2(10))

-- local f = function ... end, called before and after an inner function changes nothing
local g = function(x, y) return x * y, x + y end
print(g(3, 4))
print((g(5, 6)))
print(select("#", g(1, 2)))

-- varargs, missing and extra arguments through the direct path
local function v(...) return select("#", ...), ... end
print(v())
print(v(1, nil, 3))
local function two(p, q) return p, q end
print(two(1))
print(two(1, 2, 3))
print(two(v(7, 8)))

-- errors inside a directly called function keep their position and traceback names
local function bad(x) return x.field end
print(pcall(bad, nil))
local function outer() return bad(1) + 1 end
print(pcall(outer))

-- the variable is assigned later: no longer a known callee, still correct
local function h() return "h1" end
print(h())
h = function() return "h2" end
print(h())

-- a coroutine yields through directly called functions
local function inner(x) local y = coroutine.yield(x * 2) return y + 1 end
local function middle(x) return inner(x) * 10 end
local co = coroutine.wrap(function(x) return middle(x) end)
print(co(4))
print(co(5))

-- debug.setlocal in a function compiled with local access
local function tgt() return "original" end
local function runner()
  local function probe() return "probe" end
  local r1 = probe()
  local i = 1
  while true do
    local name = debug.getlocal(1, i)
    if name == nil then break end
    if name == "probe" then debug.setlocal(1, i, tgt) end
    i = i + 1
  end
  return r1, probe()
end
print(runner())
