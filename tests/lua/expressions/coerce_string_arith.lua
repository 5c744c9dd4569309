-- Strings convert to numbers in arithmetic.
print("10" + 1, "3" * "4", "2" ^ "3", "10" / "4", "7" % "4", -"2")
print(" 5 " + 0, "0x10" + 0, "1e2" + 0, "  0x1p4 " * 1)
print(type("10" + 1), math.type and "has math.type" or "no math.type")
print(pcall(function() return "abc" + 1 end))
print(pcall(function() return "" + 1 end))
print(pcall(function() return "1 2" + 1 end))
