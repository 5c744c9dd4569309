local f = string.format
print(f("%d %s %5.2f %x %c %q %g %e", 1, "two", 3.14159, 255, 65, "q", 0.5, 5))
print(f(("%d"):rep(20, ","), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20))
print(select("#", f("%s", "x")))
