local Animal = {} Animal.__index = Animal
function Animal.new(name, sound) return setmetatable({name = name, sound = sound}, Animal) end
function Animal:speak() return self.name .. " says " .. self.sound end
function Animal:kind() return "animal" end
local Dog = setmetatable({}, {__index = Animal}) Dog.__index = Dog
function Dog.new(name) local d = Animal.new(name, "woof") return setmetatable(d, Dog) end
function Dog:kind() return "dog, a kind of " .. Animal.kind(self) end
function Dog:fetch() return self.name .. " fetches" end
Dog.__tostring = function(d) return "Dog(" .. d.name .. ")" end
Dog.__eq = function(a, b) return a.name == b.name end
Dog.__lt = function(a, b) return a.name < b.name end
local rex, ace = Dog.new("Rex"), Dog.new("Ace")
print(rex:speak(), rex:kind(), rex:fetch(), tostring(rex))
print(rex == Dog.new("Rex"), rex == ace, ace < rex)
local list = {rex, ace, Dog.new("Max")}
table.sort(list)
for _, d in ipairs(list) do io.write(tostring(d), " ") end print()
print(pcall(function() return Animal.new("cat", "meow"):fetch() end))
