-- The host function that raised an error shows in a traceback taken at the error point ("[C]: in
-- function 'error'"), named by its call site; an error handler's frame sits on the raising frame.
local function tb(f, ...)
  local ok, msg = xpcall(f, debug.traceback, ...)
  print(ok, (msg:gsub("0x%x+", "ADDR")))
end
tb(function() error("plain") end)
tb(function() string.rep() end)
tb(function() local r = string.rep; r() end)
tb(function() local s = ("x"):bad() end)
tb(function() for k in pairs(nil) do end end)
tb(function() table.sort({3, 2, 1}, function() error("cmp") end) end)
tb(function() return tostring(setmetatable({}, {__tostring = function() error("ts") end})) end)
tb(function() string.gsub("a", "a", function() error("in gsub") end) end)
local function inner() error("deep", 2) end
local function middle() inner() end
tb(function() middle() end)
local function tail() return error("tail") end
local function calls_tail() tail() end
tb(calls_tail)
local function tail_select() return select(-5, 1) end
tb(function() tail_select() end)
tb(function() assert(false, "assertion") end)
tb(function() local x = nil; x() end)
tb(function() local t = {} t.x.y = 1 end)
xpcall(function() error("handler") end, function(m) print((debug.traceback(m):gsub("0x%x+", "ADDR"))) end)
xpcall(function() local x = nil; x() end, function(m) print((debug.traceback(m):gsub("0x%x+", "ADDR"))) end)
print(pcall(error, "direct", 1))
print(select(2, pcall(error)))
