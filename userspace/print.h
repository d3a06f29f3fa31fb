/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RTNLCTL_PRINT_H
#define RTNLCTL_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "main.h"

/*
 * One print layer for text and JSON, in the spirit of iproute2's
 * json_print: every call names the JSON key and the text format of the
 * same field, so the two outputs cannot drift apart.
 *
 * - A NULL @key prints text only; a NULL @fmt adds to JSON only.
 * - Text formats take one "%s": the layer formats the value itself
 *   (numbers in decimal, times with a human unit, booleans as yes/no).
 * - JSON is built as a json-c tree and written by print_json_end().
 * - Table cells are in table.h.
 */

/* The locale's charset is UTF-8: else text sticks to ASCII (us, <=). */
extern bool utf8_output;

/* Text of a line under another one or under a table row: a stack frame. */
#define SUBLINE_FMT	"    %s\n"

/* Write the JSON built so far (if any) as one document, and drop it. */
void print_json_end(void);
void print_json_discard(void);

void open_json_object(const char *key);
void close_json_object(void);
void open_json_array(const char *key);
void close_json_array(void);

void print_str(const char *key, const char *fmt, const char *val);
void print_u64(const char *key, const char *fmt, uint64_t val);
void print_s64(const char *key, const char *fmt, int64_t val);
void print_bool(const char *key, const char *fmt, bool val);
void print_double(const char *key, const char *text);
void print_time(const char *key, const char *fmt, uint64_t ns);
void print_u64_array(const char *key, const uint64_t *val, size_t n);
/* A JSON array @key of @n strings; text @fmt for each. */
void print_str_array(const char *key, const char *fmt, const char *const *val,
		     size_t n);
__printf(1, 2) void print_text(const char *fmt, ...);
void print_nl(void);


struct json_object;
/* The innermost open JSON container, or NULL. */
struct json_object *print_json_container(void);

/* Human-readable time: "950 ns", "12.3 µs", "4.1 ms", "2.05 s". */
void fmt_time(char *buf, size_t len, uint64_t ns);

#endif
