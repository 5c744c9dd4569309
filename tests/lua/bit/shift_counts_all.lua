local out = {}
for _, n in ipairs({-33, -32, -31, -1, 0, 1, 31, 32, 33, 63, 64}) do
  out[#out + 1] = string.format("%d:%d/%d/%d/%d/%d", n, bit.lshift(5, n), bit.rshift(-5, n), bit.arshift(-5, n), bit.rol(5, n), bit.ror(5, n))
end
print(table.concat(out, "\n"))
