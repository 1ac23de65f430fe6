/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tp_int.h - private structures of the L2TP core shared by l2tp.c
 * (instance, id hashes, datagram dispatch, status), l2tp_rel.c (reliable
 * delivery, RFC 2661 §5.8), l2tp_tunnel.c (control connection FSM, §5.1,
 * §7.2), l2tp_session.c (call FSMs and data, §5.2-5.4, §7.4) and
 * l2tp_print.c (debug text).  Unit tests include it for test hooks.
 */
#ifndef NASD_L2TP_INT_H
#define NASD_L2TP_INT_H

#include "l2tp.h"
#include "l2tp_codec.h"

/* ---- intrusive hash by 16-bit id (tunnels, sessions per tunnel) -------- */

struct l2tp_hnode {
	struct l2tp_hnode *next;
	uint16_t id;
};

struct l2tp_htab {
	struct l2tp_hnode **b; /* nb buckets, nb a power of two */
	size_t nb;
	size_t n;
};

bool l2tp_htab_init(struct l2tp_htab *h, size_t nb);
void l2tp_htab_fini(struct l2tp_htab *h);
struct l2tp_hnode *l2tp_htab_find(const struct l2tp_htab *h, uint16_t id);
/* Insert (id must be unused); grows the table when it gets crowded.
 * Returns false only when growth failed AND the table is absent. */
bool l2tp_htab_add(struct l2tp_htab *h, struct l2tp_hnode *n);
void l2tp_htab_del(struct l2tp_htab *h, struct l2tp_hnode *n);

#define l2tp_container_of(ptr, type, member)                                   \
	((type *)(void *)((char *)(ptr)-offsetof(type, member)))

/* ---- reliable delivery ------------------------------------------------- */

/* A control message built and waiting for its acknowledgement. */
struct l2tp_txmsg {
	struct l2tp_txmsg *next;
	uint16_t ns;
	uint16_t type; /* message type, for debug */
	bool sent;     /* transmitted at least once */
	size_t len;
	uint8_t buf[]; /* the whole datagram; Nr patched on each send */
};

/* An out-of-order control message kept until the gap is filled. */
struct l2tp_rxmsg {
	struct l2tp_rxmsg *next;
	uint16_t ns;
	size_t len;
	uint8_t buf[];
};

/* Future messages kept per tunnel: as many as the window we advertise by
 * default, so a loss costs one retransmission, not a window's worth. */
#define L2TP_OOO_MAX 64

struct l2tp_rel {
	uint16_t ns_next; /* Ns of the next new message */
	uint16_t nr;	  /* Ns we expect next = the Nr we send */
	struct l2tp_txmsg *txq, *txq_tail; /* Ns order, oldest first */
	struct l2tp_txmsg *unsent; /* first never sent (beyond the window) */
	unsigned txq_n;
	unsigned inflight;	/* head entries sent and not acknowledged */
	uint16_t peer_window;	/* Receive Window Size of the peer */
	unsigned retries;	/* retransmissions of the current head */
	uint32_t rtx_ms;	/* current retransmission timeout */
	bool ack_pending;	/* a received message awaits acknowledgement */
	unsigned unacked_rx;	/* messages received since our last ack */
	struct l2tp_rxmsg *ooo; /* future messages, Ns order */
	unsigned ooo_n;
	uint64_t last_rx_ms; /* anything heard from the peer (for Hello) */
	struct timer t_rtx, t_zlb, t_hello;
	uint64_t retransmits;
};

/* ---- objects ----------------------------------------------------------- */

struct l2tp_tunnel {
	struct l2tp_hnode node; /* local id, in l2tp->tunnels */
	struct l2tp *l2tp;
	struct l2tp_tunnel *prev, *next; /* l2tp->tunnel_list */
	struct l2tp_tunnel_cfg cfg;
	enum l2tp_tunnel_state state;
	bool initiator;
	bool glue_knows;     /* opened by the glue or tunnel_up sent */
	bool was_established; /* reached established once */
	bool closed_by_glue; /* no tunnel_down */
	bool dead;	     /* on the reap list */
	uint16_t remote_id;
	char remote_name[L2TP_NAME_MAX];
	struct l2tp_peer peer;
	uint32_t peer_framing_caps, peer_bearer_caps;
	bool peer_has_bearer;
	uint8_t challenge[16]; /* the challenge we sent */
	bool sent_challenge;
	uint8_t tie_breaker[8];
	bool sent_tie_breaker;
	struct l2tp_rel rel;
	struct l2tp_htab sessions;
	struct l2tp_session *s_head, *s_tail;
	unsigned nsessions;
	struct timer t_hold; /* shutting-down: hold, then free */
	uint64_t last_change_ms;
	uint64_t ctrl_in, ctrl_out;
	uint64_t data_in, data_out, bytes_in, bytes_out;
	struct l2tp_tunnel *reap_next;
};

struct l2tp_session {
	struct l2tp_hnode node; /* local id, in tunnel->sessions */
	struct l2tp_tunnel *tunnel;
	struct l2tp_session *prev, *next; /* tunnel->s_head list */
	enum l2tp_session_state state;
	enum l2tp_call_type type;
	bool dead;
	uint16_t remote_id;
	void *user;
	char ifname[L2TP_IFNAME_MAX];
	char username[L2TP_USER_MAX];
	uint32_t call_serial;
	struct l2tp_call_info call;    /* LAC_IC: what the ICRQ carries */
	struct l2tp_ocrq_info ocrq;    /* LNS_OG: what the OCRQ carries */
	bool have_conn;		       /* LAC_IC: ICCN contents kept */
	struct l2tp_connect_info conn; /* spans into conn_blob */
	uint8_t *conn_blob;
	bool seq; /* data messages carry Ns/Nr */
	uint16_t data_ns, data_nr;
	uint64_t last_change_ms;
	uint64_t pkts_in, pkts_out, bytes_in, bytes_out;
	struct l2tp_session *reap_next;
};

struct l2tp {
	const struct l2tp_ops *ops;
	void *ctx;
	struct timers *timers;
	const struct logger *log;
	struct l2tp_htab tunnels;
	struct l2tp_tunnel *tunnel_list;
	unsigned ntunnels, nsessions;
	struct l2tp_tunnel *reap_tunnels;
	struct l2tp_session *reap_sessions;
	struct timer t_reap;
	struct l2tp_stats stats;
	uint32_t call_serial;
	/* Parse scratch for one control message at a time (no per-packet
	 * allocation). */
	struct l2tp_msg msg;
	uint8_t unhide[L2TP_CTRL_MAX];
	/* Test hooks: the next ids handed out (0 = random) and the Ns / Nr
	 * a new tunnel starts with (to test the 16-bit wrap). */
	uint16_t test_ids[8];
	unsigned test_nids;
	bool test_ns_set;
	uint16_t test_ns_start;
};

/* ---- l2tp.c ------------------------------------------------------------ */

/* A random non-zero id unused in h (test hooks first). */
uint16_t l2tp_alloc_id(struct l2tp *l2tp, const struct l2tp_htab *h);
/* Put a tunnel / session on the reap list (freed from a 0 ms timer). */
void l2tp_reap_tunnel(struct l2tp_tunnel *tunnel);
void l2tp_reap_session(struct l2tp_session *session);
/* Copy a span into a NUL-terminated string, replacing non-printable
 * octets with '.'. */
void l2tp_span_str(char *dst, size_t dst_size, const uint8_t *p, size_t len);

/* ---- l2tp_rel.c -------------------------------------------------------- */

void l2tp_rel_init(struct l2tp_tunnel *tunnel);
void l2tp_rel_fini(struct l2tp_tunnel *tunnel);
/* Queue a built control message (buf holds header + AVPs; Ns and Nr are
 * written here) and send it if the window allows.  0 or -ENOMEM. */
int l2tp_rel_send(struct l2tp_tunnel *tunnel, uint16_t type, const uint8_t *buf,
		  size_t len);
/* A control message (header parsed) for this tunnel: acknowledge, order,
 * and deliver in sequence through l2tp_tunnel_deliver(). */
void l2tp_rel_input(struct l2tp_tunnel *tunnel, const struct l2tp_hdr *hdr,
		    const uint8_t *buf, size_t len, struct rd body);
/* Stop every timer and drop the queues (tunnel dying). */
void l2tp_rel_stop(struct l2tp_tunnel *tunnel);
/* Anything (control or data) was heard from the peer. */
static inline void l2tp_rel_heard(struct l2tp_tunnel *tunnel, uint64_t now_ms)
{
	tunnel->rel.last_rx_ms = now_ms;
}
/* Start the Hello timer (tunnel established). */
void l2tp_rel_start_hello(struct l2tp_tunnel *tunnel);
/* Milliseconds of one full retransmission cycle (31 s by default). */
uint64_t l2tp_rel_cycle_ms(const struct l2tp_tunnel *tunnel);
/* Send one unsequenced StopCCN (Result 4) to a refused SCCRQ. */
void l2tp_rel_send_refusal(struct l2tp *l2tp, const struct l2tp_peer *peer,
			   uint16_t peer_tunnel_id, uint16_t peer_ns);

/* ---- l2tp_tunnel.c ----------------------------------------------------- */

/* Build and queue a control message; `session_id` is the peer's id for
 * the header.  Logs it under l2x-packets.  0 or -ENOMEM/-EMSGSIZE. */
int l2tp_ctl_send(struct l2tp_tunnel *tunnel, uint16_t session_id,
		  struct l2tp_msg *m);
/* An SCCRQ to tunnel id 0 (the header already parsed). */
void l2tp_tunnel_sccrq(struct l2tp *l2tp, const struct l2tp_peer *peer,
		       const struct l2tp_hdr *hdr, const uint8_t *buf,
		       size_t len, struct rd body);
/* Deliver one in-sequence control message to the FSMs. */
void l2tp_tunnel_deliver(struct l2tp_tunnel *tunnel, const struct l2tp_hdr *hdr,
			 struct rd body);
/* Retransmission gave up: clear the tunnel without a StopCCN. */
void l2tp_tunnel_fail(struct l2tp_tunnel *tunnel, const char *reason);
void l2tp_tunnel_set_state(struct l2tp_tunnel *tunnel,
			   enum l2tp_tunnel_state state);
/* Tunnel secret as a codec span. */
struct l2tp_secret l2tp_tunnel_secret(const struct l2tp_tunnel *tunnel);

/* ---- l2tp_session.c ---------------------------------------------------- */

/* A session message delivered in sequence (ICRQ..SLI). */
void l2tp_session_ctl(struct l2tp_tunnel *tunnel, const struct l2tp_hdr *hdr,
		      const struct l2tp_msg *m);
/* A session message that failed to parse with an unknown M AVP or
 * invalid content: CDN with Result 2 and `error`. */
void l2tp_session_ctl_error(struct l2tp_tunnel *tunnel,
			    const struct l2tp_hdr *hdr,
			    const struct l2tp_msg *m, uint16_t error);
/* The tunnel is established: send the waiting ICRQs/OCRQs. */
void l2tp_sessions_tunnel_up(struct l2tp_tunnel *tunnel);
/* The tunnel is going away: every session goes down (session_down op
 * when notify) and is reaped. */
void l2tp_sessions_tunnel_down(struct l2tp_tunnel *tunnel, bool notify,
			       const char *reason);
/* A data message for this tunnel (header parsed, peer checked). */
void l2tp_session_data_input(struct l2tp_tunnel *tunnel,
			     const struct l2tp_hdr *hdr, struct rd payload);
void l2tp_session_free(struct l2tp_session *session);

/* ---- l2tp_print.c ------------------------------------------------------ */

/* "Tnl 45029 L2TP: " / "Se0:17 Tnl/Cl 45029/291 L2TP: " prefixes. */
int l2tp_tunnel_prefix(const struct l2tp_tunnel *tunnel, char *buf,
		       size_t size);
int l2tp_session_prefix(const struct l2tp_session *session, char *buf,
			size_t size);
/* An l2x-events line for a tunnel / session (prefix added). */
void l2tp_tlog(const struct l2tp_tunnel *tunnel, enum dbg_flag flag,
	       const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void l2tp_slog(const struct l2tp_session *session, enum dbg_flag flag,
	       const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* l2x-packets: the header line and one line per AVP of a control
 * message, `out` selecting O/I.  Secrets print as lengths. */
void l2tp_print_msg(const struct l2tp_tunnel *tunnel, bool out,
		    const struct l2tp_hdr *hdr, const struct l2tp_msg *m);
/* "a.b.c.d" */
const char *l2tp_ip_str(uint32_t ip, char buf[16]);

#endif /* NASD_L2TP_INT_H */
