local vals = {-2.5, -1.5, -0.5, -0.0, 0.0, 0.5, 1.5, 2.5, 1e15 + 0.5, -1e15 - 0.5}
for _, v in ipairs(vals) do io.write(math.floor(v), "/", math.ceil(v), " ") end
print()
