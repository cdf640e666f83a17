"""validate.py checks the localz gold files: JSON shape and key order (rule 1.5), titles, roles drawn from the
article's lists, kinds and dates well formed, and every string in the article text or listed as a resolution."""
import json, glob, os, re, sys
D = os.path.dirname(os.path.abspath(__file__))
KEYS = ["title","reporters","people","organisations","projects","events"]
EK = ["name","date","end_date","part_of_day","kind","chairs","attendees","organisations","reporting_organisations","projects"]
KINDS = {"meeting","inspection","symposium","signing","groundbreaking","training","election","appointment","other"}
# Resolutions (rule 1.4): strings not verbatim in their article; page|string, or page|person|post for a post.
RESOLUTIONS = '''
lz-02|郝伟|市政协副主席
lz-02|孟庆宇|市政协副主席
lz-02|祁有山|市政协副主席
lz-02|李会昌|市政协秘书长
lz-03|县政协十一届一次会议预备会议
lz-09|祁燃|通许县委常委
lz-09|祁燃|通许县委统战部部长
lz-09|通许县委统战部
lz-09|通许县政府
lz-11|杨金銮|县委统战部长
lz-11|县委统战部
lz-12|市企业服务中心
lz-13|人民警察法执法检查
lz-10|周小灵|来凤新闻网记者
lz-17|田力|区人大常委会副主任
lz-17|王莉琴|区人大常委会副主任
lz-17|徐学琴|区人大常委会副主任
lz-18|陈善可|汕尾日报记者
lz-18|刘小静|市政协副主席
lz-18|吕珠龙|市政协副主席
lz-18|李秉记|市政协副主席
lz-18|马智华|市政协副主席
lz-18|陆丰市妇幼保健院
lz-21|街道老龄办
lz-21|街道文体科
lz-22|结对共建协议签订
lz-22|四个专门委员会成立
lz-24|管晓慧|鲁网记者
lz-25|中共夏集镇第十二届纪律检查委员会
lz-17|李元明|区人大常委会副主任
lz-23|周鸿|市委组织部部长
lz-23|市委组织部
'''
res = set(RESOLUTIONS.split())
used = set()
bad = 0
nev = 0
for g in sorted(glob.glob(D + '/lz-*.gold.json')):
    d = json.load(open(g)); f = os.path.basename(g).replace('.gold.json', '')
    md = open(D + '/' + d['file']).read()
    assert d['file'] == f + '.md'
    body = md.split('\n---\n', 1)[1]
    head = body.strip().split('\n')[0]
    text = re.sub('[“”‘’"「」《》]', '', body)
    for a in d['articles']:
        assert list(a) == KEYS, (f, list(a))
        assert '# ' + a['title'] == head, (f, head)
        def chk(s, what):
            global bad
            key = f + '|' + s
            if re.sub('[“”‘’"《》]', '', s) in text: return
            if key in res: used.add(key); return
            print('NOT IN TEXT', f, what, s); bad += 1
        for r in a['reporters']: chk(r, 'reporter')
        names = set()
        for p in a['people']:
            assert list(p) == ['name', 'posts']
            chk(p['name'], 'person'); names.add(p['name'])
            for po in p['posts']: chk(p['name'] + '|' + po if (f + '|' + p['name'] + '|' + po) in res else po, 'post')
        for o in a['organisations']: chk(o, 'org')
        for o in a['projects']: chk(o, 'project')
        assert len(set(a['organisations'])) == len(a['organisations']), f
        for e in a['events']:
            nev += 1
            assert list(e) == EK, (f, list(e))
            chk(e['name'], 'event')
            assert e['kind'] in KINDS, (f, e['kind'])
            for k in ('date', 'end_date'):
                assert e[k] is None or re.fullmatch(r'\d{4}-\d\d-\d\d', e[k]), (f, e[k])
            assert e['part_of_day'] in (None, '上午', '下午', '晚上'), f
            for n in e['chairs'] + e['attendees']: assert n in names, (f, n)
            assert not set(e['chairs']) & set(e['attendees']), f
            for o in e['organisations'] + e['reporting_organisations']: assert o in a['organisations'], (f, o)
            assert not set(e['organisations']) & set(e['reporting_organisations']), f
            for o in e['projects']: assert o in a['projects'], (f, o)
print('unused resolutions:', sorted(res - used))
print('pages', len(glob.glob(D + '/lz-*.gold.json')), 'events', nev, 'problems', bad)
sys.exit(1 if bad or (res - used) else 0)
