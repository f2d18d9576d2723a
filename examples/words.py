# The seed example: words of the Debian word list (package wamerican) that start with "spar".
print(sc.textFile("/usr/share/dict/words").filter(lambda w: w.startswith("spar")).take(5))
