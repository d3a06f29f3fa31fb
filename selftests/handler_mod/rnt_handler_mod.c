// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module: registers an rtnetlink doit and dumpit for family 100
 * (no real protocol family uses it), so that the selftests can check that
 * rtnl_net_trace picks up handlers of modules loaded after it, counts
 * their calls, and keeps their figures when the module goes away.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <net/rtnetlink.h>

#define RNT_TEST_FAMILY	100

static int rnt_handler_mod_doit(struct sk_buff *skb, struct nlmsghdr *nlh,
				struct netlink_ext_ack *extack)
{
	return -ENOENT;
}

static int rnt_handler_mod_dumpit(struct sk_buff *skb,
				  struct netlink_callback *cb)
{
	return 0;
}

static const struct rtnl_msg_handler rnt_handler_mod_handlers[] = {
	{ .owner = THIS_MODULE, .protocol = RNT_TEST_FAMILY,
	  .msgtype = RTM_GETROUTE, .doit = rnt_handler_mod_doit,
	  .dumpit = rnt_handler_mod_dumpit },
};

static int __init rnt_handler_mod_init(void)
{
	return rtnl_register_many(rnt_handler_mod_handlers);
}

static void __exit rnt_handler_mod_exit(void)
{
	rtnl_unregister_many(rnt_handler_mod_handlers);
}

module_init(rnt_handler_mod_init);
module_exit(rnt_handler_mod_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("An rtnetlink handler for rtnl_net_trace's selftests");
MODULE_AUTHOR("rtnl_net_trace developers");
