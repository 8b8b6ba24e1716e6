#!/bin/sh
# Growth of time and memory with hostile input shapes (docs/security.md).
# For each shape, exports inputs of 1x, 2x, 4x and 8x the base count and
# prints CPU seconds (user + system: steadier than wall time on a shared
# machine), peak resident memory, and the growth exponent of time (least
# squares of log time over log size; 1.0 is linear, 2.0 quadratic).
#   sh bench/scaling.sh [BASE] [SHAPE...]     (needs a built src/unkg, or UNKG_BIN)
# BASE (default 5000) scales every shape; SHAPE picks some of: headers
# footnotes subitems paragraphs replies headings aknnotes aknparas attributes.
set -eu
cd "$(dirname "$0")/.."
base=${1:-5000}
[ $# -gt 0 ] && shift
shapes=${*:-headers footnotes subitems paragraphs replies headings aknnotes aknparas attributes}
unkg=${UNKG_BIN:-$PWD/src/unkg}
[ -x "$unkg" ] || { echo "bench: build first" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unkg-scaling.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# gen SHAPE N FILE: an input of shape SHAPE with N repetitions.
gen() {
  python3 - "$1" "$2" "$3" "$PWD" <<'PY'
import sys
shape, n, out, top = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
res = open(f"{top}/corpus/A_RES_71_28.zh.txt", encoding="utf-8").read()
rep = open(f"{top}/corpus/A_72_315.zh.txt", encoding="utf-8").read()
akn = open(f"{top}/tests/fixtures/akn/75_19_E.xml", encoding="utf-8").read()
anchor = "\n注意到在发展和应用最新的信息技术和电信手段方面取得了显著进展，\n"
para = "[原文：英文] \n"  # the first reply's language note
if shape == "headers":      # running heads, one per line (normalise: scan_lines)
    t = rep.replace(para, para + "".join(f"\nA/72/315\n{k % 90 + 1}/90\n" for k in range(n)), 1)
elif shape == "footnotes":  # footnote bodies, all with the same marker
    t = res.replace(anchor, anchor + "".join(f"\n¹ 见 A/{k}/1。\n" for k in range(n)), 1)
elif shape == "subitems":   # sub-items of one operative paragraph
    t = res.replace("1. 促请会员国：\n", "1. 促请会员国：\n" + "".join(f"\n({k + 1}) 将报告作为指南；\n" for k in range(n)), 1)
elif shape == "paragraphs": # preambular paragraphs
    t = res.replace(anchor, anchor + "".join(f"\n注意到第 {k} 号决议，\n" for k in range(n)), 1)
elif shape == "replies":    # replies of states (the same few, again and again)
    states = ["阿富汗", "亚美尼亚", "澳大利亚", "奥地利"]
    t = rep + "".join(f"\n  {states[k % 4]} \n\n[原文：英文] \n\n 该部已起草打击网络犯罪的法律{k}。 \n" for k in range(n))
elif shape == "headings":   # sub-headings inside one reply
    t = rep.replace(para, para + "".join(f"\n国家一级的努力{k}\n\n 该部已起草法律。 \n" for k in range(n)), 1)
elif shape == "aknnotes":   # footnotes with one marker in one paragraph
    note = '<authorialNote marker="1" placement="bottom"><p>See A/75/1.</p></authorialNote>'
    t = akn.replace("the report of the Credentials Committee.", "the report of the Credentials Committee." + note * n, 1)
elif shape == "aknparas":   # operative paragraphs
    p = '<paragraph class="SingleTxt"><num>1.</num><content><p><span class="italic">Approves</span> the report.</p></content></paragraph>\n'
    t = akn.replace("</mainBody>", p * n + "</mainBody>", 1)
elif shape == "attributes": # attributes of one element
    t = akn.replace('<docTitle>', "<docTitle " + " ".join(f'a{k}="x"' for k in range(n)) + ">", 1)
else:
    sys.exit(f"unknown shape {shape}")
open(out, "w", encoding="utf-8").write(t)
PY
}

printf '%-11s %8s %9s %9s %9s %9s  %s\n' shape n1 t1/s t2/s t4/s t8/s "exponent  peak MB (8x)  exit (8x)"
for shape in $shapes; do
  line=""
  pts=""
  for m in 1 2 4 8; do
    n=$((base * m))
    ext=txt
    case $shape in akn* | attributes) ext=xml ;; esac
    gen "$shape" "$n" "$tmp/in.$ext"
    rm -rf "$tmp/out"
    set +e
    /usr/bin/time -f '%U %S %M' -o "$tmp/time" timeout 600 "$unkg" export -q -f turtle -o "$tmp/out" \
      "$tmp/in.$ext" 2> "$tmp/err"
    rc=$?
    set -e
    read -r usr sys kb <<EOF
$(tail -n 1 "$tmp/time")
EOF
    secs=$(echo "$usr $sys" | awk '{printf "%.2f", $1 + $2}')
    line="$line $(printf '%9s' "$secs")"
    pts="$pts $n $secs"
  done
  exp=$(echo "$pts" | awk '{
    k = 0
    for (i = 1; i <= NF; i += 2) { x = log($i); y = log($(i + 1) < 0.01 ? 0.01 : $(i + 1)); sx += x; sy += y; sxx += x * x; sxy += x * y; k++ }
    printf "%.2f", (k * sxy - sx * sy) / (k * sxx - sx * sx) }')
  printf '%-11s %8s%s  %8s  %12.1f  %9s\n' "$shape" "$base" "$line" "$exp" "$(echo "$kb" | awk '{print $1 / 1024}')" "$rc"
done
