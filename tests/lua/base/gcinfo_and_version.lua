print(_VERSION)
print(type(gcinfo()))
print(type(jit), type(bit), type(_G))
