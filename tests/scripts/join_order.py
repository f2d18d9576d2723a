# Row order that Spark fixes for single-partition inputs: joins emit rows in the order of
# Spark's physical joins, and orderBy keeps the input order of equal keys.
import os, tempfile
folder = tempfile.mkdtemp()
def write(name, text):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write(text)
    return path

emps = spark.read.csv(write("emps.csv", "name,team\nann,red\nbob,blue\ncid,red\ndan,green\neve,blue\nfay,red\n"), header=True)
teams = spark.read.csv(write("teams.csv", "team,lead\nblue,zed\nred,yan\nblue,xia\npink,wu\n"), header=True)
for how in ["inner", "left", "right", "full", "left_semi", "left_anti"]:
    print(how)
    emps.join(teams, "team", how).show()
    emps.join(teams, "team", how).orderBy("team").show()

emps.join(teams, emps.team == teams.team, "right").show()
emps.orderBy("team").show()
emps.select("name").orderBy("team").show()
emps.orderBy(emps.team.desc()).show()
