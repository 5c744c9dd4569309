print("plain exit")
os.exit()
print("not reached")
