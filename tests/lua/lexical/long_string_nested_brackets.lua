local s = [==[
a [[ b ]] c [=[ d ]=] e
]==]
print(s)
print(#[[a]b]])
print([[a]
b]])
