-- int64 multiplication, division and modulo follow C (truncating) with LuaJIT's sign rules for %.
for _, p in ipairs { {7, 2}, {-7, 2}, {7, -2}, {-7, -2}, {0, 5}, {5, 1} } do
  local a, b = p[1] * 1LL, p[2] * 1LL
  print(a, b, a * b, a / b, a % b)
end
print(7ULL / 2ULL, 7ULL % 3ULL, (0ULL - 7) / 2ULL, (0ULL - 7) % 10ULL)
print(-0x7fffffffffffffffLL - 1, (-0x7fffffffffffffffLL - 1) / -1LL)
print(pcall(function() return 1LL / 0LL end))
print(pcall(function() return 1LL % 0LL end))
print(pcall(function() return 1ULL / 0ULL end))
print(pcall(function() return 0LL / 0LL end))
