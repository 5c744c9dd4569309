-- Long brackets at level 0: the first newline is skipped, the rest kept verbatim.
local s = [[
line one
  line two]]
print(#s, s)
print([[]] == "", [[a]] .. "|")
print([[
]] == "")
print([[no escapes \n \t \\ here]])
