-- The same functions raising errors on the main thread (main-thread bodies) and inside a coroutine (ordinary
-- bodies): messages, positions, error levels, tracebacks and debug.getinfo must not depend on the body.
local function inner(x)
  if x == 1 then return nil + x end
  if x == 2 then error("level2", 2) end
  if x == 3 then return debug.traceback("tb", 1) end
  if x == 4 then local info = debug.getinfo(1, "Sln") return info.short_src .. ":" .. info.currentline .. ":" .. tostring(info.name) end
  if x == 5 then return ("x"):bad() end
  return x
end
local function middle(x) local r = inner(x) return r end
local function outer(x) return (middle(x)) end
-- A traceback's last line names the host's entry by address: dropped.
local function clean(s) return (tostring(s):gsub("\n[^\n]*0x%x+[^\n]*", "")) end
local function run(where, wrap)
  for x = 1, 5 do
    local ok, r = wrap(function() return outer(x) end)
    print(where, x, ok, clean(r))
  end
end
run("main", pcall)
local co = coroutine.wrap(function()
  run("co", function(f)
    local r = {pcall(f)}
    coroutine.yield()
    return unpack(r)
  end)
end)
co() while true do local ok, e = pcall(co) if not ok then print("co ended", e) break end end
-- xpcall with a traceback handler, from both threads
local function boom() local t = nil; return t.field end
local ok, tb = xpcall(function() return boom() end, debug.traceback)
print(ok, clean(tb))
ok, tb = coroutine.wrap(function() return xpcall(function() return boom() end, debug.traceback) end)()
print(ok, clean(tb))
-- deep recursion: the stack overflow message from the main thread
local function deep(n) return 1 + deep(n + 1) end
local ok, e = pcall(deep, 1)
print(ok, (tostring(e):gsub("^.-:%d+: ", "")))
