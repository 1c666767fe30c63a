"""Saved web pages and crawls (issue #20): pages in the shapes of county and district government
sites' templates (made here, with invented text), a column's list page, and a WARC of many pages
with redirects, images and requests, written with warcio."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.ingest import read_file
from kg.ingest.web import is_furniture

BODY = ["5月9日上午，县委书记王建林主持召开县委常委会会议，传达学习全省防汛工作会议精神，研究部署我县防汛工作。"
        "县委副书记、县长赵明远，县委副书记刘海波等县委常委出席会议。",
        "会议指出，当前已进入主汛期，各级各部门要压紧压实防汛责任，确保安全度汛。",
        "（记者 李小红 张卫东）"]

MODERN = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>县委常委会召开会议研究部署防汛工作_政务要闻_青禾县人民政府</title>
<meta name="ArticleTitle" content="县委常委会召开会议研究部署防汛工作">
<meta name="PubDate" content="2024-05-10 10:20">
<link rel="canonical" href="http://www.qinghe.gov.cn/zwyw/202405/t20240510_123.html"></head><body>
<div class="top"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/zwyw/">政务要闻</a>
<a href="/bsfw/">办事服务</a> <a href="/hdjl/">互动交流</a></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwyw/">政务要闻</a></div>
<div class="article"><h1>县委常委会召开会议研究部署防汛工作</h1>
<div class="info">来源：青禾县融媒体中心　发布时间：2024-05-10 10:20　浏览次数：<span>1234</span>
　【字体：大 中 小】</div>
<div class="content" id="zoom">{paragraphs}</div>
<div class="share">分享到：微信 微博</div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a>
<a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a.html">县政府召开常务会议</a></li>
<li><a href="/b.html">全县安全生产工作会议召开</a></li></ul></div>
<div class="footer">主办单位：青禾县人民政府办公室　承办单位：青禾县大数据中心　备案号：某ICP备12345678号</div>
</body></html>"""

# an older site: tables for layout, GBK bytes, the metadata line inside the article's table
TABLES = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>石门镇召开安全生产工作会议</title></head><body>
<table width="980"><tr><td><a href="/">网站首页</a> | <a href="/zwdt/">政务动态</a> |
<a href="/xxgk/">信息公开</a></td></tr></table>
<table width="980"><tr><td class="title" align="center"><b>石门镇召开安全生产工作会议</b></td></tr>
<tr><td align="center">发布日期：2023年08月15日　信息来源：石门镇　点击数：56</td></tr>
<tr><td class="text">
<p>8月14日下午，镇党委书记陈立新主持召开全镇安全生产工作会议，镇长周文华出席会议并讲话。</p>
<p>会议要求，各村要深入开展隐患排查整治，切实维护群众生命财产安全。</p>
<p>（通讯员 孙丽）</p>
</td></tr>
<tr><td align="right">责任编辑：马强</td></tr></table>
<table width="980"><tr><td>版权所有：石门镇人民政府　技术支持：某某网络公司</td></tr></table>
</body></html>"""

NEWSPAPER = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>新城区召开优化营商环境推进会--新城日报</title>
<meta property="og:title" content="新城区召开优化营商环境推进会">
<meta name="publishdate" content="2022-11-03"></head><body>
<div class="nav"><a href="/">首页</a><a href="/node_2.htm">第01版：要闻</a><a href="/node_3.htm">第02版：综合</a></div>
<div class="article"><h3>新城区召开优化营商环境推进会</h3>
<p>本报讯（记者 何晓峰）11月2日，新城区召开优化营商环境推进会。区委副书记、区长钱思远出席会议并讲话。</p>
<p>会议强调，要对标先进地区，持续深化“放管服”改革，为企业发展创造良好环境。</p>
</div>
<div class="foot">新城日报社版权所有</div></body></html>"""

LIST_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>政务要闻_青禾县人民政府</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwyw/">政务要闻</a></div><ul class="list">
""" + "\n".join(f'<li><a href="/zwyw/t{i}.html">全县第{i}次重点项目建设调度会议召开</a>'
                f'<span>2024-05-{i:02d}</span></li>' for i in range(1, 21)) + "\n</ul></body></html>"


def paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def kg(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})


@pytest.fixture()
def pages(tmp_path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "modern.html").write_text(MODERN.format(paragraphs=paragraphs(BODY)), encoding="utf-8")
    (folder / "tables.htm").write_bytes(TABLES.encode("gb18030"))
    (folder / "newspaper.html").write_text(NEWSPAPER, encoding="utf-8")
    return folder


@pytest.mark.parametrize("name, title, date, url, first, last, authors", [
    ("modern.html", "县委常委会召开会议研究部署防汛工作", "2024-05-10",
     "http://www.qinghe.gov.cn/zwyw/202405/t20240510_123.html", BODY[0], BODY[1],
     {("李小红", "记者"), ("张卫东", "记者")}),
    ("tables.htm", "石门镇召开安全生产工作会议", "2023-08-15", None,
     "8月14日下午，镇党委书记陈立新主持召开全镇安全生产工作会议，镇长周文华出席会议并讲话。",
     "会议要求，各村要深入开展隐患排查整治，切实维护群众生命财产安全。", {("孙丽", "通讯员")}),
    ("newspaper.html", "新城区召开优化营商环境推进会", "2022-11-03", None,
     "11月2日，新城区召开优化营商环境推进会。区委副书记、区长钱思远出席会议并讲话。",  # the dateline is read
     "会议强调，要对标先进地区，持续深化“放管服”改革，为企业发展创造良好环境。", {("何晓峰", "记者")}),
])
def test_a_saved_page_gives_its_article_without_the_template(pages, name, title, date, url, first, last, authors):
    result = read_file(pages / name)
    assert not result.problems
    (article,) = result.articles
    assert (article.title, article.publication_date, article.url) == (title, date, url)
    assert article.paragraphs[0].text == first
    assert last in [p.text for p in article.paragraphs]
    assert {(a.name, a.role) for a in article.authors} == authors
    for furniture in ("来源", "浏览次数", "点击数", "发布", "字体", "打印", "分享到", "责任编辑", "版权所有", "首页",
                      "相关链接", "主办单位"):
        assert furniture not in article.text, furniture


def test_a_list_page_is_skipped_with_a_warning(tmp_path):
    page = tmp_path / "index.html"
    page.write_text(LIST_PAGE, encoding="utf-8")
    result = read_file(page)
    assert result.articles == []
    (problem,) = result.problems
    assert problem.severity == "warning" and "list of links" in problem.message


@pytest.mark.parametrize("line, furniture", [
    ("来源：青禾县融媒体中心　发布时间：2024-05-10 10:20　浏览次数：1234", True),
    ("发布日期：2023年08月15日　信息来源：石门镇　点击数：56", True),
    ("【字体：大 中 小】", True),
    ("责任编辑：马强", True),
    ("来源：青禾县政府办", True),
    ("作者：李小红", False),  # a byline: the article reader takes it
    ("来源于群众的意见建议共126条，已全部办结。", False),
])
def test_furniture_lines(line, furniture):
    assert is_furniture(line) is furniture


def test_pages_build_through_the_cli_with_their_urls(pages, tmp_path):
    out = tmp_path / "out"
    done = kg("build", str(pages), "-o", str(out))
    assert done.returncode == 0, done.stderr
    rows = json.loads(kg("query", "participation", "--graph", str(out), "--format", "json").stdout)
    got = {(r["name"]["value"], r["role"]["value"].rsplit("/", 1)[-1]) for r in rows["results"]["bindings"]}
    assert {("王建林", "chair"), ("赵明远", "attendee"), ("陈立新", "chair"), ("周文华", "speaker")} <= got
    assert "http://www.qinghe.gov.cn/zwyw/202405/t20240510_123.html" in (out / "graph.ttl").read_text(encoding="utf-8")


# ---- crawls -----------------------------------------------------------------------------------

def write_crawl(path: Path, pages: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    surnames, given = "王李张刘陈杨赵黄周吴", "建国明华立新文军海波志强晓东春梅"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for i in range(pages):
            name = surnames[i % 10] + given[(i * 3) % 14] + given[(i * 7 + 1) % 14]
            body = [f"{(i % 12) + 1}月{(i % 27) + 1}日上午，镇长{name}主持召开第{i + 1}次镇政府常务会议，"
                    "研究部署近期重点工作。",
                    "会议要求，各部门要抓好工作落实，确保各项任务按时完成。"]
            url = f"http://www.qinghe.gov.cn/zwyw/{i}.html"
            html = MODERN.replace("县委常委会召开会议研究部署防汛工作", f"镇政府召开第{i + 1}次常务会议") \
                .replace("http://www.qinghe.gov.cn/zwyw/202405/t20240510_123.html", url) \
                .format(paragraphs=paragraphs(body)).encode("utf-8")
            request = io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            writer.write_record(writer.create_warc_record(url, "request", payload=request))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html),
                                                          http_headers=headers))
            if i % 10 == 0:
                moved = StatusAndHeaders("302 Found", [("Location", url)], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(f"http://www.qinghe.gov.cn/old/{i}", "response",
                                                              payload=io.BytesIO(b""), http_headers=moved))
                image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(f"http://www.qinghe.gov.cn/img/{i}.png", "response",
                                                              payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" * 50),
                                                              http_headers=image))


def test_a_crawl_builds_every_page_with_its_url(tmp_path):
    crawl = tmp_path / "site.warc.gz"
    write_crawl(crawl, 200)
    out = tmp_path / "out"
    # a limit far below the crawl's size: a crawl is streamed, never read whole
    done = kg("build", str(crawl), "-o", str(out), env={"KG_MAX_INPUT_BYTES": str(crawl.stat().st_size // 10)})
    assert done.returncode == 0, done.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    (item,) = report["inputs"]
    assert item["kind"] == "crawl" and len(item["articles"]) == 200
    assert item["skipped_records"] == {"not HTML (image/png)": 20, "redirect": 20, "request record": 200}
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert all(f"http://www.qinghe.gov.cn/zwyw/{i}.html" in ttl for i in range(200))
    chairs = json.loads(kg("query", "participation", "--graph", str(out), "--format", "json").stdout)
    chaired = {r["event"]["value"] for r in chairs["results"]["bindings"] if r["role"]["value"].endswith("chair")}
    assert len(chaired) == 200


def test_a_file_that_is_not_a_crawl_is_an_error_naming_it(tmp_path):
    bad = tmp_path / "broken.warc"
    bad.write_bytes(b"this is not a WARC file\r\n" * 10)
    done = kg("build", str(bad), "-o", str(tmp_path / "out"))
    assert done.returncode == 1 and "broken.warc" in done.stderr
