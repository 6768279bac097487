"""The real reports the corpus is built from, as truth descriptions.

- xinchun-2024: the seed /work/shared/examples/000_c2afdc98611f7d7b.txt (parsed from the file).
- huaian-city-2024: /work/shared/examples/huaian-city-2024.pdf: figures from its hand-checked
  huaian-city-2024.figures.json, narrative from `pdftotext -layout` (paragraphs joined; the
  space pdftotext puts between Chinese and digits dropped).
- shanghai-office-2019: 2019年上海市人民政府办公厅政府信息公开工作年度报告 (2019 format), transcribed
  from a copy of its web page kept in a public GitHub repository (found with the code search,
  index file id 18090078150; page dated 2020-01-31). Blanks as printed (&nbsp; cells).
- testcity-2025: the figures of a "Hangzhou-style" 2021-format report used as a test fixture in a
  public GitHub repository (code search file id 59685592790). Its tables reconcile; title and
  narrative are the fixture's own (测试市). Not checked against the original publication.
"""
import json
import re
import subprocess

import truthlib as T

EXAMPLES = "/work/shared/examples"

_CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[0-9A-Za-z])|(?<=[0-9A-Za-z%]) (?=[\u3000-\u9fff\uff00-\uffef])")


def _unspace(s):
    return _CJK_SPACE.sub("", s)


def xinchun():
    lines = open(f"{EXAMPLES}/000_c2afdc98611f7d7b.txt", encoding="utf-8").read().split("\n")
    title = lines[0].strip()
    heads = {"一、总体情况": "overview", "二、主动公开政府信息情况": "proactive",
             "收到和处理政府信息公开申请情况": "requests", "政府信息公开行政复议、行政诉讼情况": "review_litigation",
             "五、存在的主要问题及改进情况": "problems", "六、其他需要报告的事项": "other"}
    preamble, sections, cur = [], {k: [] for k in T.SECTION_KEYS}, None
    for ln in lines[1:]:
        if ln.startswith("\t") or not ln.strip():
            continue
        s = ln.strip()
        if s in heads:
            cur = heads[s]
            continue
        (sections[cur] if cur else preamble).append(s)
    t = {"case": "xinchun-2024", "origin": "real: /work/shared/examples/000_c2afdc98611f7d7b.txt (a street "
         "office's 2024 report copied from its web page)", "derived_from": None, "variation": None,
         "title": title, "agency": "长春市南关区新春街道办事处", "year": 2024, "template": "2021",
         "preamble": preamble, "sections": sections, "figures": {}, "planted": []}
    for k in T.figure_keys("2021"):
        t["figures"][k] = "0"
    return t


def huaian():
    fig = json.load(open(f"{EXAMPLES}/huaian-city-2024.figures.json", encoding="utf-8"))
    text = subprocess.run(["pdftotext", "-layout", f"{EXAMPLES}/huaian-city-2024.pdf", "-"],
                          capture_output=True, text=True, check=True).stdout
    paras, cur = [], None
    for ln in text.split("\n"):
        if not ln.strip() or re.fullmatch(r"\s*-\d+-\s*", ln):
            continue
        if re.match(r"^\s{3,}\S", ln) and not re.match(r"^\s{20,}", ln):
            if cur:
                paras.append(cur)
            cur = ln.strip()
        else:
            cur = (cur or "") + ln.strip()
    paras.append(cur)
    paras = [_unspace(p) for p in paras]
    i1 = paras.index("一、总体情况")
    i2 = next(i for i, p in enumerate(paras) if p.startswith("二、"))
    i5 = paras.index("五、存在的主要问题及改进情况")
    i6 = paras.index("六、其他需要报告的事项")
    sections = {k: [] for k in T.SECTION_KEYS}
    sections["overview"] = paras[i1 + 1:i2]
    sections["problems"] = paras[i5 + 1:i6]
    sections["other"] = paras[i6 + 1:]
    figures = {}
    for k in T.figure_keys("2021"):
        v = fig["figures"][k]
        figures[k] = str(v)
    r = fig["report"]
    return {"case": "huaian-city-2024", "origin": "real: /work/shared/examples/huaian-city-2024.pdf (figures "
            "from its hand-checked huaian-city-2024.figures.json, narrative from pdftotext)",
            "derived_from": None, "variation": None, "title": r["title"], "agency": r["agency"],
            "year": r["year"], "template": "2021", "preamble": paras[2:i1], "sections": sections,
            "figures": figures, "planted": []}


def _grid(rows, cols, table, text):
    """Figures from a whitespace-separated grid where '_' stands for a blank cell."""
    out = {}
    lines = [ln.split() for ln in text.strip().split("\n")]
    assert len(lines) == len(rows), (table, len(lines))
    for r, cells in zip(rows, lines):
        assert len(cells) == len(cols), (table, r, cells)
        for c, v in zip(cols, cells):
            out[f"{table}.{r}.{c}"] = "" if v == "_" else v
    return out


def shanghai():
    fig = {
        "proactive.regulations.made": "13", "proactive.regulations.published": "13",
        "proactive.regulations.published_total": "524",
        "proactive.normative_documents.made": "60", "proactive.normative_documents.published": "60",
        "proactive.normative_documents.published_total": "368",
    }
    for row in ["licensing", "other_services", "penalty", "coercion"]:
        for c in ["previous_items", "change", "decisions"]:
            fig[f"proactive.{row}.{c}"] = "0"
    fig["proactive.fees.previous_items"] = "0"
    fig["proactive.fees.change"] = "0"
    fig["proactive.procurement.procurement_items"] = "6"
    fig["proactive.procurement.procurement_amount"] = "251000元"
    fig.update(_grid(T.request_rows(True), T.REQ_COLS, "requests", """
821 35 _ _ 2 1 859
18 _ _ _ _ _ 18
258 12 _ _ 1 1 _
3 _ _ _ _ _ _
14 _ _ _ _ _ _
_ _ _ _ _ _ _
_ _ _ _ _ _ _
_ _ _ _ _ _ _
5 _ _ _ _ _ _
3 1 _ _ _ _ _
_ _ _ _ _ _ _
10 2 _ _ _ _ _
252 12 _ _ 1 _ _
44 3 _ _ _ _ _
25 _ _ _ _ _ _
148 1 _ _ _ _ _
5 4 _ _ _ _ _
_ _ _ _ _ _ _
_ _ _ _ _ _ _
_ _ _ _ _ _ _
_ _ _ _ _ _ _
767 35 _ _ 2 1 805
72 _ _ _ _ _ 72"""))
    fig.update(_grid(T.RL_ROWS, T.RL_COLS, "review_litigation", """
5 _ _ 2 7
8 _ _ 1 9
_ _ _ _ _"""))
    overview = [
        "2019年，上海市人民政府办公厅坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平总书记考察上海重要讲话精神，严格落实党中央、国务院关于全面推进政务公开工作的部署，全面落实《条例》要求，围绕市委、市政府中心工作，聚焦社会公众需求，不断提高政府工作透明度，切实提升人民群众获得感和满意度。",
        "（一）主动公开方面",
        "2019年，通过“中国上海”门户网站、《上海市人民政府公报》等平台主动公开规章13件，行政规范性文件60件，市政府其他文件162件，人事任免文件141件。紧扣机构改革进程，及时发布调整后的机关职能、机构设置、办公地址、联系方式等信息。及时更新政府信息公开指南，明确公众获取主动公开和依申请公开信息的主要渠道和具体方式。准确发布市政府办公厅2019年部门预算、2018年部门决算信息，以及2019年度财政支出项目绩效目标、2018年度财政支出项目绩效评价结果等财政信息。",
        "做好政策解读工作，精准传递政策意图。严格落实解读材料和政策文件“同步起草、同步审批、同步发布”（三同步）工作制度，对规章、规范性文件和提交市政府常务会议审议的政策文件均开展了解读,通过“中国上海”门户网站发布政策解读共132件。围绕“一网通办”改革、生活垃圾分类管理、公共数据开放等重点热点领域，市政府办公厅主要负责人及相关分管负责人通过参加新闻发布会带头解读。进一步丰富解读形式，积极采用专家解读、图示图解、视频解读等开展解读，重点阐明政策措施的背景依据、目标任务、主要内容、涉及范围、执行标准等，确保政策内涵透明、信号清晰。",
        "（二）依申请公开方面",
        "严格执行新出台的《条例》，进一步规范政府信息公开申请办理工作。及时修订全市“依申请办理示范文书”，优化依申请工作流程。加强公开服务点当面咨询的接待和服务，依申请办理过程中注意与申请人进行电话沟通，精准了解相关诉求，提高便民服务水平。实现全市依申请统一受理入口和统一办理功能，进一步提高了受理、办理、流转、审批等流程的规范化水平，并使办理全过程留痕。在“中国上海”门户网站依申请受理页面增加办理状态查询、在线补正、申请撤回等功能，方便公众使用查询。",
        "市政府办公厅代表市政府共受理政府信息公开申请859件，申请数量较去年回落12.3%；答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复），均在法定期限内予以答复。予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%；因本机关不掌握等原因无法提供265件，占32.9%；不予处理158件，占19.6%；其他处理0件。信息公开类行政复议7件，诉讼9件，均获维持，继续保持了省级政府零败诉的记录，维护了市政府依法行政、公开透明的良好形象。",
        "（三）政府信息管理方面",
        "严格落实《上海市人民政府公文公开发布实施办法》，不断完善市政府公文的公开属性源头认定和发布审查工作机制，在拟制公文时必须明确公开属性、公开时间和方式等，随公文一并报批。坚持应公开尽公开原则，严格审查把关，对拟不公开的，必须依法依规说明理由，不断提升市政府公文的公开比例。经政务公开工作机构审核的市政府公文主动公开率达90.2%。",
        "（四）平台建设方面",
        "全面推进政府网站集约化平台建设。持续完善建设标准，建成本市政府网站集约化平台，实现管理、数据、服务、运维、安全等集约化各项功能。开展“中国上海”英文版改版工作。围绕信息发布、营商环境、形象宣传、服务指引等功能板块，提升英文版宣传服务能级。不断深化政务公开板块改版升级,强化政策解读、回应关切、公众参与等板块建设,充分体现“五公开”要求。系统做好栏目展示设计,提高权责清单、财政预决算、决策草案意见征集反馈、双公示、会议公开等公开专项工作内容的可见性、易查性。优化栏目内搜索引擎功能,优先显示最新政策文件、便民类信息等搜索结果。",
        "按时编辑出版《上海市人民政府公报》，全年共编发公报24期，刊登政府规章、规范性文件等112件，部门规范性文件45件，政策解读83件。根据《国务院办公厅关于做好政府公报工作的通知》要求，在市政府公报中增加了与人民群众密切相关的涉及社保、医疗、教育等领域的规章、规范性文件的政策解读内容，并将市政府各部门的规范性文件和政策解读材料纳入了公报选编范围，政府公报权威性政府政策文本的功能进一步凸显。",
        "（五）监督保障方面",
        "充分发挥考核促进工作的良性作用。围绕政务公开重点工作、薄弱环节和瓶颈问题加大政务公开绩效考核力度，提升主动公开等工作的考核分值比重。采取市政府办公厅测评、组织相关部门共同考核、委托第三方机构开展社会评估等评估方式相结合的办法，尽量提高量化评分比重，以保证考核的客观公正。严格落实中办《关于统筹规范督查检查考核工作的通知》有关规定，依托政务公开工作平台开展无纸化线上考核，减轻被考核单位工作负担。考核结果向社会主动公开。",
        "抓好业务培训工作。结合新《条例》出台，针对政务公开工作面临的新要求和新问题，组织开展了全市政务公开业务培训，邀请专家学者围绕《条例》修订、政务公开新形势新要求、依申请办理等方面内容开展专题授课，不断提升全市政府信息公开工作人员的工作能力和水平。",
    ]
    sections = {k: [] for k in T.SECTION_KEYS}
    sections["overview"] = overview
    sections["problems"] = [
        "（一）主要问题",
        "一是新《条例》实施后，专业领域的理论学习仍需加强，提升对《条例》新内容的准确把握；二是决策公开仍需进一步加强，公众参与具体举措需进一步细化完善；三是政府网站集约化建设需持续推进，公开专栏规范化建设有待加强；四是政策解读方式不够多元，精准解读效果仍需提高。",
        "（二）改进措施",
        "一是深入做好《条例》的贯彻落实。抓紧修订出台《上海市政府信息公开规定》，细化《条例》主体具体适用，规范政府信息公开指南、目录和工作年报编制，完善依申请办理工作全链条管理，动态拓展主动公开范围。二是进一步深化解读回应。重点做好精准解读工作，提高政策解读的针对性。对“一网通办”中的个人和法人，根据用户特点和实际需要，精准推送相关政策解读。三是深化公众参与。制订出台重大行政决策公众参与具体措施，严格履行重大行政决策公众参与程序,继续开展多种形式的公众参与活动。四是全面推进政务公开标准化规范化建设。高水平做好国家试点领域标准指引落地应用，全面开展政务公开事项梳理和目录编制，推进办事服务全过程精准公开。五是着力提升平台渠道管理和服务水平。强化政府网站集约化管理和公开专栏规范化建设，加强线下公开场所和公开渠道建设,统一全市政务公开工作平台使用。六是严格强化工作保障和监督。进一步健全工作领导和协调机制，分级分类抓好工作指导培训，强化工作监督和考核评估。",
    ]
    sections["other"] = ["无。"]
    return {"case": "shanghai-office-2019",
            "origin": "real, transcribed: 2019年上海市人民政府办公厅政府信息公开工作年度报告 (page dated 2020-01-31), "
                      "from a copy of its web page kept in a public GitHub repository (code search file id "
                      "18090078150); figures and blanks exactly as printed; narrative: some overview "
                      "paragraphs left out, those kept are verbatim",
            "derived_from": None, "variation": None,
            "title": "2019年上海市人民政府办公厅政府信息公开工作年度报告", "agency": "上海市人民政府办公厅",
            "year": 2019, "template": "2019",
            "preamble": ["本年度报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）的要求编制，全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、因政府信息公开工作被申请行政复议和提起行政诉讼情况、政府信息公开工作存在的主要问题及改进情况及其他需要报告的事项。本年度报告中所列数据统计期限从2019年1月1日到12月31日止。本年度报告电子版可从“中国上海”门户网站（www.shanghai.gov.cn）下载。"],
            "sections": sections, "figures": fig, "planted": []}


def testcity():
    fig = {"proactive.regulations.issued": "3", "proactive.regulations.repealed": "5",
           "proactive.regulations.in_force": "74", "proactive.normative_documents.issued": "564",
           "proactive.normative_documents.repealed": "984", "proactive.normative_documents.in_force": "4185",
           "proactive.licensing.decisions": "11398889", "proactive.penalty.decisions": "6937489",
           "proactive.coercion.decisions": "166105", "proactive.fees.amount": "316441"}
    fig.update(_grid(T.request_rows(False), T.REQ_COLS, "requests", """
13612 252 0 45 128 32 14069
535 6 0 1 18 0 560
5345 129 0 41 19 14 5548
2120 39 0 1 6 2 2168
13 0 0 0 0 0 13
30 0 0 0 0 0 30
11 0 0 0 0 0 11
49 2 0 0 0 0 51
103 1 0 0 0 0 104
84 1 0 0 0 0 85
282 4 0 0 0 0 286
147 0 0 0 1 2 150
3075 50 0 0 89 8 3222
177 3 0 0 0 0 180
19 0 0 0 0 0 19
199 1 0 0 3 0 203
147 1 0 0 0 0 148
0 0 0 0 0 0 0
100 1 0 0 0 0 101
5 0 0 0 0 0 5
315 3 0 0 0 0 318
202 0 0 1 0 0 203
941 17 0 1 3 3 965
13364 252 0 44 121 29 13810
783 6 0 2 25 3 819"""))
    fig.update(_grid(T.RL_ROWS, T.RL_COLS, "review_litigation", """
376 97 196 121 790
16 1 12 27 56
74 1 30 51 156"""))
    sections = {k: [] for k in T.SECTION_KEYS}
    sections["overview"] = ["2025年，全市各级行政机关扎实推进政务公开工作。主动公开方面成效明显。",
                            "（一）主动公开。发布规章与规范性文件若干。", "（二）依申请公开。规范办理程序。"]
    sections["problems"] = ["对照新要求新任务，仍存在以下短板：一是主动公开工作还需进一步规范。"]
    sections["other"] = ["依据《政府信息公开信息处理费管理办法》规定，2025年全市实际收取信息处理费共计400元。"]
    return {"case": "testcity-2025",
            "origin": "transcribed: the figures of a 2021-format city report used as a test fixture "
                      "(\"Hangzhou-style\") in a public GitHub repository (code search file id 59685592790); "
                      "title and narrative are the fixture's; the figures reconcile but were not checked "
                      "against the original publication",
            "derived_from": None, "variation": None,
            "title": "测试市2025年政府信息公开工作年度报告", "agency": "测试市人民政府", "year": 2025,
            "template": "2021",
            "preamble": ["根据《中华人民共和国政府信息公开条例》规定编制本报告。本报告中所列数据统计期限为2025年1月1日至12月31日。"],
            "sections": sections, "figures": fig, "planted": []}


BASES = [xinchun, huaian, shanghai, testcity]
