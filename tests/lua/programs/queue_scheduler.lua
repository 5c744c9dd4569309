-- A tiny cooperative scheduler: tasks are coroutines that yield a number of ticks to sleep.
local tasks, now, log = {}, 0, {}
local function spawn(name, f) tasks[#tasks + 1] = {name = name, co = coroutine.create(f), wake = 0} end
local function sleep(n) coroutine.yield(n) end
spawn("A", function() for i = 1, 3 do log[#log + 1] = now .. ":A" .. i sleep(2) end end)
spawn("B", function() for i = 1, 2 do log[#log + 1] = now .. ":B" .. i sleep(3) end end)
spawn("C", function() log[#log + 1] = now .. ":C" local ok, e = pcall(function() sleep(1) error("C failed") end) log[#log + 1] = now .. ":" .. tostring(e):gsub("^.-:%d+: ", "") end)
while #tasks > 0 do
  for i = #tasks, 1, -1 do
    local t = tasks[i]
    if t.wake <= now then
      local ok, ticks = coroutine.resume(t.co)
      if coroutine.status(t.co) == "dead" then table.remove(tasks, i) else t.wake = now + ticks end
    end
  end
  now = now + 1
end
print(table.concat(log, " "))
