#!/usr/bin/python3
"""Writes corpus/truth/<case>.json: the real base cases (base_cases.py) and their variations.

A variation either keeps every identity of the format (a different layout of the same facts) or
breaks one on purpose; what a broken one must make the validator say is listed under `planted`.
Run by hand: /usr/bin/python3 corpus/tools/make_truth.py. Deterministic.
"""
import copy

import base_cases
import truthlib as T


def finding(rule, table, row, col, expected, actual):
    return {"rule": rule, "table": table, "row": row, "col": col, "expected": expected, "actual": actual}


def variant(base, case, variation):
    t = copy.deepcopy(base)
    t["case"] = case
    t["derived_from"] = base["case"]
    t["variation"] = variation
    t["origin"] = f"variation of {base['case']}"
    return t


def huaian_variants(b):
    out = []
    t = variant(b, "huaian-city-2024-blank-total", "总计 column of requests left blank in the result rows "
                "(as real reports do); the four rows the balance needs keep their totals")
    for r in T.request_rows(False):
        if r not in ("new_received", "carried_over", "processed_total", "carried_forward"):
            t["figures"][f"requests.{r}.total"] = ""
    out.append(t)

    t = variant(b, "huaian-city-2024-mixed", "mixed template: the 2021 tables with the 2019 single "
                "（六）其他处理 row (the sum of the three 2021 rows, so every identity holds)")
    t["template"] = "mixed"
    for c in T.REQ_COLS:
        s = sum(T.num(b, f"requests.{r}.{c}") for r, _ in T.OTHER_2021)
        t["figures"][f"requests.other_processing.{c}"] = str(s)
        for r, _ in T.OTHER_2021:
            del t["figures"][f"requests.{r}.{c}"]
    out.append(t)

    t = variant(b, "huaian-city-2024-text-mismatch", "the narrative says 行政复议134件 where the table "
                "prints 351 (planted text.vs_table)")
    ov = t["sections"]["overview"]
    i = next(i for i, p in enumerate(ov) if "行政复议351件" in p)
    ov[i] = ov[i].replace("行政复议351件", "行政复议134件")
    t["planted"] = [finding("text.vs_table", "review_litigation", "review", "total", 351, 134)]
    out.append(t)

    t = variant(b, "huaian-city-2024-decimal-fee", "the fee amount printed with three decimals (4068.208 万元)")
    t["figures"]["proactive.fees.amount"] = "4068.208"
    out.append(t)

    t = variant(b, "huaian-city-2024-blank-orgs", "the 科研机构 and 社会公益组织 columns (all 0 in the "
                "original) left blank, as many reports leave unused organisation columns")
    for r in T.request_rows(False):
        for c in ("research", "social_welfare"):
            t["figures"][f"requests.{r}.{c}"] = ""
    out.append(t)

    t = variant(b, "huaian-city-2024-requests-image", "table requests published only as a screenshot "
                "image: its figures cannot be read from the document")
    t["omitted_tables"] = ["requests"]
    for k in list(t["figures"]):
        if k.startswith("requests."):
            del t["figures"][k]
    t["planted"] = [finding("structure.missing_table", "requests", None, None, None, None)]
    out.append(t)

    t = variant(b, "huaian-city-2024-label-variants", "the figures as real reports print them (thousands "
                "separators, units in the cell: 1,288 / 447,228 / 0件 / 88283件 / 96171.6万元); a title without "
                "its year (the statistics period names it); a signature and publication date after part six "
                "(the normalizer's label-variant case, rendered by render_txt_variants.py)")
    t["title"] = "淮安市人民政府政务公开工作年度报告"
    t["preamble"] = [p.replace("报告所列统计期限自2024年1月1日至2024年12月31日。",
                               "本报告所列统计数据期限自2024年1月1日起至12月31日止。") for p in t["preamble"]]
    t["figures"].update({"requests.granted.natural_person": "1,288", "proactive.licensing.decisions": "447,228",
                         "proactive.penalty.decisions": "3,985,758", "proactive.coercion.decisions": "88283件",
                         "proactive.regulations.repealed": "0件", "proactive.fees.amount": "96171.6万元"})
    for c in T.REQ_COLS:
        t["figures"][f"requests.not_processed_publication.{c}"] = "0件"
    t["sections"]["other"] = t["sections"]["other"] + ["淮安市人民政府办公室", "2025年1月20日"]
    out.append(t)

    t = variant(b, "huaian-city-2024-unplaced-heading", "part five printed under a heading of its own words "
                "(五、工作中的不足与下一步打算) that is none of the part's headings nor close to one: the record "
                "has no part problems, and the missing part's warning quotes the heading seen")
    t["headings"] = {"problems": "五、工作中的不足与下一步打算"}
    out.append(t)
    return out


def xinchun_variants(b):
    out = []
    t = variant(b, "xinchun-2024-review-broken", "行政复议 row printed 10/1/0/0 with 总计 0 (planted "
                "review_litigation.total)")
    t["figures"]["review_litigation.review.upheld"] = "10"
    t["figures"]["review_litigation.review.corrected"] = "1"
    t["planted"] = [finding("review_litigation.total", "review_litigation", "review", None, 11, 0)]
    out.append(t)

    t = variant(b, "xinchun-2024-slash-regulations", "a street office without rule-making power prints "
                "/ across the 规章 row")
    for c in ("issued", "repealed", "in_force"):
        t["figures"][f"proactive.regulations.{c}"] = "/"
    out.append(t)

    t = variant(b, "xinchun-2024-title-without-agency", "the body prints its title without the agency "
                "(2024年政府信息公开工作年度报告), as real portal pages do: the agency is read from the page "
                "around it (<meta name=\"ArticleTitle\">, the title block, <title>); part four under a misspelt "
                "heading (行政法复议), part five under 存在的主要问题及改进措施")
    t["title"] = "2024年政府信息公开工作年度报告"
    t["headings"] = {"review_litigation": "四、政府信息公开行政法复议、行政诉讼情况",
                     "problems": "五、存在的主要问题及改进措施"}
    out.append(t)
    return out


def shanghai_variants(b):
    out = []
    t = variant(b, "shanghai-office-2019-filled", "the blank cells of the original filled: 0 in the "
                "applicant columns, the row sums in 总计 (every identity holds)")
    for r in T.request_rows(True):
        for c in T.REQ_COLS[:-1]:
            if t["figures"][f"requests.{r}.{c}"] == "":
                t["figures"][f"requests.{r}.{c}"] = "0"
        s = sum(T.num(t, f"requests.{r}.{c}") for c in T.REQ_COLS[:-1])
        t["figures"][f"requests.{r}.total"] = str(s)
    for r in T.RL_ROWS:
        for c in T.RL_COLS:
            if t["figures"][f"review_litigation.{r}.{c}"] == "":
                t["figures"][f"review_litigation.{r}.{c}"] = "0"
    out.append(t)

    t = variant(t, "shanghai-office-2019-change", "2019 本年增/减 column written 减4 / 增3 / -4 / +3 with "
                "上一年项目数量 and 处理决定数量 filled in (numbers invented for the variation; no identity "
                "of the format ties them)")
    t["derived_from"] = "shanghai-office-2019-filled"
    t["origin"] = "variation of shanghai-office-2019-filled"
    upd = {"licensing": ("126", "减4", "122"), "other_services": ("7", "增3", "10"),
           "penalty": ("35", "+3", "38"), "coercion": ("12", "-4", "8")}
    for row, (p, ch, d) in upd.items():
        t["figures"][f"proactive.{row}.previous_items"] = p
        t["figures"][f"proactive.{row}.change"] = ch
        t["figures"][f"proactive.{row}.decisions"] = d
    t["figures"]["proactive.fees.previous_items"] = "5"
    t["figures"]["proactive.fees.change"] = "0"
    out.append(t)

    t = variant(t, "shanghai-office-2022-table2-2019", "the 2019 tables kept in a report for 2022 (title and "
                "statistics period say 2022): the labels, not the year, decide the template")
    t["derived_from"] = "shanghai-office-2019-change"
    t["origin"] = "variation of shanghai-office-2019-change"
    t["title"] = t["title"].replace("2019年", "2022年")
    t["year"] = 2022
    t["preamble"] = [p.replace("统计期限从2019年1月1日到12月31日止", "统计期限从2022年1月1日到12月31日止")
                     for p in t["preamble"]]
    out.append(t)
    return out


def testcity_variants(b):
    out = []
    t = variant(b, "testcity-2025-balance-broken", "结转下年度继续办理 of 自然人 printed 793 for 783 and its "
                "总计 829 for 819 (row total kept): the balance breaks in two columns")
    t["figures"]["requests.carried_forward.natural_person"] = "793"
    t["figures"]["requests.carried_forward.total"] = "829"
    t["planted"] = [finding("requests.balance", "requests", None, "natural_person", 14147, 14157),
                    finding("requests.balance", "requests", None, "total", 14629, 14639)]
    out.append(t)

    t = variant(b, "testcity-2025-results-broken", "（七）总计 of 商业企业 printed 258 for 252 and its 总计 "
                "13816 for 13810: results and balance break in two columns")
    t["figures"]["requests.processed_total.commercial"] = "258"
    t["figures"]["requests.processed_total.total"] = "13816"
    t["planted"] = [finding("requests.balance", "requests", None, "commercial", 258, 264),
                    finding("requests.balance", "requests", None, "total", 14629, 14635),
                    finding("requests.results_total", "requests", None, "commercial", 252, 258),
                    finding("requests.results_total", "requests", None, "total", 13810, 13816)]
    out.append(t)

    t = variant(b, "testcity-2025-row-total-broken", "总计 of （一）予以公开 printed 5584 for 5548 (two digits "
                "swapped): the row total and the total column's results break")
    t["figures"]["requests.granted.total"] = "5584"
    t["planted"] = [finding("requests.row_total", "requests", "granted", None, 5548, 5584),
                    finding("requests.results_total", "requests", None, "total", 13846, 13810)]
    out.append(t)

    t = variant(b, "testcity-2025-text-mismatch", "a sentence added to the narrative: 全年共收到政府信息公开"
                "申请14096件 where the table prints 14069 (planted text.vs_table)")
    t["sections"]["overview"][2] = "（二）依申请公开。规范办理程序。全年共收到政府信息公开申请14096件。"
    t["planted"] = [finding("text.vs_table", "requests", "new_received", "total", 14069, 14096)]
    out.append(t)

    t = variant(b, "testcity-2025-split-title", "the body prints its title over two paragraphs (agency and "
                "year, then 政府信息公开工作年度报告), as real portal pages do; part four under the pre-2019 "
                "wording (因政府信息公开工作被申请行政复议和提起行政诉讼情况), part five under 存在的主要问题及整改措施")
    t["body_title"] = ["测试市2025年", "政府信息公开工作年度报告"]
    t["headings"] = {"review_litigation": "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况",
                     "problems": "五、存在的主要问题及整改措施"}
    out.append(t)
    return out


def main():
    xin, hua, sha, tc = (f() for f in base_cases.BASES)
    cases = [xin, hua, sha, tc]
    cases += xinchun_variants(xin) + huaian_variants(hua) + shanghai_variants(sha) + testcity_variants(tc)
    table_rules = ("requests.balance", "requests.results_total", "requests.row_total", "review_litigation.total")
    key = lambda x: (x["rule"], str(x["row"]), str(x["col"]))
    for t in cases:
        # A truth's broken identities must be exactly its planted table findings.
        planted = [p for p in t["planted"] if p["rule"] in table_rules]
        if sorted(T.identity_failures(t), key=key) != sorted(planted, key=key):
            raise ValueError(f"{t['case']}: identities broken {T.identity_failures(t)} but planted {planted}")
        print(T.save(t))
    # The seed itself is a corpus document whose truth is its base case.
    T.update_manifest("txt", [("corpus/txt/000_c2afdc98611f7d7b.txt", "xinchun-2024",
                               "the original seed: text copied from the web page")])


if __name__ == "__main__":
    main()
