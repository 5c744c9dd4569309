-- Addresses of C frames differ per run, so they are masked.
local function show(tb) print((tostring(tb):gsub("0x%x+", "ADDR"))) end
local function f() return debug.traceback("at level 2", 2) end
local function g() return (f()) end
show(g())
show(debug.traceback(nil))
show(debug.traceback(42))
show(type(debug.traceback({})))
