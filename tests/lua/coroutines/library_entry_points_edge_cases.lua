-- coroutine.resume, coroutine.yield and wrap's functions have fast entry points; their error cases, the
-- names in their messages and their frames in tracebacks must stay as LuaJIT shows them.
local resume, yield, wrap = coroutine.resume, coroutine.yield, coroutine.wrap

print(pcall(coroutine.resume))
print(pcall(coroutine.resume, 42))
print(pcall(resume, {}))
print(pcall(function() return resume(nil) end))
print(pcall(function() local r = coroutine.resume; return r("x") end))
print(pcall(yield, 1))
print(pcall(function() return coroutine.yield(1, 2) end))
print(select("#", resume(coroutine.create(function() end))))
print(resume(coroutine.create(function(...) return select("#", ...), ... end), nil, nil, 3))

-- Resume and yield moving 0, 1, 2 and many values both ways.
local co = coroutine.create(function(...)
  local n = select("#", ...)
  local a = { yield() }
  local b = { yield(n) }
  local c = { yield(#a, #b, "x") }
  return yield(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
end)
print(resume(co, 1, 2, 3))
print(resume(co))
print(resume(co, "p"))
print(resume(co, 1, 2, 3, 4, 5, 6))
print(resume(co, "last", nil))
print(resume(co))
print(coroutine.status(co))

-- Errors raised through wrap: positions of string and number errors, tables untouched.
local g = wrap(function() error("boom") end)
print(pcall(g))
g = wrap(function() error(12, 0) end)
print(pcall(g))
local t = {}
g = wrap(function() error(t) end)
print(select(2, pcall(g)) == t)
g = wrap(function() yield(1) end)
print(g(), g(), pcall(g))
print(pcall(g))

-- Yield outside a coroutine: the message and the traceback's [C] frame.
print(xpcall(function() yield() end, function(m) return (debug.traceback(m, 1):gsub("\n[^\n]*xpcall.*", "")) end))

-- Called as methods and through pcall inside a coroutine.
local holder = { resume = resume }
co = coroutine.create(function(a) print("in", a); print(pcall(yield, "through pcall")); return "end" end)
print(pcall(holder.resume, co, "m"))
print(resume(co, "back"))
print(pcall(function() return holder:resume() end))

-- A wrap function resuming itself, and a coroutine resuming its resumer.
local self_wrap
self_wrap = wrap(function() return pcall(self_wrap) end)
print(self_wrap())
local outer
outer = coroutine.create(function()
  local inner = coroutine.create(function() return resume(outer) end)
  return resume(inner)
end)
print(resume(outer))

print(debug.getinfo(resume).what, debug.getinfo(yield).what, debug.getinfo(wrap(print)).what)
print(debug.getupvalue(resume, 1))
