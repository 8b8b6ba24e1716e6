/* The UN symbol grammar (symbol.h): the canonical form of real symbols as
 * the 75th session's Akoma Ntoso links and the PDF texts write them, and
 * what is not a symbol.  Every expectation is written by hand from the UN's
 * symbol conventions: series upper case, mixed-case designations (Add.,
 * Corr., Rev., Amend., Res., Sect., Vol., Part, Supp), a blank between a
 * number and its bracket or its part letters, none inside a bracket. */
#include "symbol.h"
#include "testutil.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static const struct {
  const char* in;
  const char* canonical;
} forms[] = {
  /* already canonical: the forms the links use most */
  {"A/RES/67/123", "A/RES/67/123"},
  {"A/66/340", "A/66/340"},
  {"A/66/7/Add.21", "A/66/7/Add.21"},
  {"A/HRC/RES/42/22", "A/HRC/RES/42/22"},
  {"E/RES/2018/18", "E/RES/2018/18"},
  {"A/HRC/4/18", "A/HRC/4/18"},
  {"FCCC/CP/2015/10/Add.1", "FCCC/CP/2015/10/Add.1"},
  {"E/1998/41", "E/1998/41"},
  {"A/RES/S-30/1", "A/RES/S-30/1"},
  {"A/AC.198/2020/2", "A/AC.198/2020/2"},
  {"A/CONF.192/15", "A/CONF.192/15"},
  {"S/2020/898", "S/2020/898"},
  {"A/69/53/Add.1/Corr.1", "A/69/53/Add.1/Corr.1"},
  {"S/PRST/2019/5", "S/PRST/2019/5"},
  {"A/60/88/Corr.2", "A/60/88/Corr.2"},
  {"CAC/COSP/2017/14", "CAC/COSP/2017/14"},
  {"S/INF/69", "S/INF/69"},
  {"A/RES/ES-10/15", "A/RES/ES-10/15"},
  {"ST/SGB/2016/6", "ST/SGB/2016/6"},
  {"CD/1064", "CD/1064"},
  {"UNEP/EA.4/Res.1", "UNEP/EA.4/Res.1"},
  {"A/C.4/74/SR.3", "A/C.4/74/SR.3"},
  {"A/C.2/59/3", "A/C.2/59/3"},
  {"A/ES-10/273", "A/ES-10/273"},
  {"A/CONF.189/12/Corr.1", "A/CONF.189/12/Corr.1"},
  {"A/CONF.229/2017/8", "A/CONF.229/2017/8"},
  {"SPLOS/229", "SPLOS/229"},
  {"ISBA/17/A/9", "ISBA/17/A/9"},
  {"A/HRC/18/35/Add.6", "A/HRC/18/35/Add.6"},
  {"A/ES-10/273/Corr.1", "A/ES-10/273/Corr.1"},
  {"A/46/634/Rev.1", "A/46/634/Rev.1"},
  {"E/CN.4/1998/53/Add.2", "E/CN.4/1998/53/Add.2"},
  {"ST/SGB/2013/4/Amend.1", "ST/SGB/2013/4/Amend.1"},
  {"E/FFDF/2020/3", "E/FFDF/2020/3"},
  {"A/AC.109/2114", "A/AC.109/2114"},
  {"E/2010/27/Corr.1", "E/2010/27/Corr.1"},
  {"SPLOS/30/14", "SPLOS/30/14"},
  {"SPLOS/30/10/Add.1", "SPLOS/30/10/Add.1"},
  {"E/CN.4/2004/15", "E/CN.4/2004/15"},
  {"TD/519/Add.1", "TD/519/Add.1"},
  {"ISBA/25/C/9", "ISBA/25/C/9"},
  {"A/HRC/RES/S-18/1", "A/HRC/RES/S-18/1"},
  {"A/62/PV.117", "A/62/PV.117"},
  {"A/CONF.192/2018/RC/3", "A/CONF.192/2018/RC/3"},
  {"CRPD/C/GC/1", "CRPD/C/GC/1"},
  {"AR/A/73/309", "AR/A/73/309"},
  {"BWC/MSP/2017/6", "BWC/MSP/2017/6"},
  {"A/HRC/WG.2/17/2", "A/HRC/WG.2/17/2"},
  {"CRC/C/GC/24", "CRC/C/GC/24"},
  {"A/CONF.48/14/Rev.1", "A/CONF.48/14/Rev.1"},
  {"CLCS/11", "CLCS/11"},
  {"CLCS/51/1", "CLCS/51/1"},
  {"ST/SGB/2017/2/Rev.1", "ST/SGB/2017/2/Rev.1"},
  {"A/INF/75/3/Rev.1", "A/INF/75/3/Rev.1"},
  {"A/S-12/2", "A/S-12/2"},
  {"A/CONF.192/BMS/2016/2", "A/CONF.192/BMS/2016/2"},
  {"TD/519", "TD/519"},
  {"S/2016/738/Rev.1", "S/2016/738/Rev.1"},
  {"E/HLPF/2019/6", "E/HLPF/2019/6"},
  {"ISBA/25/C/12/Add.1", "ISBA/25/C/12/Add.1"},
  {"CLCS/11/Corr.1", "CLCS/11/Corr.1"},
  {"A/75/L.5", "A/75/L.5"},
  {"A/75/84-E/2020/61", "A/75/84-E/2020/61"},
  {"S/RES/1515 (2003)", "S/RES/1515 (2003)"},
  {"A/RES/217 (III)", "A/RES/217 (III)"},
  {"A/RES/75/101 A-B", "A/RES/75/101 A-B"},
  {"A/75/PV.33", "A/75/PV.33"},
  /* a year or session in brackets: a blank before it */
  {"S/RES/2282(2016)", "S/RES/2282 (2016)"},
  {"A/RES/1514(XV)", "A/RES/1514 (XV)"},
  {"A/RES/217(III)", "A/RES/217 (III)"},
  {"A/RES/973(X)", "A/RES/973 (X)"},
  {"A/RES/2200(XXI)", "A/RES/2200 (XXI)"},
  {"A/RES/3101(XXVIII)", "A/RES/3101 (XXVIII)"},
  {"A/RES/2621(XXV)", "A/RES/2621 (XXV)"},
  {"A/RES/13(I)", "A/RES/13 (I)"},
  {"A/RES/3281(XXIX)", "A/RES/3281 (XXIX)"},
  {"A/RES/3201(S-VI)", "A/RES/3201 (S-VI)"},
  {"A/RES/3369(XXX)", "A/RES/3369 (XXX)"},
  {"A/RES/1970(XVIII)", "A/RES/1970 (XVIII)"},
  {"A/RES/179(II)", "A/RES/179 (II)"},
  {"A/RES/2106(XX)", "A/RES/2106 (XX)"},
  {"A/RES/428(V)", "A/RES/428 (V)"},
  {"A/RES/1653(XVI)", "A/RES/1653 (XVI)"},
  {"A/RES/707(XXII)", "A/RES/707 (XXII)"},
  {"A/RES/1803(XVII)", "A/RES/1803 (XVII)"},
  {"A/RES/1341(XIII)", "A/RES/1341 (XIII)"},
  {"S/RES/1325(2000)", "S/RES/1325 (2000)"},
  {"S/RES/1325  (2000)", "S/RES/1325 (2000)"},
  /* lower-case sessions and series */
  {"A/RES/1874(s-iv)", "A/RES/1874 (S-IV)"},
  {"A/RES/1874 (s-iv)", "A/RES/1874 (S-IV)"},
  {"A/hrc/RES/44/16", "A/HRC/RES/44/16"},
  {"a/hrc/res/7/34", "A/HRC/RES/7/34"},
  {"A/hrc/RES/S-16/1", "A/HRC/RES/S-16/1"},
  {"e/res/2008 (LX)", "E/RES/2008 (LX)"},
  /* part letters */
  {"A/RES/75/251b", "A/RES/75/251 B"},
  {"A/RES/72/266B", "A/RES/72/266 B"},
  {"A/RES/74/261c", "A/RES/74/261 C"},
  {"A/RES/74/255a-b", "A/RES/74/255 A-B"},
  {"A/RES/75/101A-B", "A/RES/75/101 A-B"},
  {"A/RES/72/262C", "A/RES/72/262 C"},
  {"A/RES/74/92 a-b", "A/RES/74/92 A-B"},
  {"A/RES/2200A(XXI)", "A/RES/2200 A (XXI)"},
  {"A/RES/217A(III)", "A/RES/217 A (III)"},
  /* sections, volumes and parts in brackets: no blank inside */
  {"A/75/6(Sect.2)", "A/75/6 (Sect.2)"},
  {"A/75/6 (Sect. 3)/Add.5", "A/75/6 (Sect.3)/Add.5"},
  {"A/75/6(Sect.3)/Add.1", "A/75/6 (Sect.3)/Add.1"},
  {"A/75/6(Sect.16)/Corr.1", "A/75/6 (Sect.16)/Corr.1"},
  {"A/CONF.157/24(PartI)", "A/CONF.157/24 (PartI)"},
  {"A/CONF.157/24(PartI)/Corr.1", "A/CONF.157/24 (PartI)/Corr.1"},
  {"NPT/CONF.2010/50(Vol.I)", "NPT/CONF.2010/50 (Vol.I)"},
  {"A/75/49 (vol. I)", "A/75/49 (Vol.I)"},
  {"A/75/5(Vol.I)", "A/75/5 (Vol.I)"},
  {"A/75/15(PartI)", "A/75/15 (PartI)"},
  {"A/62/54(supp)", "A/62/54 (Supp)"},
  {"ICCD/COP(14)/23/Add.1", "ICCD/COP(14)/23/Add.1"},
  /* designations in any case, dashes, blanks */
  {"A/70/174/add.1", "A/70/174/Add.1"},
  {"A/75/L.5/corr.1", "A/75/L.5/Corr.1"},
  {"A/75/L.5/REV.1", "A/75/L.5/Rev.1"},
  {"A/75/84\xE2\x80\x93"
   "E/2020/61",
   "A/75/84-E/2020/61"},
  {"A/RES/S\xE2\x80\x91"
   "23/2",
   "A/RES/S-23/2"},
  {"  A/75/L.5  ", "A/75/L.5"},
};

START_TEST(canonical_forms)
{
  size_t n = sizeof forms / sizeof *forms;
  ck_assert_uint_ge(n, 100);
  for (size_t i = 0; i < n; ++i) {
    char* c = unkg_symbol_canonical(forms[i].in);
    ck_assert_ptr_nonnull(c);
    ck_assert_msg(!strcmp(c, forms[i].canonical), "%s -> %s, not %s", forms[i].in, c,
                  forms[i].canonical);
    ck_assert_msg(unkg_symbol_valid(c), "%s is a symbol", c);
    /* The canonical form is a fixed point. */
    char* again = unkg_symbol_canonical(c);
    ck_assert_str_eq(again, c);
    free(again);
    free(c);
  }
}
END_TEST

START_TEST(prose_is_not_a_symbol)
{
  static const char* prose[] = {
    "A/75/L.4, as orally revised",
    "A/75/L.101 (as amended in plenary)",
    "A/75/414，第8段",
    "the report A/75/414",
    "A/RES/",
    "75/277.",
    "75/277",
    "A/75/L.5 and Add.1",
    /* A session's "S-" with no numeral (the AKN fuzzer's find: the bracket
     * check read a designation it had not found). */
    "A/RES/1874 (S-)",
    "A/RES/1874 (S-)V)",
    "",
  };
  for (size_t i = 0; i < sizeof prose / sizeof *prose; ++i) {
    char* c = unkg_symbol_canonical(prose[i]);
    ck_assert_msg(!unkg_symbol_valid(c), "%s is not a symbol", prose[i]);
    free(c);
  }
  ck_assert_ptr_null(unkg_symbol_canonical(NULL));
  ck_assert(!unkg_symbol_valid(NULL));
}
END_TEST

static Suite*
symbol_suite(void)
{
  Suite* s = suite_create("symbol");
  TCase* t = tcase_create("symbol");
  tcase_add_test(t, canonical_forms);
  tcase_add_test(t, prose_is_not_a_symbol);
  suite_add_tcase(s, t);
  return s;
}

int
main(void)
{
  return tu_run(symbol_suite());
}
