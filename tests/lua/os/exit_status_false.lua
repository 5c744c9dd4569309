print("exit with false")
os.exit(false)
