local s = ("a"):rep(20) .. "b"
print(s:match("a*b"), s:match("a-b"):len(), s:match("a*c"))
print(("aaab"):match("^(a*)(a*)b$"))
print(("aaab"):match("^(a-)(a*)b$"))
print(("<<a>>"):match("<(.*)>"), ("<<a>>"):match("<(.-)>"))
