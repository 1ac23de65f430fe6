/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nas.c - main() of `nas`, the CLI client of nasd (what vtysh is to FRR):
 * option parsing and batch mode.
 *
 *   nas [-s SOCKET] -c "show interfaces Async1" [-c ...] [-f FILE] [-k]
 *
 * runs each command in privileged EXEC mode and prints its output; without
 * -c/-f it is interactive (nas_edit.c).  The exit status says whether every
 * command succeeded.  The wire protocol is doc/vty-protocol.md.
 */
#include "nas.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One -c or -f argument, kept in command-line order. */
struct nas_src {
	bool is_file; /* -f FILE ("-" is stdin) rather than -c COMMAND */
	const char *arg;
};

struct nas_batch {
	struct nas_conn *conn;
	bool keep_going; /* -k: go on after a failed command */
	bool failed;	 /* some command failed */
	bool stop;	 /* stop running commands (error or session closed) */
	int tty_fd;	 /* terminal for password prompts, -1 when none */
};

static void nas_usage(FILE *f)
{
	static const char *const lines[] = {
		"Usage: nas [-s SOCKET] [-c COMMAND]... [-f FILE] [-k]",
		"       nas [-s SOCKET]            (interactive)",
		"",
		"The command-line interface of nasd.",
		"",
		"  -s, --socket SOCKET   nasd's CLI socket (nasd --vty), "
		"default",
		"                        " NAS_DEFAULT_SOCKET,
		"  -c, --command CMD     run CMD in privileged EXEC mode and",
		"                        print its output; repeat for several",
		"  -f, --file FILE       run the commands in FILE, one a line",
		"                        ('-' is stdin; blank lines and '!'",
		"                        comments are skipped)",
		"  -k, --keep-going      go on after a failed command "
		"(default:",
		"                        stop at the first failure)",
		"  -h, --help            show this help",
		"",
		"Without -c or -f, nas is interactive when stdin is a "
		"terminal:",
		"'?' shows help for the line so far, Tab completes, Ctrl-C",
		"clears the line, Ctrl-Z leaves configuration mode, Ctrl-D or",
		"'exit' leaves.  When stdin is not a terminal, its lines are "
		"run",
		"as with -f -.",
		"",
		"Exit status: 0 every command succeeded, 1 a command failed or",
		"the connection to nasd failed, 2 bad usage.",
	};

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		fprintf(f, "%s\n", lines[i]);
}

static void nas_print_stdout(void *ctx, const char *text, size_t len)
{
	(void)ctx;
	nas_write_all(STDOUT_FILENO, text, len);
}

static void nas_keep_text(void *ctx, const char *text, size_t len)
{
	sb_putn(ctx, text, len);
}

static void nas_conn_error(const struct nas_conn *conn)
{
	fprintf(stderr, "nas: %s\n", sb_str(&conn->err));
}

/* Answer password prompts (status '2') until the server stops asking.
 * Returns 0 or -1 (connection failed, or no way to ask the user). */
static int nas_batch_passwords(struct nas_batch *batch)
{
	struct nas_conn *conn = batch->conn;

	while (conn->status == VTY_STATUS_PASSWORD) {
		char *secret;
		int rc;

		if (batch->tty_fd < 0) {
			fprintf(stderr,
				"nas: nasd at %s asks for a password and "
				"there is no terminal to read it from\n",
				conn->path);
			return -1;
		}
		secret = nas_read_secret(conn, batch->tty_fd,
					 sb_str(&conn->prompt));
		if (!secret) {
			if (conn->fd < 0)
				nas_conn_error(conn);
			else
				fprintf(stderr, "nas: no password given\n");
			return -1;
		}
		rc = nas_conn_send(conn, VTY_REC_PASSWORD, secret,
				   strlen(secret));
		nas_secret_free(secret);
		if (rc || nas_conn_wait(conn)) {
			nas_conn_error(conn);
			return -1;
		}
	}
	return 0;
}

/* Run one command line.  Returns its final status octet, or -1 when the
 * connection failed (already reported). */
static int nas_batch_exec(struct nas_batch *batch, const char *line, size_t len)
{
	struct nas_conn *conn = batch->conn;

	if (conn->closed) {
		fprintf(stderr,
			"nas: nasd closed the session before all commands "
			"ran\n");
		return -1;
	}
	if (nas_conn_send(conn, VTY_REC_EXEC, line, len) ||
	    nas_conn_wait(conn)) {
		nas_conn_error(conn);
		return -1;
	}
	if (nas_batch_passwords(batch))
		return -1;
	return conn->status;
}

/* Skip lines that carry no command: blank ones and IOS '!' comments. */
static bool nas_line_is_blank(const char *line, size_t len)
{
	size_t i = 0;

	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	return i == len || line[i] == '!';
}

/* Run one line from a source; `file` (NULL for -c) and `lineno` name it
 * in the message when it fails. */
static void nas_batch_line(struct nas_batch *batch, const char *line,
			   size_t len, const char *file, size_t lineno)
{
	int st;

	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	if (batch->stop || nas_line_is_blank(line, len))
		return;
	st = nas_batch_exec(batch, line, len);
	if (st < 0) {
		batch->failed = true;
		batch->stop = true;
		return;
	}
	if (st == VTY_STATUS_ERROR) {
		batch->failed = true;
		if (file)
			fprintf(stderr, "nas: %s:%zu: command failed\n", file,
				lineno);
		if (!batch->keep_going)
			batch->stop = true;
	}
}

/* -c COMMAND: a multi-line argument is several commands. */
static void nas_batch_command(struct nas_batch *batch, const char *cmd)
{
	const char *p = cmd;

	while (!batch->stop) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		nas_batch_line(batch, p, len, NULL, 0);
		if (!nl)
			break;
		p = nl + 1;
	}
}

static void nas_batch_file(struct nas_batch *batch, const char *path)
{
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;

	if (!f) {
		fprintf(stderr, "nas: cannot open %s: %s\n", path,
			strerror(errno));
		batch->failed = true;
		batch->stop = true;
		return;
	}
	while (!batch->stop && (n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		nas_batch_line(batch, line, (size_t)n,
			       is_stdin ? "<stdin>" : path, lineno);
	}
	free(line);
	if (!is_stdin)
		fclose(f);
}

/* nas -c/-f: enter privileged EXEC mode if the session did not start
 * there, as vtysh does, so scripts need not say `enable`. */
static int nas_batch_enable(struct nas_batch *batch)
{
	struct nas_conn *conn = batch->conn;
	const char *prompt;
	size_t plen;
	int st;

	/* A login password first, if the line asks for one. */
	if (nas_batch_passwords(batch))
		return -1;
	prompt = sb_str(&conn->prompt);
	plen = strlen(prompt);
	if (plen == 0 || prompt[plen - 1] != '>')
		return 0;
	st = nas_batch_exec(batch, "enable", 6);
	if (st < 0)
		return -1;
	prompt = sb_str(&conn->prompt);
	plen = strlen(prompt);
	if (st != VTY_STATUS_OK || (plen > 0 && prompt[plen - 1] == '>')) {
		fprintf(stderr,
			"nas: cannot enter privileged EXEC mode on "
			"nasd at %s\n",
			conn->path);
		return -1;
	}
	return 0;
}

static int nas_batch_run(struct nas_conn *conn, const struct nas_src *srcs,
			 size_t nsrcs, bool keep_going)
{
	struct nas_batch batch = {
		.conn = conn,
		.keep_going = keep_going,
		.tty_fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC),
	};

	conn->on_output = nas_print_stdout;
	conn->on_monitor = nas_print_stdout;
	if (nas_batch_enable(&batch) == 0) {
		for (size_t i = 0; i < nsrcs && !batch.stop; i++) {
			if (srcs[i].is_file)
				nas_batch_file(&batch, srcs[i].arg);
			else
				nas_batch_command(&batch, srcs[i].arg);
		}
	} else {
		batch.failed = true;
	}
	if (batch.tty_fd >= 0)
		close(batch.tty_fd);
	return batch.failed ? NAS_EXIT_FAIL : NAS_EXIT_OK;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"socket", required_argument, NULL, 's'},
		{"command", required_argument, NULL, 'c'},
		{"file", required_argument, NULL, 'f'},
		{"keep-going", no_argument, NULL, 'k'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *path = NAS_DEFAULT_SOCKET;
	struct nas_src *srcs = calloc((size_t)argc, sizeof(*srcs));
	size_t nsrcs = 0;
	bool keep_going = false;
	struct nas_conn conn;
	struct strbuf greeting = STRBUF_INIT;
	int opt, rc;

	if (!srcs) {
		fprintf(stderr, "nas: out of memory\n");
		return NAS_EXIT_FAIL;
	}
	setlocale(LC_CTYPE, "");
	while ((opt = getopt_long(argc, argv, "s:c:f:kh", longopts, NULL)) !=
	       -1) {
		switch (opt) {
		case 's':
			path = optarg;
			break;
		case 'c':
		case 'f':
			srcs[nsrcs].is_file = opt == 'f';
			srcs[nsrcs].arg = optarg;
			nsrcs++;
			break;
		case 'k':
			keep_going = true;
			break;
		case 'h':
			nas_usage(stdout);
			free(srcs);
			return NAS_EXIT_OK;
		default:
			nas_usage(stderr);
			free(srcs);
			return NAS_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr,
			"nas: unexpected argument '%s' (commands go "
			"after -c)\n",
			argv[optind]);
		free(srcs);
		return NAS_EXIT_USAGE;
	}
	if (nsrcs == 0 && !isatty(STDIN_FILENO)) {
		srcs[0].is_file = true;
		srcs[0].arg = "-";
		nsrcs = 1;
	}
	if (nas_conn_open(&conn, path) == 0) {
		/* The greeting may carry a banner: shown when interactive,
		 * kept for an error message in batch mode. */
		conn.on_output = nsrcs ? nas_keep_text : nas_print_stdout;
		conn.output_ctx = &greeting;
		conn.on_monitor = nas_print_stdout;
		nas_conn_wait(&conn);
	}
	if (!conn.end_seen || conn.closed) {
		if (!conn.end_seen) {
			nas_conn_error(&conn);
		} else {
			nas_write_all(STDERR_FILENO, greeting.s, greeting.len);
			fprintf(stderr, "nas: nasd at %s closed the session\n",
				path);
		}
		sb_free(&greeting);
		nas_conn_close(&conn);
		free(srcs);
		return NAS_EXIT_FAIL;
	}
	sb_free(&greeting);
	if (nsrcs > 0)
		rc = nas_batch_run(&conn, srcs, nsrcs, keep_going);
	else
		rc = nas_edit_run(&conn);
	nas_conn_close(&conn);
	free(srcs);
	return rc;
}
