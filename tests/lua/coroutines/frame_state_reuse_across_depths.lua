-- Saved frames are reused from one yield to the next (per coroutine): yields at varying depths, from
-- functions with few and many locals, interleaved coroutines, errors in the middle of a resumed chain
-- and a traceback read from reused states.

-- 1. Alternating depths: each resume unwinds a different number of frames.
local function deep(n, tag)
  if n == 0 then return coroutine.yield(tag) end
  local a, b, c = n, n * 2, tag .. n
  local r = deep(n - 1, tag)
  return r + a + b + #c
end
local co = coroutine.create(function()
  local s = 0
  for i = 1, 12 do s = s + deep(i % 5, "d" .. i) end
  return s
end)
local out = {}
local v = 1
while true do
  local ok, r = coroutine.resume(co, v)
  if coroutine.status(co) == "dead" then out[#out + 1] = "done " .. tostring(r) break end
  out[#out + 1] = r
  v = v + 1
end
print(table.concat(out, " "))

-- 2. A frame with many locals, then one with few, then many again, all in one coroutine.
local function many(x)
  local a1, a2, a3, a4, a5, a6, a7, a8 = x, x + 1, x + 2, x + 3, x + 4, x + 5, x + 6, x + 7
  local y = coroutine.yield("many" .. x)
  return a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + y
end
local function few(x) return coroutine.yield("few" .. x) + x end
co = coroutine.wrap(function()
  local t = {}
  for i = 1, 6 do
    if i % 2 == 0 then t[#t + 1] = few(i) else t[#t + 1] = many(i) end
  end
  return table.concat(t, ",")
end)
local r = co()
for i = 1, 6 do r = co(i * 100) ; io.write(tostring(r), ";") end
print()

-- 3. Many coroutines interleaved, each keeping its own locals intact across yields.
local cos = {}
for k = 1, 20 do
  cos[k] = coroutine.create(function(seed)
    local acc, s = {}, seed
    for step = 1, 5 do
      s = (s * 31 + step) % 1000
      acc[#acc + 1] = s
      local extra = coroutine.yield(s)
      s = s + extra
    end
    return table.concat(acc, "-")
  end)
end
local sums = {}
for round = 1, 6 do
  for k = 1, 20 do
    local ok, x = coroutine.resume(cos[k], round == 1 and k or k + round)
    sums[k] = (sums[k] or "") .. tostring(x) .. "|"
  end
end
print(sums[1]); print(sums[7]); print(sums[20])

-- 4. An error raised after a resume re-entered several frames: the coroutine dies, others go on.
local bad = coroutine.create(function()
  local function inner(n)
    local z = coroutine.yield(n)
    if z == "boom" then error("exploded at " .. n) end
    return inner(n + 1)
  end
  return inner(1)
end)
print(coroutine.resume(bad))
print(coroutine.resume(bad, "ok"))
print(coroutine.resume(bad, "boom"))
print(coroutine.status(bad), coroutine.resume(bad))

-- 5. Yields through pcall inside a loop: pcall's frame and compiled frames alternate.
co = coroutine.wrap(function()
  local n = 0
  for i = 1, 4 do
    local ok, got = pcall(function(j) return coroutine.yield(j) * 2 end, i)
    n = n + got
  end
  return n
end)
local last = co()
for i = 1, 4 do last = co(i) end
print("pcall loop", last)

-- 6. A traceback of a suspended coroutine whose frames came from reused states.
co = coroutine.create(function()
  local function level2() coroutine.yield("l2") end
  local function level1() level2(); level2() end
  level1()
end)
coroutine.resume(co)
coroutine.resume(co)
print((debug.traceback(co):gsub("\n%s*%[C%]:[^\n]*", "")))
