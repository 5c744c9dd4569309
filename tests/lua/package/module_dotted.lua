package.preload["a.b.c"] = function(...) module(..., package.seeall) x = 1 end
require("a.b.c")
print(a.b.c.x, a.b.c._NAME, a.b.c._PACKAGE, type(a.b))
