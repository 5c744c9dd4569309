-- \z skips the following whitespace including newlines.
local s = "abc\z
           def\z    ghi"
print(s, #s)
print("a\z
b")
