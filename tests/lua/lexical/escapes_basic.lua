-- The single-character escapes and their byte values.
local s = "\a\b\f\n\r\t\v\\\"\'"
for i = 1, #s do io.write(s:byte(i), " ") end
print()
print("tab:[\t] quote:[\"] apos:[\'] backslash:[\\]")
print('single "quoted" \'x\'')
