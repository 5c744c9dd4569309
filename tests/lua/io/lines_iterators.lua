for line in io.lines("data/lines.txt") do io.write("[", line, "]") end
print()
local f = assert(io.open("data/lines.txt"))
local n = 0 for l in f:lines() do n = n + 1 end print(n)
print(io.type(f)) f:close() print(io.type(f))
print(pcall(io.lines, "/nonexistent/file"))
