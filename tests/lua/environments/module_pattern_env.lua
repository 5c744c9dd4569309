local M = {}
local function body()
  function helper() return "helper" end
  value = 42
end
setfenv(body, setmetatable(M, {__index = _G}))
body()
print(M.helper(), M.value, rawget(_G, "value"))
