#!/bin/sh
# bench/render_akn.py prints what the markup holds, where it holds it
# (issue 11's renderer).  Two 76th-session resolutions, the expectations
# read off their XML by hand:
#   - 76/239's scale of assessments, a <table> inside a <container>: every
#     row printed, a line each, cells two spaces apart, no blank line
#     between rows (on pages long enough to hold it), so the table is one
#     paragraph as the XML reader holds it;
#   - 76/240's section A: its headings (专业及以上职类工作人员的服务条件, A,
#     基薪/底薪表), then its crossHeading (回顾其第 44/198 号决议…), then its
#     numbered paragraphs, in the markup's order.
set -eu
top=${UNKG_TOP_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-render.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fx=$top/tests/fixtures/render
r() { python3 -B "$top/bench/render_akn.py" --spacing blank --header no --page-lines 300 "$@"; }
fail() { echo "FAIL: $*"; exit 1; }

r "$fx/A_RES_76_239-2119694C.xml" > "$tmp/239.txt"
# The header row and the rows of classes A, B and J (<tr>s 1, 3, 4, 12).
for row in '等级  标准  门槛值(美元) (2022-2024 年)  折扣率 (百分比)' \
           'A  安全理事会常任理事国  不适用  加付' \
           'B  全体会员国(以下各级会员国和A 级会员国除外)  不适用  0' \
           'J  最不发达国家(A 级和 C 级缴款国除外)  不适用  90'; do
  # Han/Latin spacing and wraps vary with the seed: compare without blanks.
  tr -d ' \n' < "$tmp/239.txt" | grep -qF "$(printf %s "$row" | tr -d ' ')" || fail "76/239: row missing: $row"
done
# No blank line from the header row down to the last row.
awk '/^等级  标准/ { on = 1 } on && /^$/ { exit } on { n++ } END { exit !(n >= 12) }' "$tmp/239.txt" \
  || fail "76/239: the table's rows are not one block of lines"

r "$fx/A_RES_76_240-2119704C.xml" > "$tmp/240.txt"
# The first line of each, in the markup's order (a paragraph's first line
# may keep its indent as a leading space).
at() { grep -n -e "^ \{0,1\}$1" "$tmp/240.txt" | head -1 | cut -d: -f1; }
prev=0
for first in '专业及以上职类工作人员的服务条件' 'A$' '基薪/底薪表' '回顾其第 \{0,1\}44/198 号决议' '1\. 核准按照委员会报告'; do
  n=$(at "$first")
  [ -n "$n" ] && [ "$n" -gt "$prev" ] || fail "76/240: section A out of order at: $first"
  prev=$n
done
echo "PASS: render_akn.py prints 76/239's table as one block and 76/240's section in the markup's order"
