#!/usr/bin/python3
"""Text reports for the validator's corpus cases (corpus/txt/), in the seed's shape.

Every figure is real or a recorded variation of a real one:
  - xinchun-2024-*: the seed corpus/txt/000_c2afdc98611f7d7b.txt (长春市南关区新春街道办事处, 2024,
    every figure 0) with its text as printed and one planted change to its tables or text;
  - huaian-city-2024*: 淮安市人民政府's 2024 report (/work/shared/examples/huaian-city-2024.pdf): its
    200 hand-checked figures (huaian-city-2024.figures.json) in the seed's table layout, its
    narrative typed from the PDF's text layer (spaces around figures kept, as a copy from the PDF
    gives them), and one planted change per variant;
  - cross-year-huaian*/: the 2024 report beside a 2023 report invented from it so that every
    identity holds and the years connect (34 requests carried into 2024; 10 regulations and 84
    normative documents in force at the end of 2023), and a planted pair where they do not.

What each variant plants, and the findings it must produce, is in CASES below; the expected
records beside the documents are made with `xxgk extract --write-expected` and reviewed against
this list. Run by hand (/usr/bin/python3 corpus/txt/tools/make_validator_cases.py) from the
repository root; a document is rewritten only when its bytes change.
"""

import os
import sys

SEED = "corpus/txt/000_c2afdc98611f7d7b.txt"
OUT = "corpus/txt"

REQ_COLS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]
REQ_ROWS = ["new_received", "carried_over", "granted", "partially_granted", "withheld_state_secret",
            "withheld_prohibited_by_law", "withheld_security_stability", "withheld_third_party",
            "withheld_internal_affairs", "withheld_process_info", "withheld_enforcement_file",
            "withheld_query_matter", "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
            "not_processed_complaint", "not_processed_repeated", "not_processed_publication",
            "not_processed_excessive", "not_processed_confirmation", "other_overdue_correction",
            "other_unpaid_fee", "other_other", "processed_total", "carried_forward"]
REV_ROWS = ["review", "litigation_direct", "litigation_after_review"]
REV_COLS = ["upheld", "corrected", "other", "pending", "total"]

# The 200 figures in the order the seed's tables print them (= contract order).
ORDER = ([("proactive", r, c) for r in ("regulations", "normative_documents") for c in ("issued", "repealed", "in_force")]
         + [("proactive", "licensing", "decisions"), ("proactive", "penalty", "decisions"),
            ("proactive", "coercion", "decisions"), ("proactive", "fees", "amount")]
         + [("requests", r, c) for r in REQ_ROWS for c in REQ_COLS]
         + [("review_litigation", r, c) for r in REV_ROWS for c in REV_COLS])
assert len(ORDER) == 200

# 淮安市人民政府 2024 (huaian-city-2024.figures.json).
HUAIAN_REQ = {
    "new_received": [3001, 53, 0, 0, 61, 4, 3119], "carried_over": [34, 0, 0, 0, 0, 0, 34],
    "granted": [1288, 21, 0, 0, 50, 3, 1362], "partially_granted": [447, 7, 0, 0, 0, 0, 454],
    "withheld_state_secret": [2, 0, 0, 0, 0, 0, 2], "withheld_prohibited_by_law": [30, 1, 0, 0, 0, 0, 31],
    "withheld_security_stability": [5, 0, 0, 0, 0, 0, 5], "withheld_third_party": [6, 0, 0, 0, 0, 0, 6],
    "withheld_internal_affairs": [7, 1, 0, 0, 0, 0, 8], "withheld_process_info": [12, 0, 0, 0, 0, 0, 12],
    "withheld_enforcement_file": [9, 0, 0, 0, 0, 0, 9], "withheld_query_matter": [105, 0, 0, 0, 0, 0, 105],
    "unavailable_not_held": [746, 12, 0, 0, 10, 1, 769], "unavailable_needs_creation": [11, 0, 0, 0, 0, 0, 11],
    "unavailable_unclear": [1, 0, 0, 0, 0, 0, 1], "not_processed_complaint": [56, 6, 0, 0, 0, 0, 62],
    "not_processed_repeated": [25, 0, 0, 0, 0, 0, 25], "not_processed_publication": [0] * 7,
    "not_processed_excessive": [0] * 7, "not_processed_confirmation": [1, 0, 0, 0, 0, 0, 1],
    "other_overdue_correction": [67, 3, 0, 0, 1, 0, 71], "other_unpaid_fee": [6, 0, 0, 0, 0, 0, 6],
    "other_other": [108, 2, 0, 0, 0, 0, 110], "processed_total": [2932, 53, 0, 0, 61, 4, 3050],
    "carried_forward": [103, 0, 0, 0, 0, 0, 103],
}
HUAIAN_REV = {"review": [72, 64, 178, 37, 351], "litigation_direct": [13, 4, 8, 1, 26],
              "litigation_after_review": [12, 1, 1, 6, 20]}
HUAIAN_PRO = {("regulations", "issued"): "1", ("regulations", "repealed"): "0", ("regulations", "in_force"): "11",
              ("normative_documents", "issued"): "8", ("normative_documents", "repealed"): "26",
              ("normative_documents", "in_force"): "66", ("licensing", "decisions"): "447228",
              ("penalty", "decisions"): "3985758", ("coercion", "decisions"): "88283", ("fees", "amount"): "96171.6"}


def huaian_figures():
    f = {("proactive", r, c): v for (r, c), v in HUAIAN_PRO.items()}
    for r, vs in HUAIAN_REQ.items():
        for c, v in zip(REQ_COLS, vs):
            f[("requests", r, c)] = str(v)
    for r, vs in HUAIAN_REV.items():
        for c, v in zip(REV_COLS, vs):
            f[("review_litigation", r, c)] = str(v)
    return f


def seed_figures():
    return {k: "0" for k in ORDER}


HUAIAN_TITLE = "淮安市人民政府2024年政府信息公开工作年度报告"
HUAIAN_INTRO = ("本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》（国令第 711 号）（以下简称《条例》）规定编制。"
                "报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。如对本报告有疑问，请与淮安市人民政府办公室联系"
                "（地址：淮安市翔宇南道 1 号，邮编：223001，电话：0517-83605210，电子邮箱：hazwgkc@163.com）。")
HUAIAN_REQUESTS_PARAGRAPH = (
    "（二）依申请公开情况。定期对政府信息公开申请集中的领域和热点问题进行研判，探索从源头上解决实际问题。着力强化与申请人的直接沟通，"
    "准确了解申请人诉求，提高答复的及时性和针对性。2024 年，全市共受理政府信息公开申请 3119 件，答复 3050 件（含上年度结转申请 34 件，"
    "另有 103 件顺延到下年度答复），均在法定期限内予以答复。政府信息公开行政复议 351 件，其中结果维持 72 件，结果纠正 64 件，"
    "其他结果 178 件，尚未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25 件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件。")
HUAIAN_OVERVIEW = [
    "2024 年，我市坚持以习近平新时代中国特色社会主义思想为指导，认真学习宣传贯彻党的二十大和二十届二中、三中全会精神，"
    "按照党中央国务院、省委省政府决策部署和市委工作要求，严格落实《中华人民共和国政府信息公开条例》各项规定，圆满完成了各项任务。",
    "（一）主动公开情况。2024 年，市政府网站主动公开各类政府信息 5500 余条，全年新增公开市政府规章 1 件、市政府及市政府办政策性文件 11 件，"
    "通过文字、图片等形式制作政策解读 21 个，制作《淮安市人民政府公报》6 期。紧紧围绕保障民生、深化改革、科技创新等工作主线，"
    "组织召开了“春节前后服务企业用工和促进返乡人员就业创业专项活动”“建设‘四最’一流营商环境高质量推进产业发展”"
    "“加快建设长三角北部重要产业科技创新高地的若干政策”等新闻发布会 12 场，努力传递政府声音、宣传政策法规、回应舆论关切。",
    HUAIAN_REQUESTS_PARAGRAPH,
    "（三）政府信息管理情况。在政府网站、政务新媒体、政府公报等公开平台发布信息时，坚持“先审查、后公开”“一事一审”工作原则，"
    "规范审查程序，建立健全重要事项公开保密审查协调机制，落实政府信息公开属性源头认定机制，加强政府信息源头管理工作。"
    "对政务公开平台已公开信息进行梳理，优化主动公开目录，着力为群众提供看得懂、找得到、用得上的政府信息公开服务。"
    "系统性排查全市各地各部门政务服务网办事指南、表格样表、在线申请等与群众密切相关服务事项，并不断修改完善，"
    "积极构建权威、便捷、高效的一体化互联网政务服务平台。",
    "（四）政府信息公开平台建设情况。进一步优化政务公开专栏设置，省市联动制作“全力巩固和增强经济回升向好态势”"
    "“推动大规模设备更新和消费品以旧换新”等专题专栏。在日常读网巡查的基础上，定期对政府信息公开栏目进行检查，"
    "将栏目不更新、政策解读不通俗易懂、互动咨询不回应等问题列入重点检查范围。深入开展防治政务新媒体“指尖上的形式主义”工作，"
    "聚焦解决政务新媒体开而少用、更新不及时、不互动不回应、表述不规范等新老问题。截至目前，全市在运维政务新媒体共计 95 个，"
    "在省办 2024 年四个季度政务新媒体检查抽查中，合格率均为 100%。",
    "（五）政府信息公开监督保障情况。根据省政务公开年度和季度监测指标，全年组织 4 次政府信息公开栏目全覆盖检查，"
    "并出具各县区、各部门政务公开评估分报告。在日常巡查的基础上，按季度开展政务新媒体专项检查，针对突出问题和日常共性问题，"
    "及时督促整改。针对具体问题，创新开展调研式培训、过堂式培训，不断提高全市政务公开工作人员的工作能力和水平。",
]
HUAIAN_PROBLEMS = [
    "对照上级新要求和公众新期待，还有一些需要加强和改进的地方。主要表现在：一是政策解读质量仍需提升，个别单位政策解读内容简单、形式单一；"
    "二是政务公开队伍建设还需进一步加强，个别单位存在人员配备不足、兼职多、流动性过快的问题。",
    "针对存在问题，下一步，我市将着力加强政策解读质效，重点提升解读的针对性和通俗化，探索建立政社合作、多元参与的政策宣传解读模式，"
    "开发更多可读、可视、可感的政策解读产品，积极回应企业和群众的实际需求；建立健全“传帮带”机制，对新上岗人员开展“面对面、手把手”指导，"
    "定期组织业务培训，全面提升政务公开工作队伍水平，同时加强先进典型宣传和正面激励，增强队伍凝聚力。",
]
HUAIAN_OTHER = ["2024 年，市政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费 3940 元。"]


def seed_parts():
    text = open(SEED, encoding="utf-8").read()
    start = text.index("二、主动公开政府信息情况")
    end = text.index("五、存在的主要问题及改进情况")
    return text[:start], text[start:end], text[end:]


def fill_tables(block, figures):
    """The seed's tables with its 200 printed zeros replaced, in order, by `figures`."""
    out, i = [], 0
    for line in block.split("\n"):
        if line == "\t0":
            raw = figures[ORDER[i]]
            line = "\t" + raw
            i += 1
        out.append(line)
    assert i == 200, i
    return "\n".join(out)


def drop_table(block, heading):
    """The tables block without the table under `heading` (its heading kept)."""
    lines = block.split("\n")
    at = next(k for k, l in enumerate(lines) if l.strip() == heading)
    end = at + 1
    while end < len(lines) and (lines[end].startswith("\t") or lines[end].strip() == ""):
        end += 1
    return "\n".join(lines[:at + 1] + [""] + lines[end:])


def huaian_text(figures, overview=None, year_title=HUAIAN_TITLE, intro=HUAIAN_INTRO, other=None):
    _, tables, _ = seed_parts()
    tables = fill_tables(tables, figures)
    tables = tables.replace("\n收到和处理政府信息公开申请情况\n", "\n三、收到和处理政府信息公开申请情况\n")
    tables = tables.replace("\n政府信息公开行政复议、行政诉讼情况\n", "\n四、政府信息公开行政复议、行政诉讼情况\n")
    parts = [year_title, "", intro, "", "一、总体情况"]
    for p in overview or HUAIAN_OVERVIEW:
        parts += [p, ""]
    parts += [tables.rstrip("\n"), "", "五、存在的主要问题及改进情况"]
    for p in HUAIAN_PROBLEMS:
        parts += [p, ""]
    parts += ["六、其他需要报告的事项"]
    for p in other or HUAIAN_OTHER:
        parts += [p]
    return "\n".join(parts) + "\n"


def seed_text(figures, replace=(), drop=None, drop_part5=False):
    head, tables, tail = seed_parts()
    tables = fill_tables(tables, figures)
    if drop:
        tables = drop_table(tables, drop)
    text = head + tables + tail
    if drop_part5:
        text = text.replace("五、存在的主要问题及改进情况\n", "")
    for a, b in replace:
        assert a in text, a
        text = text.replace(a, b)
    return text


def with_requests_paragraph(old, new):
    assert old in HUAIAN_REQUESTS_PARAGRAPH, old
    return [p.replace(old, new) if p is HUAIAN_REQUESTS_PARAGRAPH else p for p in HUAIAN_OVERVIEW]


def variant(base, changes):
    f = dict(base)
    for k, v in changes.items():
        assert k in f, k
        f[k] = v
    return f


def huaian_2023(carried_forward, normative_in_force):
    """A 2023 report invented from the 2024 one: `carried_forward` requests (all from natural
    persons) go into 2024, and every identity of its own tables holds: the extra processed requests
    are counted under （六）3.其他."""
    f = huaian_figures()
    extra = 103 - carried_forward
    f[("requests", "carried_forward", "natural_person")] = str(carried_forward)
    f[("requests", "carried_forward", "total")] = str(carried_forward)
    f[("requests", "other_other", "natural_person")] = str(108 + extra)
    f[("requests", "other_other", "total")] = str(110 + extra)
    f[("requests", "processed_total", "natural_person")] = str(2932 + extra)
    f[("requests", "processed_total", "total")] = str(3050 + extra)
    f[("proactive", "regulations", "in_force")] = "10"
    f[("proactive", "normative_documents", "in_force")] = str(normative_in_force)
    processed = 3050 + extra
    overview = [p.replace("2024 年", "2023 年") for p in with_requests_paragraph(
        "答复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度答复）",
        f"答复 {processed} 件（含上年度结转申请 34 件，另有 {carried_forward} 件顺延到下年度答复）")]
    intro = HUAIAN_INTRO.replace("2024 年", "2023 年")
    other = [HUAIAN_OTHER[0].replace("2024 年", "2023 年")]
    return huaian_text(f, overview, "淮安市人民政府2023年政府信息公开工作年度报告", intro, other)


H = huaian_figures()
S = seed_figures()
rq = lambda row, col: ("requests", row, col)  # noqa: E731

# document → (text, what is planted and the findings it must produce)
CASES = {
    "huaian-city-2024.txt": (huaian_text(H), "clean: no finding"),
    "xinchun-2024-review-10-1-0-0.txt": (
        seed_text(variant(S, {("review_litigation", "review", "upheld"): "10",
                              ("review_litigation", "review", "corrected"): "1"})),
        "review_litigation.total review: expected 11, actual 0"),
    "xinchun-2024-balance.txt": (
        seed_text(variant(S, {rq("carried_forward", "natural_person"): "1", rq("carried_forward", "total"): "1"})),
        "requests.balance natural_person and total: expected 0, actual 1"),
    "huaian-city-2024-results-total.txt": (
        huaian_text(variant(H, {rq("granted", "natural_person"): "1280", rq("granted", "total"): "1354"})),
        "requests.results_total natural_person 2924/2932 and total 3042/3050"),
    "huaian-city-2024-row-total.txt": (
        huaian_text(variant(H, {rq("granted", "natural_person"): "1289", rq("partially_granted", "natural_person"): "446"})),
        "requests.row_total granted 1363/1362 and partially_granted 453/454 (columns still add up)"),
    "huaian-city-2024-negative.txt": (
        huaian_text(variant(H, {("proactive", "normative_documents", "repealed"): "-26"})),
        "values.negative proactive.normative_documents.repealed: actual -26"),
    "huaian-city-2024-non-integer.txt": (
        huaian_text(variant(H, {("proactive", "licensing", "decisions"): "447228.5"})),
        "values.non_integer proactive.licensing.decisions: actual 447228.5 (warning)"),
    "huaian-city-2024-text-received.txt": (
        huaian_text(H, with_requests_paragraph("受理政府信息公开申请 3119 件", "受理政府信息公开申请 3120 件")),
        "text.vs_table requests.new_received.total: expected 3119, actual 3120"),
    "huaian-city-2024-text-litigation-numeral.txt": (
        huaian_text(H, with_requests_paragraph("政府信息公开行政诉讼 46 件", "政府信息公开行政诉讼四十八件")),
        "text.vs_table litigation total (two rows): expected 46, actual 48"),
    "xinchun-2024-text-none-received.txt": (
        seed_text(variant(S, {rq(r, c): "1" for r in ("new_received", "granted", "processed_total")
                              for c in ("natural_person", "total")})),
        "text.vs_table requests.new_received.total: expected 1, actual 0 (未收到过信息公开申请)"),
    "huaian-city-2024-blank-total.txt": (
        huaian_text(variant(H, {rq(r, "total"): "" for r in REQ_ROWS})),
        "总计 column blank: not_assessable (warning) for every requests.row_total, for balance and results_total "
        "on column total, and for the four text statements on total; structure.blank_cells warning; no error"),
    "huaian-city-2024-slash-regulations.txt": (
        huaian_text(variant(H, {("proactive", "regulations", c): "/" for c in ("issued", "repealed", "in_force")}),
                    [p.replace("全年新增公开市政府规章 1 件、", "") for p in HUAIAN_OVERVIEW]),
        "structure.blank_cells proactive, 3 cells: info"),
    "xinchun-2024-missing-table.txt": (
        seed_text(S, drop="政府信息公开行政复议、行政诉讼情况"),
        "structure.missing_table review_litigation: error, record partial"),
    "xinchun-2024-missing-section.txt": (
        seed_text(S, drop_part5=True), "structure.missing_section part 5: warning"),
    "cross-year-huaian/huaian-city-2024.txt": (huaian_text(H), "with its year before: no finding"),
    "cross-year-huaian/huaian-city-2023.txt": (huaian_2023(34, 84), "invented year before, every identity holds"),
    "cross-year-huaian-planted/a-huaian-city-2024.txt": (
        huaian_text(H), "cross_year.carry natural_person and total 33/34; cross_year.in_force normative_documents 62/66"),
    "cross-year-huaian-planted/b-huaian-city-2023.txt": (
        huaian_2023(33, 80), "year before printing 33 carried forward and 80 normative documents in force"),
}


def main():
    if not os.path.exists(SEED):
        sys.exit("run from the repository root")
    for name, (text, what) in CASES.items():
        path = os.path.join(OUT, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode("utf-8")
        if os.path.exists(path) and open(path, "rb").read() == data:
            continue
        with open(path, "wb") as f:
            f.write(data)
        print(f"wrote {path}: {what}")


if __name__ == "__main__":
    main()
