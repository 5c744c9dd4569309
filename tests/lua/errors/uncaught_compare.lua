local limit
if 1 < limit then print("no") end
