-- Booleans are two shared sentinel objects (Runtime/LuaValue.cs, frozen type objects so that stores need no
-- GC write barrier). They must be told apart from every other kind of value wherever a value's type, text,
-- metatable, hash or truth is asked for.
local vals = {true, false, 1 == 1, 1 == 2, not nil, not 0, rawequal(true, true), select(2, pcall(error, false))}
for i = 1, #vals + 1 do
  local v = vals[i]
  io.write(type(v), " ", tostring(v), " ", tostring(v == true), " ", tostring(v == false), " ", tostring(not v), "; ")
end
print()
print(string.format("%s %s", true, false), ("x"):rep(2, tostring(true)))
print(true == 1, false == 0, false == nil, rawequal(false, nil), true ~= false)

-- Booleans as keys and values: the array part, the hash part, next and #.
local t = {}
for i = 1, 20 do t[i] = i % 3 == 0 end
t[true] = "yes"; t[false] = "no"
print(#t, t[3], t[4], t[true], t[false])
local keys = 0
for k, v in pairs(t) do if type(k) == "boolean" then keys = keys + 1 end end
print(keys, next({[false] = false}))
t[true] = nil
print(t[true], t[false], rawget(t, false))

-- Large boolean arrays grown by appends and written over (sieve-like), with holes made by nil.
local limit = 5000
local composite = {}
for i = 1, limit do composite[i] = false end
local count = 0
for i = 2, limit do
  if not composite[i] then
    count = count + 1
    for j = i * i, limit, i do composite[j] = true end
  end
end
print(count, #composite, composite[limit], composite[limit - 1])
composite[limit] = nil
print(#composite)

-- A metatable on booleans (debug.setmetatable) is shared by both and seen by every boolean.
debug.setmetatable(true, {__index = function(b, k) return k .. ":" .. tostring(b) end,
                          __call = function(b, x) return x, b end})
print((false).name, (1 < 2).other, (true)(7))
print(getmetatable(false) == getmetatable(true))
debug.setmetatable(true, nil)
print(getmetatable(false), pcall(function() return (true).x end))

-- Weak tables keep booleans (keys and values are not collectable).
local w = setmetatable({}, {__mode = "kv"})
w[true] = false; w[false] = true; w[1] = true
collectgarbage(); collectgarbage()
print(w[true], w[false], w[1])

-- Booleans in errors and messages.
print(pcall(function() return true + 1 end))
print(pcall(function() return #false end))
print(pcall(function() local x = false; return x.y end))
print(select('#', true, false, nil), tostring(nil) .. tostring(false))
