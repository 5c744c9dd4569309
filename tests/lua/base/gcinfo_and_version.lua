print(_VERSION)
print(type(gcinfo()))
print(type(bit), type(_G))
