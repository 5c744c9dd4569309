for _, seed in ipairs({0, 1, 2, 12345, 2^31, -7, 0.5}) do
  math.randomseed(seed)
  io.write(seed, ": ", math.random(1000), " ", math.random(1000), " ", string.format("%.12f", math.random()), "\n")
end
