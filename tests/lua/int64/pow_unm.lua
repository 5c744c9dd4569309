-- Integer power and unary minus on 64-bit cdata.
print(2LL ^ 10, 2LL ^ 62, 2LL ^ 63, 2LL ^ 64, 3LL ^ 40)
print(2ULL ^ 63, 2ULL ^ 64, (-2LL) ^ 3, (-1LL) ^ 1001)
print(2LL ^ 0, 2LL ^ -1, 0LL ^ 0, 0LL ^ -1)
print(-(1LL), -(0LL), -(-0x7fffffffffffffffLL - 1), -(1ULL), -(0ULL))
print(10LL ^ 18, 10LL ^ 19)
