#!/usr/bin/python3
"""Renders truth files to HTML pages the way government sites and crawlers serve them.

Page variants (`page`): "clean" (plain HTML5), "word" (Word-export markup: mso- styles, <o:p>,
nested <span>s, &nbsp; inside a content container among page chrome: nav, breadcrumbs, a list
of other reports, a footer with links). `container`: zoom | TRS_Editor | article-content.
Encodings (`encoding`): utf-8 | gbk-nodecl (GBK bytes, no declaration anywhere) | gb18030-meta |
gb2312-gbk (declared gb2312, holds GBK-only characters). `traditional`: the whole page through
ICU Simplified-Traditional (a mirror site). `nested`: the report's tables inside an outer layout
table. Layout options of the tables themselves are docmodel's (numbering, typos, spaced,
fullwidth, flatten).

Run by hand: /usr/bin/python3 corpus/tools/render_html.py  (writes corpus/html/ and the manifest)
"""
import html
import os
import re

import docmodel as D
import truthlib as T

OUT = os.path.join(T.CORPUS, "html")

# Characters in GBK but not in GB2312 (a page that declares gb2312 but was written by a GBK
# editor): a webmaster's name in the footer.
GBK_ONLY_FOOTER = "网站维护：李堃、王喆"


def esc(s):
    return html.escape(s, quote=False)


# ------------------------------------------------------------------------------------- clean --
def table_clean(t):
    out = ['<table border="1" cellspacing="0" cellpadding="4">']
    for row in t.rows:
        out.append("<tr>" + "".join(_td_clean(c) for c in row) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def _td_clean(c):
    attrs = ""
    if c.rowspan > 1:
        attrs += f' rowspan="{c.rowspan}"'
    if c.colspan > 1:
        attrs += f' colspan="{c.colspan}"'
    return f"<td{attrs}>{esc(c.text)}</td>"


# -------------------------------------------------------------------------------------- word --
_RUNS = re.compile(r"[0-9A-Za-z.%\-:/@]+|[^0-9A-Za-z.%\-:/@]+")


def word_runs(text, font="仿宋_GB2312", size="16.0pt"):
    """Text split into Word's runs: ASCII runs as lang=EN-US spans nested in the paragraph span."""
    parts = []
    for m in _RUNS.finditer(text):
        s = m.group(0)
        if s[0].isascii():
            parts.append(f"<span lang=EN-US>{esc(s)}</span>")
        else:
            parts.append(esc(s))
    return f"<span style='font-size:{size};font-family:{font};mso-hansi-font-family:\"Times New Roman\"'>{''.join(parts)}</span>"


def table_word(t):
    widths = {"proactive": 142, "requests": 52, "review_litigation": 38}
    w = widths[t.name]
    out = ["<div align=center>",
           "<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0 style='border-collapse:collapse;"
           "mso-table-layout-alt:fixed;border:none;mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184;"
           "mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>"]
    for i, row in enumerate(t.rows):
        out.append(f"<tr style='mso-yfti-irow:{i};height:22.5pt'>")
        for c in row:
            attrs = f" width={w * c.colspan}"
            if c.rowspan > 1:
                attrs += f" rowspan={c.rowspan}"
            if c.colspan > 1:
                attrs += f" colspan={c.colspan}"
            style = (f"width:{w * c.colspan * 0.75:.1f}pt;border:solid windowtext 1.0pt;mso-border-alt:solid "
                     "windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt;height:22.5pt")
            align = "left" if c.label else "center"
            if c.text.strip():
                inner = word_runs(c.text, "宋体", "10.5pt") + "<span lang=EN-US style='font-size:10.5pt'><o:p></o:p></span>"
            else:
                inner = "<span lang=EN-US style='font-size:10.5pt'><o:p>&nbsp;</o:p></span>"
            out.append(f"  <td{attrs} valign=middle style='{style}'><p class=MsoNormal align={align} "
                       f"style='text-align:{align};mso-line-height-rule:exactly'>{inner}</p></td>")
        out.append("</tr>")
    out.append("</table></div>")
    return "\n".join(out)


def para_word(text, indent=True):
    lead = "<span lang=EN-US style='font-size:16.0pt'><span style='mso-spacerun:yes'>&nbsp;&nbsp;&nbsp; </span></span>" if indent else ""
    return (f"<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;"
            f"mso-line-height-rule:exactly'>{lead}{word_runs(text)}<span lang=EN-US style='font-size:16.0pt'>"
            f"<o:p></o:p></span></p>")


def heading_word(text):
    return (f"<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt'><b><span style='font-size:16.0pt;"
            f"font-family:黑体;mso-hansi-font-family:\"Times New Roman\"'>{esc(text)}</span></b><b><span lang=EN-US "
            f"style='font-size:16.0pt'><o:p></o:p></span></b></p>")


# -------------------------------------------------------------------------------------- page --
def body(truth, opts):
    word = opts.get("page") == "word"
    parts = []
    tables = []
    for kind, x in D.blocks(truth, opts):
        if kind == "title":
            if word:
                parts.append(f"<p class=MsoNormal align=center style='text-align:center;line-height:36.0pt'><b><span "
                             f"style='font-size:22.0pt;font-family:方正小标宋简体'>{esc(x)}</span></b></p>")
            else:
                parts.append(f"<h1>{esc(x)}</h1>")
        elif kind == "p":
            parts.append(para_word(x) if word else f"<p>{esc(x)}</p>")
        elif kind == "heading":
            parts.append(heading_word(x) if word else f"<p><strong>{esc(x)}</strong></p>")
        elif kind == "image":
            parts.append(f'<p style="text-align:center"><img src="/u/cms/www/202501/{x}-table.png" '
                         f'width="640" alt="" border="0"></p>')
        elif kind == "table":
            tables.append(x)
            t = table_word(x) if word else table_clean(x)
            if opts.get("nested"):
                t = ("<table width=\"100%\" border=\"0\"><tr><td class=\"tdbg\">" + t +
                     "</td></tr><tr><td class=\"tdbg\">&nbsp;</td></tr></table>")
            parts.append(t)
    return "\n".join(parts)


CHROME_TOP = """<div class="top"><div class="logo"><a href="/">{site}</a></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul>
<form class="search" action="/search"><input type="text" name="q" value="请输入关键字"><input type="submit" value="搜索"></form></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; <a href="/zwgk/ndbg/">政府信息公开年报</a></div>
<div class="side"><h3>年度报告</h3><ul>
<li><a href="/zwgk/ndbg/2023.html">{prev}</a></li>
<li><a href="/zwgk/ndbg/2022.html">政府信息公开指南</a></li>
<li><a href="/zwgk/ndbg/2021.html">政府信息公开制度</a></li></ul></div>
<div class="main"><div class="article-title">{title}</div>
<div class="info">发布日期：{year1}-01-20　来源：{agency}　浏览次数：<span id="hits"></span>　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
"""
CHROME_BOTTOM = """</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a>　<a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="related"><h4>相关链接</h4><ul><li><a href="/zwgk/">政府信息公开目录</a></li><li><a href="/ysqgk/">依申请公开</a></li></ul></div>
<div class="footer"><p><a href="/about">关于我们</a> | <a href="/map">网站地图</a> | <a href="/contact">联系我们</a></p>
<p>主办单位：{agency}办公室　网站标识码：3208000001　ICP备案号：苏ICP备05000000号</p>
<p>{footer_extra}</p></div>
"""


def page(truth, opts):
    if opts.get("page") in ("trs-article", "ucap-article"):
        return portal_page(truth, opts)
    enc = opts.get("encoding", "utf-8")
    word = opts.get("page") == "word"
    meta = {"utf-8": '<meta charset="utf-8">', "gbk-nodecl": "",
            "gb18030-meta": '<meta http-equiv="Content-Type" content="text/html; charset=gb18030">',
            "gb2312-gbk": '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'}[enc]
    head = [f"<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">" if word else "<!DOCTYPE html>",
            "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\">" if word else '<html lang="zh-CN">',
            "<head>", meta, f"<title>{esc(truth['title'])}</title>"]
    if word:
        head.append("<style>\n<!--\np.MsoNormal, li.MsoNormal {mso-style-parent:\"\";margin:0cm;text-align:justify;"
                    "text-justify:inter-ideograph;mso-pagination:none;font-size:10.5pt;font-family:\"Times New Roman\";"
                    "mso-fareast-font-family:宋体;mso-font-kerning:1.0pt;}\n@page Section1 {size:595.3pt 841.9pt;}\n"
                    "div.Section1 {page:Section1;}\n-->\n</style>")
    head.append("</head>")
    content = body(truth, opts)
    if word:
        container = opts.get("container", "zoom")
        attr = 'id="zoom"' if container == "zoom" else f'class="{container}"'
        content = f"<div {attr}><div class=Section1 style='layout-grid:15.6pt'>\n{content}\n</div></div>"
        fmt = dict(site=truth["agency"], prev=f"{truth['year'] - 1}年政府信息公开工作年度报告",
                   title=esc(truth["title"]), year1=truth["year"] + 1, agency=esc(truth["agency"]),
                   footer_extra=GBK_ONLY_FOOTER if enc == "gb2312-gbk" else "建议使用1366×768分辨率浏览本站")
        content = CHROME_TOP.format(**fmt) + content + "\n" + CHROME_BOTTOM.format(**fmt)
    elif opts.get("container"):
        container = opts["container"]
        attr = 'id="zoom"' if container == "zoom" else f'class="{container}"'
        extra = f"<p>{GBK_ONLY_FOOTER}</p>" if enc == "gb2312-gbk" else ""
        content = (f'<div class="header"><a href="/">首页</a> &gt; <a href="/zwgk/">信息公开</a></div>\n'
                   f"<div {attr}>\n{content}\n</div>\n<div class=\"footer\"><a href=\"/about\">关于我们</a>{extra}</div>")
    elif enc == "gb2312-gbk":
        content += f"\n<p class=\"footer\">{GBK_ONLY_FOOTER}</p>"
    doc = "\n".join(head) + "\n<body>\n" + content + "\n</body>\n</html>\n"
    if opts.get("traditional"):
        doc = D.to_traditional(doc)
    codec = {"utf-8": "utf-8", "gbk-nodecl": "gbk", "gb18030-meta": "gb18030", "gb2312-gbk": "gbk"}[enc]
    return doc.encode(codec)


# ------------------------------------------------------------------------------ portal pages --
# A real portal's article page around the report, in the shape FETCH-NOTES.md describes (made
# here, not copied from a site): TRS WCM (`trs-article`: <meta name="ArticleTitle">, "PubDate",
# "ColumnName", a title block, <title> with the column and site after `_`, an info bar, a weather
# <iframe> from another host, a pdf.js viewer <iframe> whose source is an unfilled template,
# Word-export body in .TRS_Editor) or UCAP (`ucap-article`: #UCAP-CONTENT, no meta, `-` between
# title, column and site). Options: article_title (the title the page prints around the report;
# default the truth's), meta_title, pubdate (PubDate meta), title_block, info_date (the info
# bar's date, as printed), site, column.
PORTAL_TOP = """<div class="header"><div class="logo"><a href="/">{site}</a></div>
<div class="weather"><iframe src="http://tianqi.example.invalid/plugin/widget.html?city=101" width="180" height="30" frameborder="0" scrolling="no"></iframe></div>
<div class="login"><a href="logoutUrl">退出</a> <a href="javascript:;">无障碍</a></div></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政府信息公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; <a href="/zwgk/ndbg/">{column}</a></div>
<div class="con">
"""
PORTAL_BOTTOM = """<div class="pdfview" style="display:none"><iframe ms-attr-src="/pdfjs/web/viewer.html?file={{{{el.fileurl}}}}" width="100%" height="800"></iframe></div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a>　<a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="related"><h4>相关链接</h4><ul><li><a href="../202401/t20240118_1001.htm" title="{prev}">{prev}</a> 2024-01-18</li><li><a href="/zwgk/zn/">政府信息公开指南</a></li></ul></div>
<div class="footer"><p><a href="/about">关于我们</a> | <a href="/map">网站地图</a></p><p>主办：{site}办公室　网站标识码：2200000001</p></div>
"""


def portal_page(truth, opts):
    ucap = opts["page"] == "ucap-article"
    title = opts.get("article_title", truth["title"])
    site, column = opts.get("site", truth["agency"]), opts.get("column", "政府信息公开年报")
    head = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
            '<meta http-equiv="X-UA-Compatible" content="IE=edge">']
    if not ucap:
        head.append(f'<meta name="SiteName" content="{esc(site)}">')
        head.append(f'<meta name="ColumnName" content="{esc(column)}">')
        if opts.get("meta_title"):
            head.append(f'<meta name="ArticleTitle" content="{html.escape(title)}">')
        if opts.get("pubdate"):
            head.append(f'<meta name="PubDate" content="{opts["pubdate"]}">')
    sep = "-" if ucap else "_"
    page_title = opts.get("page_title", f"{title}{sep}{column}{sep}{site}")
    head += [f"<title>{esc(page_title)}</title>", "</head>"]
    inner = body(truth, dict(opts, page="word"))
    container = '<div id="UCAP-CONTENT">' if ucap else '<div class="TRS_Editor">'
    article = []
    if opts.get("title_block"):
        article.append(f'<div class="article-title"><h1>{esc(title)}</h1></div>')
    if opts.get("info_date"):
        article.append(f'<div class="info"><span>{esc(opts["info_date"])}</span>　<span>来源：{esc(site)}</span>　'
                       '<span>浏览次数：<em id="hits"></em></span>　<span>【字体：<a href="#">大</a> <a href="#">中</a> '
                       '<a href="#">小</a>】</span></div>')
    article.append(f"{container}<div class=Section1 style='layout-grid:15.6pt'>\n{inner}\n</div></div>")
    prev = f"{truth['year'] - 1}年政府信息公开工作年度报告"
    content = (PORTAL_TOP.format(site=esc(site), column=esc(column)) + "\n".join(article) + "\n" +
               PORTAL_BOTTOM.format(site=esc(site), prev=esc(prev)))
    return ("\n".join(head) + "\n<body>\n" + content + "</body>\n</html>\n").encode("utf-8")


# The corpus documents: (file name, case, options, layout note for the manifest).
DOCUMENTS = [
    ("huaian-city-2024.clean.html", "huaian-city-2024", {}, "clean UTF-8"),
    ("huaian-city-2024.word-zoom.html", "huaian-city-2024", {"page": "word", "container": "zoom"},
     "Word-export markup in #zoom with page chrome, UTF-8"),
    ("huaian-city-2024.gbk-nodecl.html", "huaian-city-2024", {"page": "word", "container": "TRS_Editor", "encoding": "gbk-nodecl"},
     "Word-export in .TRS_Editor, GBK without any charset declaration"),
    ("huaian-city-2024.gb18030.html", "huaian-city-2024", {"encoding": "gb18030-meta"}, "clean, GB18030 with meta charset"),
    ("huaian-city-2024.traditional.html", "huaian-city-2024", {"traditional": True, "container": "article-content"},
     "traditional-script mirror (ICU Simplified-Traditional), UTF-8"),
    ("huaian-city-2024.traditional-gb2312.html", "huaian-city-2024",
     {"traditional": True, "page": "word", "container": "zoom", "encoding": "gb2312-gbk"},
     "traditional-script mirror, declared gb2312 but GBK bytes with GBK-only characters"),
    ("huaian-city-2024.fullwidth.html", "huaian-city-2024", {"fullwidth": True}, "full-width digits in every figure cell"),
    ("huaian-city-2024-mixed.trs.html", "huaian-city-2024-mixed", {"page": "word", "container": "TRS_Editor"},
     "mixed template (single （六）其他处理 row), Word-export in .TRS_Editor"),
    ("huaian-city-2024-blank-total.html", "huaian-city-2024-blank-total", {}, "总计 column blank in the result rows"),
    ("huaian-city-2024-blank-orgs.html", "huaian-city-2024-blank-orgs", {"container": "article-content"},
     "two organisation columns blank"),
    ("huaian-city-2024-decimal-fee.html", "huaian-city-2024-decimal-fee", {}, "fee amount 4068.208"),
    ("huaian-city-2024-text-mismatch.html", "huaian-city-2024-text-mismatch", {"page": "word", "container": "zoom"},
     "text says 行政复议134件, table 351; Word-export"),
    ("huaian-city-2024-requests-image.html", "huaian-city-2024-requests-image", {"page": "word", "container": "zoom"},
     "table requests only as a screenshot <img>"),
    ("xinchun-2024.word-typos.html", "xinchun-2024",
     {"page": "word", "container": "TRS_Editor", "numbering": "dunhao", "typos": {"其他法律行政法规禁止公开": "其他法律行政止公开"}},
     "Word-export, label typo 其他法律行政止公开, numbering 1、"),
    ("xinchun-2024.gb2312-gbk.html", "xinchun-2024", {"encoding": "gb2312-gbk", "container": "zoom"},
     "declared gb2312, GBK-only characters in the footer"),
    ("xinchun-2024.fullwidth-spaced.html", "xinchun-2024", {"fullwidth": True, "spaced": True},
     "full-width digits, spaces inside short labels (总 计)"),
    ("xinchun-2024-review-broken.html", "xinchun-2024-review-broken", {}, "行政复议 10/1/0/0 with 总计 0"),
    ("xinchun-2024-slash-regulations.html", "xinchun-2024-slash-regulations", {"container": "article-content"},
     "/ across the 规章 row"),
    ("shanghai-office-2019.word-zoom.html", "shanghai-office-2019", {"page": "word", "container": "zoom"},
     "2019 format as published (blanks), Word-export in #zoom"),
    ("shanghai-office-2019.gbk-nodecl.html", "shanghai-office-2019", {"encoding": "gbk-nodecl"},
     "2019 format, GBK without declaration"),
    ("shanghai-office-2019-filled.paren.html", "shanghai-office-2019-filled", {"numbering": "paren"},
     "2019 format filled in, numbering （1）"),
    ("shanghai-office-2019-change.traditional.html", "shanghai-office-2019-change", {"traditional": True},
     "2019 change column 减4/增3/-4/+3, traditional script"),
    ("testcity-2025.clean.html", "testcity-2025", {"container": "zoom"}, "clean in #zoom"),
    ("testcity-2025.nested.html", "testcity-2025", {"nested": True, "page": "word", "container": "article-content"},
     "tables nested in layout tables, Word-export"),
    ("testcity-2025.spaced-fullstop.html", "testcity-2025", {"spaced": True, "numbering": "fullstop"},
     "spaces inside labels (总 计), numbering 1．"),
    ("testcity-2025.flat-nonumber.html", "testcity-2025", {"flatten": True, "numbering": "none"},
     "no merged label cells (blanks instead), numbering dropped"),
    ("testcity-2025-balance-broken.word.html", "testcity-2025-balance-broken", {"page": "word", "container": "zoom"},
     "planted balance break, Word-export"),
    ("testcity-2025-results-broken.gb18030.html", "testcity-2025-results-broken", {"encoding": "gb18030-meta"},
     "planted results/balance break, GB18030"),
    ("testcity-2025-row-total-broken.html", "testcity-2025-row-total-broken", {}, "planted row total break"),
    ("testcity-2025-text-mismatch.trs.html", "testcity-2025-text-mismatch", {"page": "word", "container": "TRS_Editor"},
     "text says 14096, table 14069; Word-export"),
    # Real portal pages (issue 24), made in the shape of the pages seen, not copied from them.
    ("testcity-2025-split-title.trs.html", "testcity-2025-split-title",
     {"page": "trs-article", "meta_title": True, "pubdate": "2026-01-16 10:21", "title_block": True,
      "info_date": "时间：2026-01-16 10:21", "article_title": "测试市2025年政府信息公开工作年度报告", "site": "测试市人民政府"},
     "TRS article page with full site markup; body title over two paragraphs; <meta name=PubDate>; variant headings"),
    ("xinchun-2024-title-without-agency.trs.html", "xinchun-2024-title-without-agency",
     {"page": "trs-article", "meta_title": True, "title_block": True, "info_date": "发布时间：2025-01-16",
      "article_title": "2024年南关区新春街道政府信息公开工作年度报告", "site": "长春市南关区人民政府"},
     "TRS article page; body title without the agency (<meta name=ArticleTitle> names it); 发布时间：YYYY-MM-DD"),
    ("xinchun-2024-title-without-agency.title-block.html", "xinchun-2024-title-without-agency",
     {"page": "trs-article", "title_block": True, "page_title": "长春市南关区人民政府",
      "article_title": "2024年南关区新春街道政府信息公开工作年度报告", "site": "长春市南关区人民政府"},
     "TRS article page without ArticleTitle meta, <title> only the site's name: the title block names the agency; no date"),
    ("xinchun-2024-title-without-agency.ucap.html", "xinchun-2024-title-without-agency",
     {"page": "ucap-article", "info_date": "时间：2025-01-16 15:42",
      "article_title": "2024年南关区新春街道政府信息公开工作年度报告", "site": "长春市南关区人民政府"},
     "UCAP article page: only <title> (title-column-site) names the agency; 时间：YYYY-MM-DD hh:mm"),
    ("huaian-city-2024-unplaced-heading.html", "huaian-city-2024-unplaced-heading", {"container": "zoom"},
     "part five under a heading none of the known ones (五、工作中的不足与下一步打算)"),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    rows = []
    for name, case, opts, note in DOCUMENTS:
        data = page(T.load(case), opts)
        path = os.path.join(OUT, name)
        if os.path.exists(path) and open(path, "rb").read() == data:
            pass
        else:
            with open(path, "wb") as f:
                f.write(data)
            print("wrote", path)
        rows.append((f"corpus/html/{name}", case, note))
    T.update_manifest("html", rows)


if __name__ == "__main__":
    main()
