print(os.remove("/nonexistent/dir/file.txt"))
print(os.rename("/nonexistent/a", "/nonexistent/b"))
local name = os.tmpname()
local f = assert(io.open(name, "w")) f:write("x") f:close()
local new = name .. ".renamed"
print(os.rename(name, new))
print(io.open(name) == nil, io.open(new) ~= nil)
print(os.remove(new))
print(select("#", os.remove(new)), (select(2, os.remove(new)):gsub("^.-: ", "PATH: ")))
