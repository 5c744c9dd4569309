-- A backward goto inside a loop body makes a fresh closure per jump; siblings share upvalues.
local fs = {}
for i = 1, 3 do
  local x = i
  ::redo::
  fs[#fs + 1] = function() return x end
  if x < 2 then x = x + 10 goto redo end
end
for _, f in ipairs(fs) do io.write(f(), " ") end print()
local t = {}
do local a = 1 t[1] = function() a = a + 1 return a end t[2] = function() return a end end
t[1]() print(t[2]())
local function outer() local v = 0 return function() v = v + 1 return v end, function() return v end end
local inc, get = outer() inc() inc() print(get())
