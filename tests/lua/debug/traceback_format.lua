-- Addresses of C frames differ per run, so they are masked.
local function show(tb) print((tostring(tb):gsub("0x%x+", "ADDR"))) end
local function inner() return debug.traceback("msg") end
local function outer() local r = inner() return r end
show(outer())
show(debug.traceback("plain", 1):match("^[^\n]*"))
show(debug.traceback())
