-- Closures in one iteration share the variable; different iterations do not.
local getters, setters = {}, {}
for i = 1, 2 do
  getters[i] = function() return i end
  setters[i] = function(v) i = v end
end
setters[1](42)
print(getters[1](), getters[2]())
