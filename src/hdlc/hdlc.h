/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hdlc.h - asynchronous HDLC-like framing for PPP on modem and serial lines
 * (RFC 1662 §3 frame format, §4 octet-stuffed framing, §7.1 ACCM, appendix C
 * FCS).
 *
 * Two independent halves, both sans-I/O:
 *   - struct hdlc_rx turns a byte stream read from a tty into frames: it
 *     hunts for the Flag Sequence, undoes Control Escape transparency,
 *     drops control characters the DCE slipped in, checks the FCS and the
 *     frame size, and hands each good frame to a callback.  Bad frames are
 *     only counted (struct hdlc_rx_stats), never passed up.
 *   - hdlc_encode() turns one frame into the octets to write: opening flag,
 *     escaped frame, escaped FCS, closing flag.
 * "Frame" here always means Address, Control, Protocol and Information as
 * they travel (ACFC/PFC compression is ppp_hdr.h's business), without FCS.
 * Neither half knows about PPP semantics above the frame.
 */
#ifndef NASD_HDLC_H
#define NASD_HDLC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wr.h"

#define HDLC_FLAG 0x7e	  /* Flag Sequence (RFC 1662 §3.1, §4.1) */
#define HDLC_ESC 0x7d	  /* Control Escape (RFC 1662 §4.2) */
#define HDLC_ESC_XOR 0x20 /* the octet after Control Escape is xored */

/* RFC 1662 §7.1: until the ACCM option is negotiated every control
 * character (0x00-0x1f) is escaped on transmit and discarded when it
 * arrives unescaped. */
#define HDLC_ACCM_DEFAULT 0xffffffffu

/*
 * Information-field limits for the receiver.  RFC 1661 §6.1 requires a PPP
 * implementation to accept 1500-octet Information fields even when it has
 * negotiated a smaller MRU (a peer may not have seen the ack yet, and LCP
 * itself is always allowed the default), so 1500 is the default and callers
 * pass max(MRU, 1500).  16384 is the largest MRU nasd ever negotiates
 * (PPP_MRU_MAX in ppp_defs.h; hdlc may not include ppp headers).
 */
#define HDLC_INFO_DEFAULT_BYTES 1500
#define HDLC_INFO_MAX_BYTES 16384

/* Address + Control (2) + Protocol (2): the most a PPP header takes. */
#define HDLC_HDR_MAX_BYTES 4
/* Largest frame the receiver ever buffers: header, information, FCS-32. */
#define HDLC_FRAME_MAX_BYTES (HDLC_HDR_MAX_BYTES + HDLC_INFO_MAX_BYTES + 4)

/* Receiver states (RFC 1662 §4.2): X(enum suffix, name for debug/show). */
#define HDLC_RX_STATES(X)                                                      \
	X(HUNT, "hunt")	    /* discarding until a Flag Sequence */             \
	X(DATA, "data")	    /* inside a frame */                               \
	X(ESCAPE, "escape") /* the previous octet was Control Escape */

enum hdlc_rx_state {
#define HDLC_RX_STATE_ENUM(name, str) HDLC_RX_##name,
	HDLC_RX_STATES(HDLC_RX_STATE_ENUM)
#undef HDLC_RX_STATE_ENUM
	HDLC_RX_STATE_COUNT
};

/* Name of a receiver state ("hunt", "data", "escape"), or "?" if out of
 * range. */
const char *hdlc_rx_state_name(enum hdlc_rx_state state);

struct hdlc_rx_cfg {
	/* Receive ACCM (RFC 1662 §7.1): bit N set means character N
	 * (0x00-0x1f) arriving unescaped was inserted by the DCE (XON/XOFF
	 * flow control, modem chatter) and is discarded. */
	uint32_t accm;
	/* true: 32-bit FCS (negotiated with the LCP FCS-Alternatives option,
	 * RFC 1570 §1.1); false: the default 16-bit FCS. */
	bool fcs32;
	/* Largest Information field accepted, in octets; 0 means
	 * HDLC_INFO_DEFAULT_BYTES, larger than HDLC_INFO_MAX_BYTES is
	 * clamped.  Pass max(MRU, 1500) (RFC 1661 §6.1). */
	size_t max_info_bytes;
};

/*
 * Receive counters.  They only ever grow (until hdlc_rx_clear_stats());
 * the CLI shows them as input errors the way IOS `show interfaces` does.
 */
struct hdlc_rx_stats {
	uint64_t frames;	/* good frames passed to the callback */
	uint64_t octets;	/* octets in those frames, FCS excluded */
	uint64_t fcs_errors;	/* frames dropped because the FCS was bad */
	uint64_t aborts;	/* Control Escape + Flag: frame aborted */
	uint64_t runts;		/* non-empty frames shorter than FCS + 2 */
	uint64_t giants;	/* frames longer than the configured limit */
	uint64_t discarded_ctl; /* unescaped ACCM characters discarded */
};

/*
 * A receiver.  Embed it in the owner (it holds the frame buffer, about
 * 16 KiB) and treat every field as private except `stats`, which may be read
 * at any time.
 */
struct hdlc_rx {
	struct hdlc_rx_cfg cfg;	     /* in force for the frame being received */
	struct hdlc_rx_cfg next_cfg; /* from hdlc_rx_set_cfg(), if pending */
	bool cfg_pending;
	enum hdlc_rx_state state;
	size_t len;	    /* octets of the current frame in buf */
	size_t limit_bytes; /* largest frame incl. FCS under cfg */
	struct hdlc_rx_stats stats;
	uint8_t buf[HDLC_FRAME_MAX_BYTES];
};

/*
 * Called once per good frame with the FCS removed: frame[0..len) is
 * Address/Control/Protocol/Information exactly as received (after
 * transparency was undone), len >= 2.  The octets belong to the receiver
 * and are valid only during the call.  The callback may call
 * hdlc_rx_set_cfg() (e.g. when LCP opens and the ACCM changes) and read the
 * stats, but must not feed, initialise or free the same receiver.
 */
typedef void (*hdlc_frame_cb)(void *ctx, const uint8_t *frame, size_t len);

/*
 * Initialise rx with cfg (NULL: ACCM 0xffffffff, FCS-16, 1500-octet
 * Information), zero the counters and start hunting for a flag: octets
 * before the first Flag Sequence are line noise and are ignored.
 */
void hdlc_rx_init(struct hdlc_rx *rx, const struct hdlc_rx_cfg *cfg);

/*
 * Change the configuration (NULL: the defaults above).  A frame already
 * partly received finishes under the configuration it started with; the
 * new one takes effect at the next Flag Sequence, or at once when the
 * receiver is between frames.  Negotiated options change between frames
 * (the peer applies them after the LCP exchange that carried them), never
 * in the middle of one.
 */
void hdlc_rx_set_cfg(struct hdlc_rx *rx, const struct hdlc_rx_cfg *cfg);

/*
 * Decode data[0..n) (data may be NULL when n is 0).  Frames may be split
 * across calls at any octet.  For every good frame completed by these octets
 * cb(ctx, frame, len) is called before hdlc_rx_feed() returns.  Bad frames
 * (FCS error, abort, runt, giant) are dropped and counted in rx->stats;
 * consecutive flags (empty frames) are normal (RFC 1662 §3.1, §4.3).  After
 * a giant the receiver hunts for the next flag.  Returns the number of good
 * frames delivered.
 */
size_t hdlc_rx_feed(struct hdlc_rx *rx, const uint8_t *data, size_t n,
		    hdlc_frame_cb cb, void *ctx);

/* Zero rx->stats (IOS `clear counters`). */
void hdlc_rx_clear_stats(struct hdlc_rx *rx);

struct hdlc_tx_cfg {
	/* Transmit ACCM (RFC 1662 §7.1): bit N set means character N
	 * (0x00-0x1f) is sent escaped.  0x7d and 0x7e are always escaped.
	 * Use HDLC_ACCM_DEFAULT until LCP has negotiated the peer's map. */
	uint32_t accm;
	bool fcs32; /* 32-bit FCS instead of the 16-bit default */
};

/*
 * Octets hdlc_encode() may need for a frame of len octets: two flags and
 * every frame and FCS octet escaped.  Saturates at SIZE_MAX.
 */
size_t hdlc_encoded_max(size_t len);

/*
 * Encode frame[0..len) (Address/Control/Protocol/Information, no FCS) for
 * the wire: opening flag, the frame with Control Escape transparency, the
 * complemented FCS least significant octet first (RFC 1662 §C.2/§C.3), also
 * escaped, and a closing flag.  0x7d, 0x7e and every character below 0x20
 * whose bit is set in cfg->accm are escaped (RFC 1662 §4.2, §7.1).
 * Returns the number of octets written to out[0..out_cap), or 0 when they do
 * not fit; nothing is ever written past out_cap.  out_cap >=
 * hdlc_encoded_max(len) always fits.
 */
size_t hdlc_encode(const struct hdlc_tx_cfg *cfg, const uint8_t *frame,
		   size_t len, uint8_t *out, size_t out_cap);

/*
 * Like hdlc_encode() but appends to a writer, so several frames can be
 * packed into one tty write.  With opening_flag false the leading flag is
 * left out: RFC 1662 §3.1 lets the closing flag of one frame open the next
 * when frames follow back to back; send the opening flag whenever the line
 * may have been idle, since it flushes noise the receiver collected
 * meanwhile.  Returns false when the frame did not fit (the writer's
 * overflow flag is then latched and its contents past the previous length
 * are unspecified).
 */
bool hdlc_encode_append(const struct hdlc_tx_cfg *cfg, const uint8_t *frame,
			size_t len, bool opening_flag, struct wr *w);

#endif /* NASD_HDLC_H */
