/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fcs.h - the PPP Frame Check Sequences of RFC 1662 appendix C: the 16-bit
 * FCS (§C.2, polynomial x^16 + x^12 + x^5 + 1) and the 32-bit FCS (§C.3, the
 * Ethernet/AAL5 CRC-32 polynomial), both bit-reflected and table-driven.
 *
 * How the pieces fit together (RFC 1662 §C.2/§C.3):
 *   - start from FCS16_INIT / FCS32_INIT and run fcs*_update() over the
 *     Address, Control, Protocol, Information and Padding fields;
 *   - the transmitted FCS is the one's complement of that value, sent least
 *     significant octet first;
 *   - on reception, running fcs*_update() from the initial value over the
 *     frame *and* its received FCS yields FCS16_GOOD / FCS32_GOOD when the
 *     frame is intact.
 * The complemented result is the well-known CRC-16/X-25 (0x906E for
 * "123456789") and the ordinary reflected CRC-32 (0xCBF43926).
 *
 * Pure functions over caller memory: no state, no allocation.
 */
#ifndef NASD_HDLC_FCS_H
#define NASD_HDLC_FCS_H

#include <stddef.h>
#include <stdint.h>

#define FCS16_INIT 0xffffu     /* RFC 1662 §C.2 PPPINITFCS16 */
#define FCS16_GOOD 0xf0b8u     /* RFC 1662 §C.2 good final FCS residue */
#define FCS32_INIT 0xffffffffu /* RFC 1662 §C.3 PPPINITFCS32 */
#define FCS32_GOOD 0xdebb20e3u /* RFC 1662 §C.3 good final FCS residue */

/* Octets the FCS occupies on the wire. */
#define FCS16_LEN 2
#define FCS32_LEN 4

/*
 * Continue a 16-bit FCS over p[0..n).  Pass FCS16_INIT for a new frame and
 * feed the result back in to cover data in several pieces.  p may be NULL
 * only when n is 0.  Returns the running (uncomplemented) FCS.
 */
uint16_t fcs16_update(uint16_t fcs, const uint8_t *p, size_t n);

/* The same for the 32-bit FCS, starting from FCS32_INIT (RFC 1662 §C.3). */
uint32_t fcs32_update(uint32_t fcs, const uint8_t *p, size_t n);

#endif /* NASD_HDLC_FCS_H */
