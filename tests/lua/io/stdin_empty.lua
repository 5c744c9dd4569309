print(io.read("*l"), io.read("*a"), io.read(0))
