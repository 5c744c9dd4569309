local t = {} for i = 0, 255 do t[#t + 1] = string.char(i) end
io.write(table.concat(t), "\n")
print(table.concat(t))
io.stdout:write(table.concat(t, ","), "\n")
