local function y(v) return coroutine.yield(v) end
local function join(...) return table.concat({...}, ",") end
local co = coroutine.wrap(function()
  local obj = {tag = "obj"}
  function obj:m(a, b, c) return self.tag .. ":" .. a .. b .. c end
  local r1 = join("a", y(1), "c", y(2), "e")
  local r2 = obj:m(y(3), "-", y(4))
  return r1, r2
end)
print(co()) print(co("B")) print(co("D")) print(co("x")) print(co("z"))
