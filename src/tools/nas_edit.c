/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nas_edit.c - the interactive side of `nas`: an IOS-like terminal session
 * on nasd's CLI socket, with line editing and history from libedit (BSD
 * licensed; GNU readline is GPL-3 and cannot be combined with GPL-2-only
 * code nasd will link).
 *
 * The server owns the CLI (modes, prompts, help, completion); this file
 * owns the keyboard and the screen:
 *   - `?` anywhere sends the text up to the cursor as an 'H' record and
 *     prints the help under the line, then redraws prompt and partial line
 *     without a newline being entered (as IOS does);
 *   - Tab sends a 'C' record and puts the server's 'L' text in place of
 *     what was before the cursor, listing candidates ('O') if any;
 *   - Ctrl-C abandons the line, Ctrl-Z sends `end` in configuration modes,
 *     Ctrl-D on an empty line leaves;
 *   - monitor text ('M', `terminal monitor`) arriving while the user types
 *     is printed above the prompt and the line redrawn;
 *   - a password requested with status '2' is read without echo.
 */
#include "nas.h"

#include <errno.h>
#include <histedit.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

/* History entries kept for the session (in memory only: commands can
 * carry secrets, so nothing is written to disk). */
#define NAS_HISTORY_LINES 500

struct nas_edit {
	struct nas_conn *conn;
	EditLine *el;
	History *hist;
	mbstate_t mbs;	    /* UTF-8 decoding state of keyboard input */
	bool line_shown;    /* prompt and edit line are on screen at the
			     * cursor (libedit owns the terminal) */
	bool lost;	    /* the connection failed (reported) */
	bool discard;	    /* the line returned by el_gets() was abandoned */
	bool send_end;	    /* Ctrl-Z: run `end` instead of the line */
	struct strbuf held; /* completion candidates held back while a
			     * completion is in flight */
	bool holding;	    /* 'O' text goes to `held` */
};

/* Screen geometry of the edit line, in terminal cells. */
struct nas_geom {
	size_t cols;	   /* terminal width */
	size_t cursor_row; /* rows from the prompt's row to the cursor */
	size_t last_row;   /* rows from the prompt's row to the line end */
};

static struct nas_edit *nas_edit_of(EditLine *el)
{
	void *ctx = NULL;

	el_get(el, EL_CLIENTDATA, &ctx);
	return ctx;
}

static size_t nas_term_cols(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Display width of n wide characters (unprintable ones count as 1, which
 * is what libedit shows them as at least). */
static size_t nas_wwidth(const wchar_t *s, size_t n)
{
	size_t w = 0;

	for (size_t i = 0; i < n; i++) {
		int cw = wcwidth(s[i]);

		w += cw < 0 ? 1 : (size_t)cw;
	}
	return w;
}

static size_t nas_mbwidth(const char *s)
{
	mbstate_t st;
	size_t w = 0;

	memset(&st, 0, sizeof(st));
	while (*s) {
		wchar_t wc;
		size_t r = mbrtowc(&wc, s, strlen(s), &st);
		int cw;

		if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
			memset(&st, 0, sizeof(st));
			w++;
			s++;
			continue;
		}
		cw = wcwidth(wc);
		w += cw < 0 ? 1 : (size_t)cw;
		s += r;
	}
	return w;
}

static void nas_edit_geom(struct nas_edit *ed, struct nas_geom *g)
{
	const LineInfoW *li = el_wline(ed->el);
	size_t pw = nas_mbwidth(sb_str(&ed->conn->prompt));
	size_t before = (size_t)(li->cursor - li->buffer);
	size_t total = (size_t)(li->lastchar - li->buffer);

	g->cols = nas_term_cols();
	g->cursor_row = (pw + nas_wwidth(li->buffer, before)) / g->cols;
	g->last_row = (pw + nas_wwidth(li->buffer, total)) / g->cols;
}

/* Write text while libedit may have the terminal in its edit mode: if
 * output post-processing is off there, every bare \n becomes \r\n. */
static void nas_edit_put(const char *text, size_t len)
{
	struct termios tio;
	size_t start = 0;

	if (tcgetattr(STDOUT_FILENO, &tio) != 0 ||
	    ((tio.c_oflag & OPOST) && (tio.c_oflag & ONLCR))) {
		nas_write_all(STDOUT_FILENO, text, len);
		return;
	}
	for (size_t i = 0; i < len; i++) {
		if (text[i] != '\n' || (i > 0 && text[i - 1] == '\r'))
			continue;
		nas_write_all(STDOUT_FILENO, text + start, i - start);
		nas_write_all(STDOUT_FILENO, "\r", 1);
		start = i;
	}
	nas_write_all(STDOUT_FILENO, text + start, len - start);
}

/* Move the terminal cursor from the edit cursor to the end of the edit
 * line's text, so what is written next follows the line. */
static void nas_edit_to_end(struct nas_edit *ed, struct nas_geom *g)
{
	const LineInfoW *li = el_wline(ed->el);
	size_t pw = nas_mbwidth(sb_str(&ed->conn->prompt));
	size_t total = (size_t)(li->lastchar - li->buffer);
	char seq[48];

	nas_edit_geom(ed, g);
	if (li->cursor == li->lastchar)
		return; /* already there */
	/* Down to the last row, then to the column after the text. */
	snprintf(seq, sizeof(seq), "\033[%zuB", g->last_row - g->cursor_row);
	if (g->last_row > g->cursor_row)
		nas_write_all(STDOUT_FILENO, seq, strlen(seq));
	snprintf(seq, sizeof(seq), "\033[%zuG",
		 (pw + nas_wwidth(li->buffer, total)) % g->cols + 1);
	nas_write_all(STDOUT_FILENO, seq, strlen(seq));
}

/* Leave the edit line for the row under it, writing `mark` after the
 * line's text first (IOS leaves a typed `?` there; ^C shows as "^C"). */
static void nas_edit_below(struct nas_edit *ed, const char *mark)
{
	struct nas_geom g;

	nas_edit_to_end(ed, &g);
	nas_write_all(STDOUT_FILENO, mark, strlen(mark));
	nas_edit_put("\n", 1);
	ed->line_shown = false;
}

/* The cursor is at the start of an empty row: draw prompt and line there
 * again.  EL_REFRESH forgets what libedit believed was on screen. */
static void nas_edit_redraw(struct nas_edit *ed)
{
	el_set(ed->el, EL_REFRESH);
}

/* Text that arrives while the edit line is on screen: erase the line,
 * print the text where it was, draw the line again under it. */
static void nas_edit_above(struct nas_edit *ed, const char *text, size_t len)
{
	struct nas_geom g;
	char seq[32];

	nas_edit_geom(ed, &g);
	if (g.cursor_row > 0) {
		snprintf(seq, sizeof(seq), "\033[%zuA", g.cursor_row);
		nas_write_all(STDOUT_FILENO, seq, strlen(seq));
	}
	nas_write_all(STDOUT_FILENO, "\r\033[J", 4);
	nas_edit_put(text, len);
	if (len > 0 && text[len - 1] != '\n')
		nas_edit_put("\n", 1);
	nas_edit_redraw(ed);
}

/* Sink for 'M' records, and for 'O' records outside a completion. */
static void nas_edit_monitor(void *ctx, const char *text, size_t len)
{
	struct nas_edit *ed = ctx;

	if (ed->line_shown)
		nas_edit_above(ed, text, len);
	else if (ed->el)
		nas_edit_put(text, len);
	else
		nas_write_all(STDOUT_FILENO, text, len);
}

/* Sink for 'O' records: completion candidates are held back until the
 * line has been left. */
static void nas_edit_output(void *ctx, const char *text, size_t len)
{
	struct nas_edit *ed = ctx;

	if (ed->holding)
		sb_putn(&ed->held, text, len);
	else
		nas_edit_monitor(ed, text, len);
}

static void nas_edit_report(struct nas_edit *ed)
{
	if (ed->lost)
		return;
	ed->lost = true;
	if (ed->line_shown)
		nas_edit_put("\n", 1);
	fprintf(stderr, "nas: %s\n", sb_str(&ed->conn->err));
}

static char *nas_edit_prompt(EditLine *el)
{
	struct nas_edit *ed = nas_edit_of(el);

	/* libedit wants a writable pointer; it does not write through it. */
	return (char *)sb_str(&ed->conn->prompt);
}

/* Handle the socket becoming readable while the user types. */
static int nas_edit_socket(struct nas_edit *ed)
{
	struct nas_conn *conn = ed->conn;
	struct strbuf old = STRBUF_INIT;

	sb_puts(&old, sb_str(&conn->prompt));
	if (nas_conn_pump(conn)) {
		sb_free(&old);
		nas_edit_report(ed);
		return -1;
	}
	/* An unsolicited 'E': the server ended the session (exec-timeout,
	 * clear line) or moved us to another mode. */
	if (conn->end_seen) {
		conn->end_seen = false;
		if (conn->closed) {
			/* Take the redrawn prompt away again. */
			nas_write_all(STDOUT_FILENO, "\r\033[J", 4);
			sb_free(&old);
			return -1;
		}
		if (strcmp(sb_str(&old), sb_str(&conn->prompt)) != 0) {
			nas_write_all(STDOUT_FILENO, "\r\033[J", 4);
			nas_edit_redraw(ed);
		}
	}
	sb_free(&old);
	return 0;
}

/* libedit's character source: the keyboard, while the socket is watched
 * for monitor text.  Returns 1 with *wc set, 0 at end of input (Ctrl-D is
 * handled by libedit itself; this is a hang-up or a lost server). */
static int nas_edit_getc(EditLine *el, wchar_t *wc)
{
	struct nas_edit *ed = nas_edit_of(el);

	ed->line_shown = true;
	for (;;) {
		struct pollfd pfd[2] = {
			{.fd = STDIN_FILENO, .events = POLLIN},
			{.fd = ed->conn->fd, .events = POLLIN},
		};
		unsigned char c;
		ssize_t n;
		size_t r;

		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (pfd[1].revents && nas_edit_socket(ed))
			return 0;
		if (!pfd[0].revents)
			continue;
		n = read(STDIN_FILENO, &c, 1);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			return 0;
		r = mbrtowc(wc, (const char *)&c, 1, &ed->mbs);
		if (r == (size_t)-2)
			continue; /* middle of a UTF-8 sequence */
		if (r == (size_t)-1) {
			/* Not valid in the locale: pass the octet on. */
			memset(&ed->mbs, 0, sizeof(ed->mbs));
			*wc = (wchar_t)c;
		}
		return 1;
	}
}

/* Text before the cursor, as a multibyte string (heap). */
static char *nas_edit_before_cursor(struct nas_edit *ed)
{
	const LineInfoW *li = el_wline(ed->el);
	size_t n = (size_t)(li->cursor - li->buffer);
	wchar_t *w = calloc(n + 1, sizeof(*w));
	char *s;
	size_t len;

	if (!w)
		return NULL;
	wmemcpy(w, li->buffer, n);
	len = wcstombs(NULL, w, 0);
	if (len == (size_t)-1) {
		free(w);
		return NULL;
	}
	s = malloc(len + 1);
	if (s)
		wcstombs(s, w, len + 1);
	free(w);
	return s;
}

/* Send a help or completion request and wait for its end. */
static int nas_edit_ask(struct nas_edit *ed, uint8_t type, const char *text)
{
	struct nas_conn *conn = ed->conn;

	if (nas_conn_send(conn, type, text, strlen(text)) ||
	    nas_conn_wait(conn)) {
		nas_edit_report(ed);
		return -1;
	}
	return 0;
}

/* `?`: context help for the text up to the cursor, IOS style. */
static unsigned char nas_edit_help(EditLine *el, int ch)
{
	struct nas_edit *ed = nas_edit_of(el);
	char *text = nas_edit_before_cursor(ed);
	int rc;

	(void)ch;
	if (!text)
		return CC_ERROR;
	{
		/* IOS echoes the `?` where it was typed, at the line's end;
		 * typed inside the line it shows nothing. */
		const LineInfoW *li = el_wline(el);

		nas_edit_below(ed, li->cursor == li->lastchar ? "?" : "");
	}
	rc = nas_edit_ask(ed, VTY_REC_HELP, text);
	free(text);
	if (rc)
		return CC_EOF;
	ed->line_shown = true;
	nas_edit_redraw(ed);
	return CC_NORM;
}

/* Tab: replace the text before the cursor with the server's completion. */
static unsigned char nas_edit_complete(EditLine *el, int ch)
{
	struct nas_edit *ed = nas_edit_of(el);
	char *text = nas_edit_before_cursor(ed);
	const LineInfoW *li;
	bool changed = false;
	int rc;

	(void)ch;
	if (!text)
		return CC_ERROR;
	sb_reset(&ed->held);
	ed->holding = true;
	rc = nas_edit_ask(ed, VTY_REC_COMPLETE, text);
	ed->holding = false;
	if (rc) {
		free(text);
		return CC_EOF;
	}
	if (ed->conn->line_seen && strcmp(sb_str(&ed->conn->line), text)) {
		/* Never let a NUL or control character into the line. */
		const char *nl = sb_str(&ed->conn->line);
		bool clean = strlen(nl) == ed->conn->line.len;

		for (const char *p = nl; clean && *p; p++)
			clean = (unsigned char)*p >= 0x20 && *p != 0x7f;
		if (clean) {
			li = el_wline(el);
			el_deletestr(el, (int)(li->cursor - li->buffer));
			el_insertstr(el, nl);
			changed = true;
		}
	}
	free(text);
	if (ed->held.len > 0) {
		nas_edit_below(ed, "");
		nas_edit_put(ed->held.s, ed->held.len);
		if (ed->held.s[ed->held.len - 1] != '\n')
			nas_edit_put("\n", 1);
		ed->line_shown = true;
		nas_edit_redraw(ed);
		return CC_NORM;
	}
	if (changed)
		return CC_REFRESH;
	return ed->conn->status == VTY_STATUS_OK ? CC_NORM : CC_REFRESH_BEEP;
}

/* Finish el_gets() now, with the current line marked as not to be run. */
static unsigned char nas_edit_finish(struct nas_edit *ed, const char *mark)
{
	nas_edit_below(ed, mark);
	ed->discard = true;
	return CC_NEWLINE;
}

/* Ctrl-C: abandon the line (the terminal's ISIG is off while editing, so
 * this arrives as a character rather than killing the client). */
static unsigned char nas_edit_interrupt(EditLine *el, int ch)
{
	(void)ch;
	return nas_edit_finish(nas_edit_of(el), "^C");
}

/* Ctrl-Z: IOS's shortcut for `end`, leaving any configuration mode. */
static unsigned char nas_edit_ctrl_z(EditLine *el, int ch)
{
	struct nas_edit *ed = nas_edit_of(el);

	(void)ch;
	if (!strstr(sb_str(&ed->conn->prompt), "(config"))
		return CC_ERROR;
	ed->send_end = true;
	return nas_edit_finish(ed, "^Z");
}

static int nas_edit_setup(struct nas_edit *ed)
{
	HistEvent ev;
	EditLine *el;

	ed->hist = history_init();
	el = el_init("nas", stdin, stdout, stderr);
	if (!ed->hist || !el) {
		if (el)
			el_end(el);
		fprintf(stderr, "nas: cannot initialise line editing\n");
		return -1;
	}
	ed->el = el;
	history(ed->hist, &ev, H_SETSIZE, NAS_HISTORY_LINES);
	history(ed->hist, &ev, H_SETUNIQUE, 1);
	el_set(el, EL_CLIENTDATA, ed);
	el_set(el, EL_EDITOR, "emacs");
	el_set(el, EL_SIGNAL, 1);
	el_set(el, EL_PROMPT, nas_edit_prompt);
	el_set(el, EL_HIST, history, ed->hist);
	el_set(el, EL_GETCFN, nas_edit_getc);
	/* ^C and ^Z must reach the editor as keys, not signals. */
	el_set(el, EL_SETTY, "-d", "-isig", NULL);
	/* The wide form: libedit keeps these pointers (the narrow form
	 * leaks a converted copy of each). */
	el_wset(el, EL_ADDFN, L"nas-help", L"IOS context help", nas_edit_help);
	el_wset(el, EL_ADDFN, L"nas-complete", L"complete the command",
		nas_edit_complete);
	el_wset(el, EL_ADDFN, L"nas-interrupt", L"abandon the line",
		nas_edit_interrupt);
	el_wset(el, EL_ADDFN, L"nas-end", L"leave configuration mode",
		nas_edit_ctrl_z);
	el_set(el, EL_BIND, "?", "nas-help", NULL);
	el_set(el, EL_BIND, "^I", "nas-complete", NULL);
	el_set(el, EL_BIND, "^C", "nas-interrupt", NULL);
	el_set(el, EL_BIND, "^Z", "nas-end", NULL);
	/* ~/.editrc may override the bindings, as in every libedit tool. */
	el_source(el, NULL);
	return 0;
}

/* Answer password prompts (status '2') until the server stops asking.
 * Returns 0, or -1 when the connection failed (reported). */
static int nas_edit_passwords(struct nas_edit *ed)
{
	struct nas_conn *conn = ed->conn;

	while (conn->status == VTY_STATUS_PASSWORD && !conn->closed) {
		char *secret = nas_read_secret(conn, STDIN_FILENO,
					       sb_str(&conn->prompt));
		int rc;

		if (!secret && conn->fd < 0) {
			nas_edit_report(ed);
			return -1;
		}
		/* Giving up at the prompt still answers it, with an empty
		 * password, so the server leaves its password state. */
		rc = nas_conn_send(conn, VTY_REC_PASSWORD, secret ? secret : "",
				   secret ? strlen(secret) : 0);
		nas_secret_free(secret);
		if (rc || nas_conn_wait(conn)) {
			nas_edit_report(ed);
			return -1;
		}
	}
	return 0;
}

/* Run one line; returns -1 when the session is over (closed or lost). */
static int nas_edit_exec(struct nas_edit *ed, const char *line, size_t len)
{
	struct nas_conn *conn = ed->conn;

	ed->line_shown = false;
	if (nas_conn_send(conn, VTY_REC_EXEC, line, len) ||
	    nas_conn_wait(conn)) {
		nas_edit_report(ed);
		return -1;
	}
	if (nas_edit_passwords(ed))
		return -1;
	return conn->closed ? -1 : 0;
}

static bool nas_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

/* One line from the editor: run it unless it was abandoned or blank.
 * Returns -1 when the session is over. */
static int nas_edit_line(struct nas_edit *ed, const char *line)
{
	size_t len = strlen(line);
	HistEvent ev;
	char *copy;
	int rc;

	if (ed->send_end)
		return nas_edit_exec(ed, "end", 3);
	if (ed->discard)
		return 0;
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	if (nas_blank(line, len))
		return 0;
	copy = strndup(line, len);
	if (!copy) {
		fprintf(stderr, "nas: out of memory\n");
		ed->lost = true;
		return -1;
	}
	history(ed->hist, &ev, H_ENTER, copy);
	rc = nas_edit_exec(ed, copy, len);
	free(copy);
	return rc;
}

int nas_edit_run(struct nas_conn *conn)
{
	struct nas_edit ed;

	memset(&ed, 0, sizeof(ed));
	ed.conn = conn;
	conn->on_output = nas_edit_output;
	conn->output_ctx = &ed;
	conn->on_monitor = nas_edit_monitor;
	conn->monitor_ctx = &ed;
	/* The greeting may ask for a login password straight away. */
	if (nas_edit_passwords(&ed) == 0 && !conn->closed &&
	    nas_edit_setup(&ed) == 0) {
		for (;;) {
			int count = 0;
			const char *line;

			ed.discard = false;
			ed.send_end = false;
			line = el_gets(ed.el, &count);
			ed.line_shown = false;
			if (ed.lost || conn->closed)
				break;
			if (!line || count <= 0) {
				/* Ctrl-D on an empty line: leave. */
				nas_write_all(STDOUT_FILENO, "\n", 1);
				break;
			}
			if (nas_edit_line(&ed, line))
				break;
		}
	} else if (!ed.lost && !conn->closed) {
		ed.lost = true; /* setup failed (reported) */
	}
	if (ed.el)
		el_end(ed.el);
	if (ed.hist)
		history_end(ed.hist);
	sb_free(&ed.held);
	return ed.lost ? NAS_EXIT_FAIL : NAS_EXIT_OK;
}
