print(math.log(1), math.log(math.exp(2)), math.log10(0.001), math.log10(10))
print(math.log(-1) ~= math.log(-1), math.log(0), math.log10(0))
print(string.format("%.12f %.12f", math.log(100, 10), math.log(2, 2)))
print(string.format("%.12f", math.log(8, 2)))
