-- An error raised by a script's top-level code: message and traceback as luajit's.
local cfg = {}
print("before")
local port = cfg.server.port
print("not reached", port)
