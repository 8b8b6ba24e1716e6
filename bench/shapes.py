# Hostile and scaled input shapes for bench/scaling.sh and bench/textmem.sh.
#   python3 bench/shapes.py SHAPE N OUT TOP
# writes into OUT an input of shape SHAPE with N repetitions, built from
# the samples in TOP/corpus/ and TOP/tests/fixtures/akn/.
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
elif shape == "resolution": # the sample resolution's text, n/100 times over
    t = res * max(1, n // 100)
elif shape == "report":     # the sample report's text, n/1000 times over
    t = rep * max(1, n // 1000)
elif shape == "minimal":    # the resolution up to its first paragraph
    head, formula, rest = res.partition("大会，\n")
    body = rest.lstrip("\n")
    t = head + formula + "\n" + body[: body.index("\n") + 1]
else:
    sys.exit(f"unknown shape {shape}")
open(out, "w", encoding="utf-8").write(t)
