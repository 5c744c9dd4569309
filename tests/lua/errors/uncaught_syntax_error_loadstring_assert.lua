assert(loadstring("x = = 1", "=snippet"))
