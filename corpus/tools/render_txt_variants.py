#!/usr/bin/python3
"""Writes the normalizer's text documents (corpus/txt/) from truth files, and their manifest rows.

  huaian-city-2024.tsv.txt              the report as a browser copies a web page: tab-separated rows,
                                        a merged cell printed once; the title over two lines
  huaian-city-2024.traditional.txt      the same in traditional characters (ICU uconv
                                        Simplified-Traditional), full-width digits, 「」 quotes: a
                                        mirror site's copy (same record but `raw`)
  huaian-city-2024-label-variants.txt   the seed's shape (one cell per line) with the label variants
                                        real reports print: a typo, lost and other enumerators (一. 1、
                                        4． ⑤ （7） 8）), a merged label cell holding group and leaf, the
                                        tall 三、本年度办理结果 broken into characters, a group label
                                        without its number, a leaf wrapped over two cells, spaces inside
                                        labels (规 章, 总\u3000计, NBSP), 「」 quotes, full-width digits,
                                        parts numbered 第二部分 / （三） / 第四部分 / 五、…。 run on, the
                                        review figures wrapped over two lines, a note under a table, a
                                        fee table in part six
  shanghai-office-2022-table2-2019.txt  the 2019 tables (table 2 with 本年增/减, 251000元; the single
                                        （六）其他处理 row) in a report for 2022, numbering 1、 and
                                        （1）, tab-separated rows

Run by hand from the repository root: /usr/bin/python3 corpus/tools/render_txt_variants.py
Needs `uconv` (icu-devtools). Deterministic.
"""
import os
import subprocess

import truthlib as T

OUT = os.path.join(T.CORPUS, "txt")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def fig(t, key):
    return t["figures"][key]


def req(t, row):
    return [fig(t, f"requests.{row}.{c}") for c in T.REQ_COLS]


def review15(t):
    return [fig(t, f"review_litigation.{r}.{c}") for r in T.RL_ROWS for c in T.RL_COLS]


def part(t, key):
    return t["sections"][key]


# ----- huaian-city-2024 as tab-separated rows ------------------------------------------------------

def tsv_document(t):
    agency = t["agency"]
    title = t["title"]
    H = lambda key: T.heading(t, key)
    L = (t["body_title"] if "body_title" in t else [agency, title[len(agency):]]) + [""] + t["preamble"]
    L += [H("overview"), *part(t, "overview"), H("proactive")]
    subtables = [("第二十条第（一）项", ["issued", "repealed", "in_force"], ["regulations", "normative_documents"]),
                 ("第二十条第（五）项", ["decisions"], ["licensing"]),
                 ("第二十条第（六）项", ["decisions"], ["penalty", "coercion"]),
                 ("第二十条第（八）项", ["amount"], ["fees"])]
    for marker, cols, rows in subtables:
        L.append(marker)
        L.append("\t".join(["信息内容"] + [T.PRO_COL_LABELS[c] for c in cols]))
        for r in rows:
            L.append("\t".join([T.PRO_ROW_LABELS[r]] + [fig(t, f"proactive.{r}.{c}") for c in cols]))
    L += [H("requests"),
          "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况",
          "自然人\t法人或其他组织\t总计",
          "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他"]
    seen = set()
    for row, l1, l2, l3 in T.request_layout(False):
        # A merged cell is printed in the first row it spans only.
        labels = [x for x in (l1, l2, l3) if x and x not in seen]
        seen.update(x for x in (l1, l2) if x)
        L.append("\t".join(labels + req(t, row)))
    L += [H("review_litigation"),
          "行政复议\t行政诉讼",
          "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉",
          "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2),
          "\t".join(review15(t)),
          H("problems"), *part(t, "problems"), H("other"), *part(t, "other")]
    return "\n".join(L) + "\n"


def traditional(text):
    out = subprocess.run(["uconv", "-f", "utf-8", "-t", "utf-8", "-x", "Simplified-Traditional"],
                         input=text.encode(), capture_output=True, check=True).stdout.decode()
    return out.translate(FULL_WIDTH).replace("“", "「").replace("”", "」")


# ----- huaian-city-2024-label-variants in the seed's shape -----------------------------------------

def cells(row):
    """One row in the seed's shape: each cell on its own line, tab-indented; a blank line after."""
    return ["\t" + c for c in row] + [""]


REQUEST_VARIANTS = {
    "new_received": ["一.本年新收政府信息公开申请数量"],
    "carried_over": ["二、上年度结转政府信息公开申请数量"],
    # The tall merged label as a PDF text layer yields it: one character per line.
    "granted": ["三、", "（一）予以公开"],
    "partially_granted": ["本", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"],
    # A merged label cell holding its group and its leaf.
    "withheld_state_secret": ["年", "（三）不予公开1.属于国家秘密"],
    "withheld_prohibited_by_law": ["度", "2.其他法律行政止公开"],  # a typo real reports print
    "withheld_security_stability": ["办", "3、危及「三安全一稳定」"],
    "withheld_third_party": ["理", "４．保护第三方合法权益"],
    "withheld_internal_affairs": ["结", "⑤属于三类内部事务信息"],
    "withheld_process_info": ["果", "属于四类过程性信息"],  # the enumerator lost
    "withheld_enforcement_file": ["", "（7）属于行政执法案卷"],
    "withheld_query_matter": ["", "8）属于行政查询事项"],
    "unavailable_not_held": ["", "无法提供", "本机关不掌握相关政府信息"],  # no enumerators at all
    "unavailable_needs_creation": ["", "", "没有现成信息需要\u00a0另行制作"],
    "unavailable_unclear": ["", "", "补正后申请内容仍不明确"],
    "not_processed_complaint": ["", "（五）不予处理", "1.信访举报投诉类申请"],
    "not_processed_repeated": ["", "", "2.重复申请"],
    "not_processed_publication": ["", "", "3.要求提供公开出版物"],
    "not_processed_excessive": ["", "", "4.无正当理由大量反复申请"],
    "not_processed_confirmation": ["", "", "5.要求行政机关确认或重新出具已获取信息"],
    # A long label wrapped over two cells.
    "other_overdue_correction": ["", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关", "不再处理其政府信息公开申请"],
    "other_unpaid_fee": ["", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"],
    "other_other": ["", "", "3.其他"],
    "processed_total": ["", "（七）总\u3000计"],
    "carried_forward": ["四、结转下年度继续办理"],
}


def variants_document(t):
    L = [t["title"], "", *t["preamble"], "", T.SECTION_HEADINGS["overview"], *part(t, "overview"), "",
         "第二部分 主动公开政府信息情况"]
    p = lambda r, c: fig(t, f"proactive.{r}.{c}")
    L += cells(["第二十条第（一）项"]) + cells(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])
    L += cells(["规 章", p("regulations", "issued").translate(FULL_WIDTH), p("regulations", "repealed"),
                p("regulations", "in_force")])
    L += cells(["行政规范性文件", p("normative_documents", "issued"), p("normative_documents", "repealed"),
                p("normative_documents", "in_force").translate(FULL_WIDTH)])
    for marker, rows in (("第二十条第（五）项", ["licensing"]), ("第二十条第（六）项", ["penalty", "coercion"])):
        L += cells([marker]) + cells(["信息内容", "本年处理决定数量"])
        for r in rows:
            L += cells([T.PRO_ROW_LABELS[r], p(r, "decisions")])
    L += cells(["第二十条第（八）项"]) + cells(["信息内容", "本年收费金额（单位：万元）"])
    L += cells(["行政事业性收费", p("fees", "amount")])
    L += ["", "（三）收到和处理政府信息公开申请情况"]
    L += cells(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"])
    L += cells(["", "自然人", "法人或其他组织", "总 计"])
    L += cells(["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""])
    for row in T.request_rows(False):
        values = req(t, row)
        if row == "new_received":
            values = [v.translate(FULL_WIDTH) for v in values]
        L += cells(REQUEST_VARIANTS[row] + values)
    L += cells(["注：本表数据包含上年度结转的申请。"])
    L += ["", "第四部分 政府信息公开行政复议、行政诉讼情况"]
    L += cells(["行政复议", "行政诉讼"])
    L += cells(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"])
    L += cells(["", "", "", "", "", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正",
                "其他结果", "尚未审结", "总计"])
    L += cells(review15(t)[:8]) + cells(review15(t)[8:])  # the 15 figures wrapped over two lines
    problems = part(t, "problems")
    other = part(t, "other")
    L += ["", "五、存在的主要问题及改进情况。" + problems[0], *problems[1:], "", T.SECTION_HEADINGS["other"], other[0]]
    # A fee table in part six: none of the three tables, never read as one.
    L += cells(["收费项目", "金额（元）"]) + cells(["信息处理费", "3940"]) + cells(["合计", "3940"])
    L += ["", *other[1:]]
    return "\n".join(L) + "\n"


# ----- shanghai-office-2022-table2-2019: the 2019 tables in a 2022 report ---------------------------

def table2_2019_document(t):
    L = [t["title"], *t["preamble"], T.SECTION_HEADINGS["overview"], *part(t, "overview"),
         T.SECTION_HEADINGS["proactive"]]
    subtables = [("第二十条第（一）项", ["made", "published", "published_total"], ["regulations", "normative_documents"]),
                 ("第二十条第（五）项", ["previous_items", "change", "decisions"], ["licensing", "other_services"]),
                 ("第二十条第（六）项", ["previous_items", "change", "decisions"], ["penalty", "coercion"]),
                 ("第二十条第（八）项", ["previous_items", "change"], ["fees"]),
                 ("第二十条第（九）项", ["procurement_items", "procurement_amount"], ["procurement"])]
    for marker, cols, rows in subtables:
        L.append(marker)
        L.append("\t".join(["信息内容"] + [T.PRO_COL_LABELS_2019[c] for c in cols]))
        for r in rows:
            L.append("\t".join([T.PRO_ROW_LABELS_2019[r]] + [fig(t, f"proactive.{r}.{c}") for c in cols]))
    # Every row on the table's grid of 3 label and 7 figure columns (a merged cell's slots empty).
    L += [T.SECTION_HEADINGS["requests"],
          "\t".join(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况"] + [""] * 6),
          "\t".join(["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"]),
          "\t".join(["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""])]
    seen = set()
    for row, l1, l2, l3 in T.request_layout(True):
        labels = [x if x and x not in seen else "" for x in (l1, l2, l3)]
        seen.update(x for x in (l1, l2) if x)
        if l3:
            labels[2] = l3.replace(".", "、", 1)  # 1、 numbering
        if row == "withheld_third_party":
            labels[2] = "（4）保护第三方合法权益"
        L.append("\t".join(labels + req(t, row)))
    L += [T.SECTION_HEADINGS["review_litigation"],
          "\t".join(["行政复议"] + [""] * 4 + ["行政诉讼"] + [""] * 9),
          "\t".join([""] * 5 + ["未经复议直接起诉"] + [""] * 4 + ["复议后起诉"] + [""] * 4),
          "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3),
          "\t".join(review15(t)),
          T.SECTION_HEADINGS["problems"], *part(t, "problems"), T.SECTION_HEADINGS["other"], *part(t, "other")]
    return "\n".join(L) + "\n"


DOCUMENTS = [
    ("huaian-city-2024.tsv.txt", "huaian-city-2024", tsv_document,
     "tab-separated rows as a browser copies the page; merged cells once; title over two lines"),
    ("huaian-city-2024.traditional.txt", "huaian-city-2024", lambda t: traditional(tsv_document(t)),
     "the .tsv.txt in traditional characters with full-width digits and 「」 quotes (a mirror site's copy)"),
    ("huaian-city-2024-label-variants.txt", "huaian-city-2024-label-variants", variants_document,
     "seed shape; label typo, lost/other enumerators, merged and wrapped label cells, tall label in "
     "characters, spaces in labels, 第二部分/（三） headings, review figures over two lines, fee table in part six"),
    ("testcity-2025-split-title.tsv.txt", "testcity-2025-split-title", tsv_document,
     "title over two lines (测试市2025年 / 政府信息公开工作年度报告); headings 因政府信息公开工作被申请行政复议和提起"
     "行政诉讼情况 and 存在的主要问题及整改措施; tab-separated rows"),
    ("shanghai-office-2022-table2-2019.txt", "shanghai-office-2022-table2-2019", table2_2019_document,
     "2019 tables in a 2022 report as tab-separated rows on a common grid; numbering 1、 and （4）"),
]


def update_manifest(rows):
    """Replaces the manifest rows of these documents only (other txt documents keep theirs)."""
    mine = {r[0] for r in rows}
    with open(T.MANIFEST, encoding="utf-8") as f:
        kept = [tuple(line.split("\t")) for line in f.read().splitlines()[1:] if line]
    kept = [r for r in kept if r[0] not in mine]
    with open(T.MANIFEST, "w", encoding="utf-8") as f:
        f.write(T.MANIFEST_HEADER)
        for r in sorted(kept + rows):
            f.write("\t".join(r) + "\n")


def main():
    rows = []
    for name, case, render, note in DOCUMENTS:
        path = os.path.join(OUT, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(render(T.load(case)))
        rows.append((f"corpus/txt/{name}", case, note))
        print(path)
    update_manifest(rows)


if __name__ == "__main__":
    main()
