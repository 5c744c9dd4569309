print(#"\u{10FFFF}", #"é", #"\\", #[[\n]], #"\n")
print(string.len(string.rep("\0", 100)))
