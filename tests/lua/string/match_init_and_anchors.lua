local s = "aaa bbb"
print(s:match("%a+", 2), s:match("^%a+", 5), s:match("^b", 5))
print(s:match("(%a+) (%a+)$"), s:match(".", -1), s:match("()", 8))
print(s:match("()", 9), s:match("a", 0))
