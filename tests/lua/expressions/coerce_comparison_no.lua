-- Comparison never coerces: "10" == 10 is false and < errors.
print("10" == 10, 10 == "10", "1" ~= 1)
print(pcall(function() return 1 < "2" end))
print(pcall(function() return "1" <= 2 end))
print(pcall(function() return {} < {} end))
print(pcall(function() return nil > 1 end))
print(pcall(function() return true < false end))
