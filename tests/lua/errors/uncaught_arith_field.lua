local cfg = {timeout = "soon"}
print(cfg.timeout * 2)
