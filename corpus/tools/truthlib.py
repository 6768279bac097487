"""Ground-truth descriptions of corpus reports: the ids, the layouts and reading/writing truth files.

A truth file (corpus/truth/<case>.json) describes one report as printed; corpus/README.md documents
the format. Everything here is standard library only: the generators are run by hand, never in CI.
"""
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)
TRUTH_DIR = os.path.join(CORPUS, "truth")

SECTION_KEYS = ["overview", "proactive", "requests", "review_litigation", "problems", "other"]
SECTION_HEADINGS = {
    "overview": "一、总体情况",
    "proactive": "二、主动公开政府信息情况",
    "requests": "三、收到和处理政府信息公开申请情况",
    "review_litigation": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other": "六、其他需要报告的事项",
}



def heading(truth, key):
    """The heading a truth's report prints for part `key`: its own (`headings`, a variant real
    reports print) or the official one."""
    return truth.get("headings", {}).get(key, SECTION_HEADINGS[key])


def body_title(truth):
    """The paragraphs the report prints its title in (`body_title`: split over lines, or without its
    agency); by default the title on one line."""
    return truth.get("body_title", [truth["title"]])


# --- table requests ---------------------------------------------------------------------------
REQ_COLS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]
REQ_COL_LABELS = {
    "natural_person": "自然人", "commercial": "商业企业", "research": "科研机构",
    "social_welfare": "社会公益组织", "legal_service": "法律服务机构", "other_org": "其他", "total": "总计",
}
WITHHELD = [("withheld_state_secret", "属于国家秘密"), ("withheld_prohibited_by_law", "其他法律行政法规禁止公开"),
            ("withheld_security_stability", "危及“三安全一稳定”"), ("withheld_third_party", "保护第三方合法权益"),
            ("withheld_internal_affairs", "属于三类内部事务信息"), ("withheld_process_info", "属于四类过程性信息"),
            ("withheld_enforcement_file", "属于行政执法案卷"), ("withheld_query_matter", "属于行政查询事项")]
UNAVAILABLE = [("unavailable_not_held", "本机关不掌握相关政府信息"),
               ("unavailable_needs_creation", "没有现成信息需要另行制作"),
               ("unavailable_unclear", "补正后申请内容仍不明确")]
NOT_PROCESSED = [("not_processed_complaint", "信访举报投诉类申请"), ("not_processed_repeated", "重复申请"),
                 ("not_processed_publication", "要求提供公开出版物"),
                 ("not_processed_excessive", "无正当理由大量反复申请"),
                 ("not_processed_confirmation", "要求行政机关确认或重新出具已获取信息")]
OTHER_2021 = [("other_overdue_correction", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
              ("other_unpaid_fee", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
              ("other_other", "其他")]

# The layout of table requests as printed: (row id, level-1 label, level-2 label, level-3 label).
# A None level is covered by a merged cell of the level above.
def request_layout(single_other):
    rows = [("new_received", "一、本年新收政府信息公开申请数量", None, None),
            ("carried_over", "二、上年结转政府信息公开申请数量", None, None),
            ("granted", "三、本年度办理结果", "（一）予以公开", None),
            ("partially_granted", "三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None)]
    for i, (rid, lab) in enumerate(WITHHELD):
        rows.append((rid, "三、本年度办理结果", "（三）不予公开", f"{i + 1}.{lab}"))
    for i, (rid, lab) in enumerate(UNAVAILABLE):
        rows.append((rid, "三、本年度办理结果", "（四）无法提供", f"{i + 1}.{lab}"))
    for i, (rid, lab) in enumerate(NOT_PROCESSED):
        rows.append((rid, "三、本年度办理结果", "（五）不予处理", f"{i + 1}.{lab}"))
    if single_other:
        rows.append(("other_processing", "三、本年度办理结果", "（六）其他处理", None))
    else:
        for i, (rid, lab) in enumerate(OTHER_2021):
            rows.append((rid, "三、本年度办理结果", "（六）其他处理", f"{i + 1}.{lab}"))
    rows.append(("processed_total", "三、本年度办理结果", "（七）总计", None))
    rows.append(("carried_forward", "四、结转下年度继续办理", None, None))
    return rows


def request_rows(single_other):
    return [r[0] for r in request_layout(single_other)]

# --- table review_litigation ---------------------------------------------------------------------
RL_ROWS = ["review", "litigation_direct", "litigation_after_review"]
RL_COLS = ["upheld", "corrected", "other", "pending", "total"]
RL_COL_LABELS = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结", "total": "总计"}

# --- table proactive -----------------------------------------------------------------------------
PRO_2021 = [("regulations", ["issued", "repealed", "in_force"]),
            ("normative_documents", ["issued", "repealed", "in_force"]),
            ("licensing", ["decisions"]), ("penalty", ["decisions"]), ("coercion", ["decisions"]),
            ("fees", ["amount"])]
PRO_2019 = [("regulations", ["made", "published", "published_total"]),
            ("normative_documents", ["made", "published", "published_total"]),
            ("licensing", ["previous_items", "change", "decisions"]),
            ("other_services", ["previous_items", "change", "decisions"]),
            ("penalty", ["previous_items", "change", "decisions"]),
            ("coercion", ["previous_items", "change", "decisions"]),
            ("fees", ["previous_items", "change"]),
            ("procurement", ["procurement_items", "procurement_amount"])]
PRO_ROW_LABELS = {"regulations": "规章", "normative_documents": "行政规范性文件", "licensing": "行政许可",
                  "other_services": "其他对外管理服务事项", "penalty": "行政处罚", "coercion": "行政强制",
                  "fees": "行政事业性收费", "procurement": "政府集中采购"}
PRO_ROW_LABELS_2019 = dict(PRO_ROW_LABELS, normative_documents="规范性文件")
PRO_COL_LABELS = {"issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数",
                  "decisions": "本年处理决定数量", "amount": "本年收费金额（单位：万元）",
                  "made": "本年新制作数量", "published": "本年新公开数量", "published_total": "对外公开总数量",
                  "previous_items": "上一年项目数量", "change": "本年增/减",
                  "procurement_items": "采购项目数量", "procurement_amount": "采购总金额"}
PRO_COL_LABELS_2019 = dict(PRO_COL_LABELS, decisions="处理决定数量")


def proactive_layout(template):
    return PRO_2019 if template == "2019" else PRO_2021


def single_other(template):
    """2019 and mixed reports print the single （六）其他处理 row."""
    return template in ("2019", "mixed")


def figure_keys(template):
    keys = []
    for row, cols in proactive_layout(template):
        keys += [f"proactive.{row}.{c}" for c in cols]
    keys += [f"requests.{r}.{c}" for r in request_rows(single_other(template)) for c in REQ_COLS]
    keys += [f"review_litigation.{r}.{c}" for r in RL_ROWS for c in RL_COLS]
    return keys


def load(case):
    with open(os.path.join(TRUTH_DIR, case + ".json"), encoding="utf-8") as f:
        return json.load(f)


def save(truth):
    """Writes a truth file, checking it against its template first."""
    check(truth)
    truth["figures"] = {k: truth["figures"][k] for k in figure_keys(truth["template"]) if k in truth["figures"]}
    path = os.path.join(TRUTH_DIR, truth["case"] + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return path


def check(truth):
    keys = figure_keys(truth["template"])
    omitted = set(truth.get("omitted_tables", []))
    want = [k for k in keys if k.split(".")[0] not in omitted]
    have = list(truth["figures"].keys())
    if sorted(have) != sorted(want):
        missing = sorted(set(want) - set(have))
        extra = sorted(set(have) - set(want))
        raise ValueError(f"{truth['case']}: figures do not match template {truth['template']}: "
                         f"missing {missing[:5]} extra {extra[:5]}")
    for k in SECTION_KEYS:
        if k not in truth["sections"]:
            raise ValueError(f"{truth['case']}: section {k} absent")


# --- numbers as printed --------------------------------------------------------------------------
_NUM = re.compile(r"^([+-]?)(\d+(?:,\d{3})*(?:\.\d+)?)(件|元|万元|个)?$")


def value_of(raw):
    """The number a printed cell means, as the scorecard reads truth (documented in README)."""
    s = raw.strip()
    sign = 1
    if s.startswith("增"):
        s = s[1:]
    elif s.startswith("减"):
        s, sign = s[1:], -1
    m = _NUM.match(s)
    if not m:
        return None
    v = float(m.group(2).replace(",", ""))
    if m.group(1) == "-":
        sign = -sign
    v *= sign
    return int(v) if v == int(v) and "." not in m.group(2) else v


def num(truth, key):
    return value_of(truth["figures"][key])


def identity_failures(truth):
    """The table identities a truth breaks, as planted-finding dicts (checks the planted lists)."""
    if "requests" in truth.get("omitted_tables", []):
        req = None
    else:
        req = request_rows(single_other(truth["template"]))
    out = []
    f = truth["figures"]

    def v(k):
        return value_of(f[k]) if k in f else None

    def check(rule, table, row, col, exp_keys, act_keys):
        e = [v(k) for k in exp_keys]
        a = [v(k) for k in act_keys]
        if None in e or None in a:
            return
        se, sa = sum(e), sum(a)
        if abs(se - sa) > 1e-9:
            out.append({"rule": rule, "table": table, "row": row, "col": col, "expected": se, "actual": sa})

    if req:
        parts = [r for r in req if r not in ("new_received", "carried_over", "processed_total", "carried_forward")]
        for c in REQ_COLS:
            check("requests.balance", "requests", None, c,
                  [f"requests.new_received.{c}", f"requests.carried_over.{c}"],
                  [f"requests.processed_total.{c}", f"requests.carried_forward.{c}"])
        for c in REQ_COLS:
            check("requests.results_total", "requests", None, c, [f"requests.{r}.{c}" for r in parts],
                  [f"requests.processed_total.{c}"])
        for r in req:
            check("requests.row_total", "requests", r, None, [f"requests.{r}.{c}" for c in REQ_COLS[:-1]],
                  [f"requests.{r}.total"])
    for r in RL_ROWS:
        check("review_litigation.total", "review_litigation", r, None,
              [f"review_litigation.{r}.{c}" for c in RL_COLS[:-1]], [f"review_litigation.{r}.total"])
    return out


MANIFEST = os.path.join(TRUTH_DIR, "manifest.tsv")
MANIFEST_HEADER = "document\tcase\tlayout\n"


def update_manifest(folder, rows):
    """Replaces the manifest rows of documents under corpus/<folder>/ with `rows`
    [(document path from the repository root, case, layout note)], keeping the others, sorted."""
    kept = []
    if os.path.exists(MANIFEST):
        with open(MANIFEST, encoding="utf-8") as f:
            for line in f.read().splitlines()[1:]:
                if line and not line.startswith(f"corpus/{folder}/"):
                    kept.append(tuple(line.split("\t")))
    for doc, case, note in rows:
        load(case)  # the case must exist
        assert "\t" not in note and "\n" not in note
    allrows = sorted(kept + [tuple(r) for r in rows])
    with open(MANIFEST, "w", encoding="utf-8") as f:
        f.write(MANIFEST_HEADER)
        for r in allrows:
            f.write("\t".join(r) + "\n")
