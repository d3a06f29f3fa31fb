// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module: RTNL from 300 distinct call sites. Site n is a
 * function of its own, rnt_site_<n> (0 to 299), and its init calls it
 * n + 1 times, so that every site's count is known and differs from the
 * others': 45,150 RTNL sections in all.
 *
 *   insmod rnt_sites.ko
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/compiler.h>
#include <linux/module.h>
#include <linux/rtnetlink.h>

#define RNT_NR_SITES	300

/*
 * Each site writes its own number under RTNL: no two functions have the
 * same body, so the compiler cannot fold them into one (-fipa-icf).
 */
static int rnt_site_last;

#define RNT_SITE(n)							\
	static noinline void rnt_site_##n(void)				\
	{								\
		rtnl_lock();						\
		WRITE_ONCE(rnt_site_last, n);				\
		rtnl_unlock();						\
	}

RNT_SITE(0) RNT_SITE(1) RNT_SITE(2) RNT_SITE(3) RNT_SITE(4) RNT_SITE(5)
RNT_SITE(6) RNT_SITE(7) RNT_SITE(8) RNT_SITE(9) RNT_SITE(10) RNT_SITE(11)
RNT_SITE(12) RNT_SITE(13) RNT_SITE(14) RNT_SITE(15) RNT_SITE(16) RNT_SITE(17)
RNT_SITE(18) RNT_SITE(19) RNT_SITE(20) RNT_SITE(21) RNT_SITE(22) RNT_SITE(23)
RNT_SITE(24) RNT_SITE(25) RNT_SITE(26) RNT_SITE(27) RNT_SITE(28) RNT_SITE(29)
RNT_SITE(30) RNT_SITE(31) RNT_SITE(32) RNT_SITE(33) RNT_SITE(34) RNT_SITE(35)
RNT_SITE(36) RNT_SITE(37) RNT_SITE(38) RNT_SITE(39) RNT_SITE(40) RNT_SITE(41)
RNT_SITE(42) RNT_SITE(43) RNT_SITE(44) RNT_SITE(45) RNT_SITE(46) RNT_SITE(47)
RNT_SITE(48) RNT_SITE(49) RNT_SITE(50) RNT_SITE(51) RNT_SITE(52) RNT_SITE(53)
RNT_SITE(54) RNT_SITE(55) RNT_SITE(56) RNT_SITE(57) RNT_SITE(58) RNT_SITE(59)
RNT_SITE(60) RNT_SITE(61) RNT_SITE(62) RNT_SITE(63) RNT_SITE(64) RNT_SITE(65)
RNT_SITE(66) RNT_SITE(67) RNT_SITE(68) RNT_SITE(69) RNT_SITE(70) RNT_SITE(71)
RNT_SITE(72) RNT_SITE(73) RNT_SITE(74) RNT_SITE(75) RNT_SITE(76) RNT_SITE(77)
RNT_SITE(78) RNT_SITE(79) RNT_SITE(80) RNT_SITE(81) RNT_SITE(82) RNT_SITE(83)
RNT_SITE(84) RNT_SITE(85) RNT_SITE(86) RNT_SITE(87) RNT_SITE(88) RNT_SITE(89)
RNT_SITE(90) RNT_SITE(91) RNT_SITE(92) RNT_SITE(93) RNT_SITE(94) RNT_SITE(95)
RNT_SITE(96) RNT_SITE(97) RNT_SITE(98) RNT_SITE(99) RNT_SITE(100) RNT_SITE(101)
RNT_SITE(102) RNT_SITE(103) RNT_SITE(104) RNT_SITE(105) RNT_SITE(106) RNT_SITE(107)
RNT_SITE(108) RNT_SITE(109) RNT_SITE(110) RNT_SITE(111) RNT_SITE(112) RNT_SITE(113)
RNT_SITE(114) RNT_SITE(115) RNT_SITE(116) RNT_SITE(117) RNT_SITE(118) RNT_SITE(119)
RNT_SITE(120) RNT_SITE(121) RNT_SITE(122) RNT_SITE(123) RNT_SITE(124) RNT_SITE(125)
RNT_SITE(126) RNT_SITE(127) RNT_SITE(128) RNT_SITE(129) RNT_SITE(130) RNT_SITE(131)
RNT_SITE(132) RNT_SITE(133) RNT_SITE(134) RNT_SITE(135) RNT_SITE(136) RNT_SITE(137)
RNT_SITE(138) RNT_SITE(139) RNT_SITE(140) RNT_SITE(141) RNT_SITE(142) RNT_SITE(143)
RNT_SITE(144) RNT_SITE(145) RNT_SITE(146) RNT_SITE(147) RNT_SITE(148) RNT_SITE(149)
RNT_SITE(150) RNT_SITE(151) RNT_SITE(152) RNT_SITE(153) RNT_SITE(154) RNT_SITE(155)
RNT_SITE(156) RNT_SITE(157) RNT_SITE(158) RNT_SITE(159) RNT_SITE(160) RNT_SITE(161)
RNT_SITE(162) RNT_SITE(163) RNT_SITE(164) RNT_SITE(165) RNT_SITE(166) RNT_SITE(167)
RNT_SITE(168) RNT_SITE(169) RNT_SITE(170) RNT_SITE(171) RNT_SITE(172) RNT_SITE(173)
RNT_SITE(174) RNT_SITE(175) RNT_SITE(176) RNT_SITE(177) RNT_SITE(178) RNT_SITE(179)
RNT_SITE(180) RNT_SITE(181) RNT_SITE(182) RNT_SITE(183) RNT_SITE(184) RNT_SITE(185)
RNT_SITE(186) RNT_SITE(187) RNT_SITE(188) RNT_SITE(189) RNT_SITE(190) RNT_SITE(191)
RNT_SITE(192) RNT_SITE(193) RNT_SITE(194) RNT_SITE(195) RNT_SITE(196) RNT_SITE(197)
RNT_SITE(198) RNT_SITE(199) RNT_SITE(200) RNT_SITE(201) RNT_SITE(202) RNT_SITE(203)
RNT_SITE(204) RNT_SITE(205) RNT_SITE(206) RNT_SITE(207) RNT_SITE(208) RNT_SITE(209)
RNT_SITE(210) RNT_SITE(211) RNT_SITE(212) RNT_SITE(213) RNT_SITE(214) RNT_SITE(215)
RNT_SITE(216) RNT_SITE(217) RNT_SITE(218) RNT_SITE(219) RNT_SITE(220) RNT_SITE(221)
RNT_SITE(222) RNT_SITE(223) RNT_SITE(224) RNT_SITE(225) RNT_SITE(226) RNT_SITE(227)
RNT_SITE(228) RNT_SITE(229) RNT_SITE(230) RNT_SITE(231) RNT_SITE(232) RNT_SITE(233)
RNT_SITE(234) RNT_SITE(235) RNT_SITE(236) RNT_SITE(237) RNT_SITE(238) RNT_SITE(239)
RNT_SITE(240) RNT_SITE(241) RNT_SITE(242) RNT_SITE(243) RNT_SITE(244) RNT_SITE(245)
RNT_SITE(246) RNT_SITE(247) RNT_SITE(248) RNT_SITE(249) RNT_SITE(250) RNT_SITE(251)
RNT_SITE(252) RNT_SITE(253) RNT_SITE(254) RNT_SITE(255) RNT_SITE(256) RNT_SITE(257)
RNT_SITE(258) RNT_SITE(259) RNT_SITE(260) RNT_SITE(261) RNT_SITE(262) RNT_SITE(263)
RNT_SITE(264) RNT_SITE(265) RNT_SITE(266) RNT_SITE(267) RNT_SITE(268) RNT_SITE(269)
RNT_SITE(270) RNT_SITE(271) RNT_SITE(272) RNT_SITE(273) RNT_SITE(274) RNT_SITE(275)
RNT_SITE(276) RNT_SITE(277) RNT_SITE(278) RNT_SITE(279) RNT_SITE(280) RNT_SITE(281)
RNT_SITE(282) RNT_SITE(283) RNT_SITE(284) RNT_SITE(285) RNT_SITE(286) RNT_SITE(287)
RNT_SITE(288) RNT_SITE(289) RNT_SITE(290) RNT_SITE(291) RNT_SITE(292) RNT_SITE(293)
RNT_SITE(294) RNT_SITE(295) RNT_SITE(296) RNT_SITE(297) RNT_SITE(298) RNT_SITE(299)

static void (*const rnt_sites[])(void) = {
	rnt_site_0, rnt_site_1, rnt_site_2, rnt_site_3, rnt_site_4, rnt_site_5,
	rnt_site_6, rnt_site_7, rnt_site_8, rnt_site_9, rnt_site_10, rnt_site_11,
	rnt_site_12, rnt_site_13, rnt_site_14, rnt_site_15, rnt_site_16, rnt_site_17,
	rnt_site_18, rnt_site_19, rnt_site_20, rnt_site_21, rnt_site_22, rnt_site_23,
	rnt_site_24, rnt_site_25, rnt_site_26, rnt_site_27, rnt_site_28, rnt_site_29,
	rnt_site_30, rnt_site_31, rnt_site_32, rnt_site_33, rnt_site_34, rnt_site_35,
	rnt_site_36, rnt_site_37, rnt_site_38, rnt_site_39, rnt_site_40, rnt_site_41,
	rnt_site_42, rnt_site_43, rnt_site_44, rnt_site_45, rnt_site_46, rnt_site_47,
	rnt_site_48, rnt_site_49, rnt_site_50, rnt_site_51, rnt_site_52, rnt_site_53,
	rnt_site_54, rnt_site_55, rnt_site_56, rnt_site_57, rnt_site_58, rnt_site_59,
	rnt_site_60, rnt_site_61, rnt_site_62, rnt_site_63, rnt_site_64, rnt_site_65,
	rnt_site_66, rnt_site_67, rnt_site_68, rnt_site_69, rnt_site_70, rnt_site_71,
	rnt_site_72, rnt_site_73, rnt_site_74, rnt_site_75, rnt_site_76, rnt_site_77,
	rnt_site_78, rnt_site_79, rnt_site_80, rnt_site_81, rnt_site_82, rnt_site_83,
	rnt_site_84, rnt_site_85, rnt_site_86, rnt_site_87, rnt_site_88, rnt_site_89,
	rnt_site_90, rnt_site_91, rnt_site_92, rnt_site_93, rnt_site_94, rnt_site_95,
	rnt_site_96, rnt_site_97, rnt_site_98, rnt_site_99, rnt_site_100, rnt_site_101,
	rnt_site_102, rnt_site_103, rnt_site_104, rnt_site_105, rnt_site_106, rnt_site_107,
	rnt_site_108, rnt_site_109, rnt_site_110, rnt_site_111, rnt_site_112, rnt_site_113,
	rnt_site_114, rnt_site_115, rnt_site_116, rnt_site_117, rnt_site_118, rnt_site_119,
	rnt_site_120, rnt_site_121, rnt_site_122, rnt_site_123, rnt_site_124, rnt_site_125,
	rnt_site_126, rnt_site_127, rnt_site_128, rnt_site_129, rnt_site_130, rnt_site_131,
	rnt_site_132, rnt_site_133, rnt_site_134, rnt_site_135, rnt_site_136, rnt_site_137,
	rnt_site_138, rnt_site_139, rnt_site_140, rnt_site_141, rnt_site_142, rnt_site_143,
	rnt_site_144, rnt_site_145, rnt_site_146, rnt_site_147, rnt_site_148, rnt_site_149,
	rnt_site_150, rnt_site_151, rnt_site_152, rnt_site_153, rnt_site_154, rnt_site_155,
	rnt_site_156, rnt_site_157, rnt_site_158, rnt_site_159, rnt_site_160, rnt_site_161,
	rnt_site_162, rnt_site_163, rnt_site_164, rnt_site_165, rnt_site_166, rnt_site_167,
	rnt_site_168, rnt_site_169, rnt_site_170, rnt_site_171, rnt_site_172, rnt_site_173,
	rnt_site_174, rnt_site_175, rnt_site_176, rnt_site_177, rnt_site_178, rnt_site_179,
	rnt_site_180, rnt_site_181, rnt_site_182, rnt_site_183, rnt_site_184, rnt_site_185,
	rnt_site_186, rnt_site_187, rnt_site_188, rnt_site_189, rnt_site_190, rnt_site_191,
	rnt_site_192, rnt_site_193, rnt_site_194, rnt_site_195, rnt_site_196, rnt_site_197,
	rnt_site_198, rnt_site_199, rnt_site_200, rnt_site_201, rnt_site_202, rnt_site_203,
	rnt_site_204, rnt_site_205, rnt_site_206, rnt_site_207, rnt_site_208, rnt_site_209,
	rnt_site_210, rnt_site_211, rnt_site_212, rnt_site_213, rnt_site_214, rnt_site_215,
	rnt_site_216, rnt_site_217, rnt_site_218, rnt_site_219, rnt_site_220, rnt_site_221,
	rnt_site_222, rnt_site_223, rnt_site_224, rnt_site_225, rnt_site_226, rnt_site_227,
	rnt_site_228, rnt_site_229, rnt_site_230, rnt_site_231, rnt_site_232, rnt_site_233,
	rnt_site_234, rnt_site_235, rnt_site_236, rnt_site_237, rnt_site_238, rnt_site_239,
	rnt_site_240, rnt_site_241, rnt_site_242, rnt_site_243, rnt_site_244, rnt_site_245,
	rnt_site_246, rnt_site_247, rnt_site_248, rnt_site_249, rnt_site_250, rnt_site_251,
	rnt_site_252, rnt_site_253, rnt_site_254, rnt_site_255, rnt_site_256, rnt_site_257,
	rnt_site_258, rnt_site_259, rnt_site_260, rnt_site_261, rnt_site_262, rnt_site_263,
	rnt_site_264, rnt_site_265, rnt_site_266, rnt_site_267, rnt_site_268, rnt_site_269,
	rnt_site_270, rnt_site_271, rnt_site_272, rnt_site_273, rnt_site_274, rnt_site_275,
	rnt_site_276, rnt_site_277, rnt_site_278, rnt_site_279, rnt_site_280, rnt_site_281,
	rnt_site_282, rnt_site_283, rnt_site_284, rnt_site_285, rnt_site_286, rnt_site_287,
	rnt_site_288, rnt_site_289, rnt_site_290, rnt_site_291, rnt_site_292, rnt_site_293,
	rnt_site_294, rnt_site_295, rnt_site_296, rnt_site_297, rnt_site_298, rnt_site_299,
};

static_assert(ARRAY_SIZE(rnt_sites) == RNT_NR_SITES);

static int __init rnt_sites_init(void)
{
	int i, n;

	for (i = 0; i < RNT_NR_SITES; i++)
		for (n = 0; n <= i; n++)
			rnt_sites[i]();
	pr_info("%d sections from %d sites, the last from site %d\n",
		RNT_NR_SITES * (RNT_NR_SITES + 1) / 2, RNT_NR_SITES,
		READ_ONCE(rnt_site_last));
	return 0;
}

static void __exit rnt_sites_exit(void)
{
}

module_init(rnt_sites_init);
module_exit(rnt_sites_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Takes RTNL from 300 call sites, for rtnl_net_trace's selftests");
MODULE_AUTHOR("rtnl_net_trace developers");
