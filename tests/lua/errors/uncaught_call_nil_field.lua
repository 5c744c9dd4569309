local t = {}
t.x()
