local function range(n)
  local i = 0
  return function() i = i + 1 if i <= n then return i, i * i end end
end
for i, sq in range(4) do io.write(i, ":", sq, " ") end print()
local function stateless(s, c) if c < s then return c + 1 end end
for v in stateless, 3, 0 do io.write(v, " ") end print()
for a, b, c, d in function(_, k) if not k then return 1, 2, 3, 4 end end do print(a, b, c, d) end
