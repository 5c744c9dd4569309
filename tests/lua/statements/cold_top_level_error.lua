-- An error raised by top-level code in the compact form: message and traceback as luajit's.
local cfg = {}
print("before")
local port = cfg.server.port
print("not reached", port)
