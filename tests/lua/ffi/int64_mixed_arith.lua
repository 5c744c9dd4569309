-- int64 arithmetic with doubles: the double is converted to int64 first; C remainder and truncating division
print(5LL % -3, -5LL % -3, 7ULL % 3, 2LL ^ 0.5, 3LL ^ 2, -7LL / 2, 7LL / -2, 0x7fffffffffffffffLL * 2, -(-0x7fffffffffffffffLL - 1))
print(1LL + 0.9, 1LL - 0.9, 10LL * -0.5, 2^63 + 0LL, -2^63 + 0LL, 1e19 + 0ULL)
print(3LL < 3.5, 3LL <= 3.0)
