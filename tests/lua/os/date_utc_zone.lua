print(os.date("!%z %Z", 0))
print(os.date("!%H:%M", 3600 * 5 + 60 * 7), os.date("!%P", 0), os.date("!%Ey %OH", 0))
print(os.date("!", 0) == "", #os.date("!%c", 0))
