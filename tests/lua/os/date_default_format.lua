-- os.date() with no format is "%c"; compare the two instead of printing the time.
local t = os.time()
print(os.date("%c", t) == os.date(nil, t) or os.date("%c", t) == os.date("%c"))
print(type(os.date()), type(os.date("*t").isdst))
print(pcall(os.date, "*t", "x"))
