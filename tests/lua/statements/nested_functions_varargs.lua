local function outer(...)
  local n = select("#", ...)
  local function inner(...) return select("#", ...) + n end
  return inner(...), inner()
end
print(outer(1, 2, 3))
print(outer())
