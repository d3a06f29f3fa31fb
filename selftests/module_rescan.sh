#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Handlers that a module registers after rtnl_net_trace loaded are picked
# up (selftests/handler_mod registers a doit and a dumpit for family 100),
# counted, and kept with present=0 once their module is gone.
. "$(dirname "$0")/lib.sh"

HKO=$RNT_TOP/selftests/handler_mod/rnt_handler_mod.ko

ktap_print_header
ktap_set_plan 7
rnt_dmesg_start
rnt_load

# send_doit: one RTM_GETROUTE request for family 100; prints the errno.
send_doit()
{
	python3 - <<-'PY'
	import socket, struct
	s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
	s.bind((0, 0))
	# nlmsghdr (len, type RTM_GETROUTE, flags REQUEST|ACK, seq, pid) + rtgenmsg
	s.send(struct.pack("=IHHIIB3x", 20, 26, 0x1 | 0x4, 1, 0, 100))
	print(-struct.unpack("=i", s.recv(65536)[16:20])[0])
	PY
}

mod_handlers()	# PRESENT
{
	grep -c "^handler family=100 msgtype=26 .* owner=rnt_handler_mod .*present=$1" \
		"$RNT_DIR/handlers"
}

ktap_expect_eq "no family-100 handlers before the module" 0 "$(mod_handlers 1)"
insmod "$HKO"
ktap_expect_eq "its doit and dumpit picked up after insmod" 2 "$(mod_handlers 1)"
ktap_expect_eq "handler names resolved" rnt_handler_mod_doit \
	"$(rnt_field handlers handler 'family=100 msgtype=26 kind=doit' fn)"

rnt_reset
ktap_expect_eq "the request reaches the handler" 2 "$(send_doit)"
ktap_expect_eq "counted: one call, one ENOENT" "1 1 2:1" \
	"$(rnt_calls rnt_handler_mod_doit) $(rnt_calls rnt_handler_mod_doit doit errors) $(rnt_calls rnt_handler_mod_doit doit errno)"

rmmod rnt_handler_mod
ktap_expect_eq "after rmmod: kept with present=0, figures too" "0 2 1" \
	"$(mod_handlers 1) $(mod_handlers 0) $(rnt_calls rnt_handler_mod_doit)"
ktap_expect_dmesg_clean
ktap_finished
