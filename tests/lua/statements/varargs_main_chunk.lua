-- args: one two three
print(select("#", ...), ...)
print(arg[0], arg[1], arg[2], arg[3], arg[4])
print(#arg)
