#!/usr/bin/env python3
"""Check the localb gold files: JSON shape (CONVENTIONS rule 1.5), event roles drawn from the
article's lists, every string present in the article text or a listed resolution (rule 1.4)."""
import json, re, sys, os, glob

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = ["file", "articles"]
ART = ["title", "reporters", "people", "organisations", "projects", "events"]
EV = ["name", "date", "end_date", "part_of_day", "kind", "chairs", "attendees",
      "organisations", "reporting_organisations", "projects"]
KINDS = {"meeting", "inspection", "symposium", "signing", "groundbreaking", "training",
         "election", "appointment", "other"}
# Strings that are not verbatim in their article, with the rule that produces them (README lists them).
RESOLUTIONS = {
    "lb-03": {"走访深圳市英博伟业科技有限公司": "6.4"},
    "lb-07": {"上海电气集团副总裁": "3.6", "李洪慈杨大勇会见金孝龙": "6.4"},
    "lb-08": {"区政协副主席": "3.7", "区政协秘书长": "3.7"},
    "lb-09": {"市政府参事室党组成员": "3.5", "市政府参事室副主任": "3.5/3.6/3.7",
              "市政府发展研究中心副主任": "3.7", "市政府发展研究中心二级巡视员": "3.7",
              "市政府参事室党组": "4.2/4.3"},
    "lb-11": {"市安全生产第四督导组督导我县安全生产工作": "6.4"},
    "lb-12": {"传达专题读书班会议精神": "6.4"},
    "lb-14": {"县委组织部长": "3.6", "县委党校校长": "3.6", "县委组织部党建办主任": "3.6",
              "县委组织部党建办": "4.3", "省委": "4.5", "省委组织部": "4.5"},
}

def strip_quotes(s):
    return re.sub(r"[“”‘’\"「」『』]", "", s)

def main():
    bad = 0
    def err(f, msg):
        nonlocal bad
        bad += 1
        print(f"{f}: {msg}")
    for g in sorted(glob.glob(os.path.join(HERE, "lb-*.gold.json"))):
        f = os.path.basename(g)[:-len(".gold.json")]
        md = open(os.path.join(HERE, f + ".md"), encoding="utf-8").read()
        lines = md.split("\n")
        text = strip_quotes(md.replace("\n", ""))
        m = re.search(r"发布时间：(\d{4})-", md)
        d = json.load(open(g, encoding="utf-8"))
        if list(d) != TOP: err(f, f"top keys {list(d)}")
        if d["file"] != f + ".md": err(f, "file field")
        res = RESOLUTIONS.get(f, {})
        used = set()
        def check(s, what):
            if strip_quotes(s) in text:
                return
            if s in res:
                used.add(s); return
            err(f, f"{what} {s!r} not in text and not a listed resolution")
        for a in d["articles"]:
            if list(a) != ART: err(f, f"article keys {list(a)}")
            if "# " + a["title"] != lines[0]: err(f, "title differs from heading")
            check(a["title"], "title")
            for r in a["reporters"]: check(r, "reporter")
            names = [p["name"] for p in a["people"]]
            if len(set(names)) != len(names): err(f, "duplicate person")
            for p in a["people"]:
                if list(p) != ["name", "posts"]: err(f, f"person keys {list(p)}")
                if p["name"] in a["reporters"]: err(f, f"reporter {p['name']} in people")
                check(p["name"], "person")
                for po in p["posts"]: check(po, f"post of {p['name']}")
            for o in a["organisations"]: check(o, "organisation")
            for pr in a["projects"]: check(pr, "project")
            if len(set(a["organisations"])) != len(a["organisations"]): err(f, "duplicate organisation")
            dates = []
            for e in a["events"]:
                if list(e) != EV: err(f, f"event keys {list(e)}")
                check(e["name"], "event name")
                if e["kind"] not in KINDS: err(f, f"kind {e['kind']}")
                for k in ("date", "end_date"):
                    if e[k] is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", e[k]): err(f, f"{k} {e[k]}")
                if e["part_of_day"] not in (None, "上午", "下午", "晚上"): err(f, "part_of_day")
                for r in e["chairs"] + e["attendees"]:
                    if r not in names: err(f, f"role {r} not in people")
                for r in e["organisations"] + e["reporting_organisations"]:
                    if r not in a["organisations"]: err(f, f"event org {r} not in organisations")
                for r in e["projects"]:
                    if r not in a["projects"]: err(f, f"event project {r} not in projects")
                if set(e["chairs"]) & set(e["attendees"]): err(f, "chair also attendee")
                if set(e["organisations"]) & set(e["reporting_organisations"]): err(f, "reporting org repeated")
                if e["date"]: dates.append(e["date"])
            if m:
                for dt in dates:
                    if dt[:4] != m.group(1): err(f, f"date {dt} not in page year {m.group(1)}")
        for s in res:
            if s not in used: err(f, f"listed resolution {s!r} unused")
    print("OK" if not bad else f"{bad} problem(s)")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
