"""Score LAC ORG spans with the project's own scorer (clippings.text.evaluation.score_unit, imported).
Usage (from the project folder, its venv): python score_lac.py /tmp/lac_readings.json /tmp/lac_tags.json [--verbose]"""
import collections, json, os, sys
sys.path.insert(0, os.getcwd())
from clippings.text.evaluation import Found, Score, score_unit

# (b) not enterprises: bodies of the state and party, schools, zones and parks, media, associations
NOT_FIRM = ("政府", "委员会", "管委会", "党委", "党工委", "工委", "大学", "学院", "学校", "中学", "小学", "局", "部", "厅",
            "委", "办", "办公室", "署", "法院", "检察院", "医院", "协会", "商会", "联合会", "学会", "研究会",
            "开发区", "高新区", "经开区", "新区", "园区", "产业园", "工业园", "示范区", "自贸区", "片区", "保税区", "综保区",
            "日报", "报社", "电视台", "新华社", "通讯社", "人民网", "组织", "联盟", "国务院", "人大", "政协", "军", "队")
FIRM_END = ("公司", "集团", "银行", "企业", "厂", "店", "所", "中心")
# (b2) kept only when the span ends like a firm's name
FIRM_END2 = ("公司", "集团", "银行", "厂")

def lac_found(spans, rule):
    names = []
    for s in spans:
        s = s.strip()
        if len(s) < 2 or s in names:
            continue
        if rule == "b" and s.endswith(NOT_FIRM):
            continue
        if rule == "b2" and not s.endswith(FIRM_END2):
            continue
        names.append(s)
    return [Found(n) for n in names]

def union(project, extra):
    forms = set().union(*(f.forms() for f in project)) if project else set()
    return project + [f for f in extra if f.name not in forms]

readings = json.load(open(sys.argv[1])); tags = json.load(open(sys.argv[2]))["units"]
verbose = "--verbose" in sys.argv
kinds = collections.Counter()
for reading in ("corpus", "seeds"):
    scores = {k: Score() for k in ("a", "b", "b2", "c", "d", "d2")}
    for unit in readings[reading]:
        spans = [s for group in tags[reading + ":" + unit["unit"]] for s in group]
        project = [Found(p["name"], set(p["surfaces"])) for p in unit["project"]]
        a, b = lac_found(spans, "a"), lac_found(spans, "b")
        b2 = lac_found(spans, "b2")
        for k, found in (("a", a), ("b", b), ("b2", b2), ("c", project), ("d", union(project, b)), ("d2", union(project, b2))):
            score_unit(unit["unit"], found, unit["gold"], scores[k])
        gold = set().union(*({g["name"], *g.get("surfaces", ())} for g in unit["gold"])) if unit["gold"] else set()
        for s in {x.name for x in a}:
            kinds["right" if s in gold else "dropped-by-b" if s.endswith(NOT_FIRM) else
                  "firm-suffix" if s.endswith(FIRM_END) else "other"] += 1
    print(reading)
    for k, s in scores.items():
        print(f"  ({k:2}) P {s.precision:.2f} R {s.recall:.2f} F1 {s.f1:.2f}  ({s.right}/{s.extracted}, {s.found}/{s.read})")
    if verbose:
        for k in "bd":
            print(f"  ({k:2}) junk:", " ".join(n for _, n in scores[k].junk))
            print(f"  ({k:2}) missed:", " ".join(n for _, n in scores[k].misses))
    if verbose:
        c = scores["c"]; d = scores["d"]
        print("  found by (d) not (c):", sorted(set(d.misses) ^ set(c.misses)))
print("LAC ORG spans (unique per unit):", dict(kinds))
