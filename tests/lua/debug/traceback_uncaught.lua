local function deepest() error("traceback shown on stderr") end
local function middle() deepest() end
middle()
