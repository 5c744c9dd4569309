local config = {}
local function get() return config.server.port end
print(pcall(get))
local function call() return config.handler() end
print(pcall(call))
local function meth() return config:run() end
print(pcall(meth))
local str = "s"
print(pcall(function() return str.x.y end))
