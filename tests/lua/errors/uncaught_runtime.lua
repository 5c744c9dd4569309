local cfg
print("start")
print(cfg.port)
