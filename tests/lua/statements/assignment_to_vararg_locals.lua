local function f(...)
  local a, b, c = ...
  a, b = b, a
  return a, b, c
end
print(f(1, 2))
print(f(1, 2, 3, 4))
