-- stdin: data/lines.txt
print(io.read("*l"))
print(io.read())
print(io.read("*n"))
print(io.read("*a"))
print(io.read("*l"), io.read(0))
