io.stderr:write("")
print(io.stderr:write("") == io.stderr)
print(io.type(io.stderr))
