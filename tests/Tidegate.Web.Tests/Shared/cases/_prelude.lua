local function fmt(v)
  if type(v) == "string" then
    -- error positions: keep the line, drop the chunk name (it differs between servers)
    return (("%q"):format(v):gsub('^"[^"]-%.lua:(%d+): ', '"LINE %1: '))
  end
  return tostring(v)
end
local function show(label, ...)
  local t = {}
  for i = 1, select('#', ...) do t[#t + 1] = fmt((select(i, ...))) end
  ngx.say(label, ": ", table.concat(t, ", "))
end
local function try(label, f)
  local r = { pcall(f) }
  show(label, unpack(r, 1, table.maxn(r)))
end
