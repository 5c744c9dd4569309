local s = "hello world, hello moon"
print(s:find("hello"), s:find("hello", 2), s:find("xyz"))
print(s:find("o w"), s:find("l+"), s:find("(h)(e)"))
print(s:find(".", 1, true), ("a.b"):find(".", 1, true), ("a.b"):find("%."))
print(s:find("moon", -4), s:find("", 3), s:find("", 100), s:find("", 24))
print(s:find("hello", -100), ("abc"):find("b", 10))
print(("a+b"):find("+", 1, true), pcall(string.find, "a+b", "[+"))
