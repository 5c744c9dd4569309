-- jit.status(): enabled, then CPU features and the default optimisation flags.
print(jit.status())
print(select("#", jit.status()) > 1)
