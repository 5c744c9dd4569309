-- Array sorting: an in-place heapsort of pseudo-random doubles, then table.sort with and
-- without a comparator function.
local n = tonumber(arg and arg[1]) or 600000

local seed = 7
local function random()
  seed = (seed * 16807) % 2147483647
  return seed / 2147483647
end

local function heapsort(a, count)
  local function siftDown(start, stop)
    local root = start
    while root * 2 <= stop do
      local child = root * 2
      if child < stop and a[child] < a[child + 1] then child = child + 1 end
      if a[root] < a[child] then
        a[root], a[child] = a[child], a[root]
        root = child
      else
        return
      end
    end
  end
  for start = math.floor(count / 2), 1, -1 do siftDown(start, count) end
  for stop = count, 2, -1 do
    a[stop], a[1] = a[1], a[stop]
    siftDown(1, stop - 1)
  end
end

local function checkSorted(a, count, less)
  for i = 2, count do
    if less(a[i], a[i - 1]) then error("not sorted at " .. i) end
  end
end

local a = {}
for i = 1, n do a[i] = random() end
heapsort(a, n)
checkSorted(a, n, function(x, y) return x < y end)

local b = {}
for i = 1, n do b[i] = random() end
table.sort(b)
local c = {}
for i = 1, n / 2 do c[i] = random() end
table.sort(c, function(x, y) return x > y end)
checkSorted(c, n / 2, function(x, y) return x > y end)

print(string.format("min %.10f max %.10f median %.10f first-desc %.10f", a[1], a[n], b[math.floor(n / 2)], c[1]))
