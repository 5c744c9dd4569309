print(loadstring("x = = 1", "a chunk whose source text is long enough to be shortened in messages"))
print(loadstring("\nx = = 1", "first line\nsecond line"))
print(loadstring("x = = 1", "@" .. ("d/"):rep(40) .. "file.lua"))
print(loadstring("x = = 1", "=" .. ("n"):rep(100)))
