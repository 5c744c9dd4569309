-- OpenResty's jit.security reports its hardening options.
print(jit.security("prng"), jit.security("strhash"), jit.security("strid"), jit.security("mcode"))
print(pcall(jit.security, "x"))
print(pcall(jit.security))
print(pcall(jit.security, 1))
