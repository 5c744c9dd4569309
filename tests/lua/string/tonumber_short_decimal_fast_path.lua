-- tonumber on short decimals takes an exact fast path (at most 15 digits, no exponent); the values must
-- be bit-for-bit what the general conversion gives, and everything else must still fall through to it.
local inputs = {
  "0", "-0", "+0", "7", "42", "123456789012345", "999999999999999", "1234567890123456", "12345678901234567890",
  "0.1", "0.2", "0.3", "1.5", "-2.25", "+3.75", "123.", "-123.", ".5", "-.5", "+.5", "0.000000000000001",
  "0.0000000000000001", "99999999999999.9", "9007199254740993", "3.14159265358979", "2.718281828459045",
  "000000000000001", "0000000000000001", "00.5", "1.000000000000000", "  12  ", "\t-8\n", "1e5", "1E-3",
  "1.5e", "1..2", ".", "-", "+", "", " ", "1 2", "0x10", "0x", "1f", "inf", "nan", "1.5.", "..5", "5-",
  "0.30000000000000004", "123456.789012345", "12345678.9012345", "1.2345678901234",
}
for _, s in ipairs(inputs) do
  local v = tonumber(s)
  if v == nil then print(string.format("%q", s), "nil")
  else print(string.format("%q", s), string.format("%.17g", v), 1 / v < 0 and "neg" or "pos") end
end
-- The same conversions through arithmetic coercion and string.format's number arguments.
print("10.5" + 0, "-0.25" * 4, string.format("%.3f", "2.0005"), ("7" .. "") + 1)
