for _, n in ipairs({-9, -8, -7, -1, 0, 1, 2, 7, 8, 9, 16, 2^31}) do
  io.write(n, "=", bit.tohex(0x89abcdef, n), " ")
end
print()
print(bit.tohex(-1, -1), bit.tohex(0, -1), bit.tohex(2^32 - 1, 4))
