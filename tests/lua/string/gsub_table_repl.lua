local t = {name = "Lua", ver = 5.1, flag = false}
print(("$name $ver $flag $missing"):gsub("%$(%w+)", t))
print(("a b"):gsub("%w", {a = "A"}))
print(pcall(string.gsub, "a", "a", {a = {}}))
print(("xy"):gsub("(x)(y)", {x = "first capture used"}))
