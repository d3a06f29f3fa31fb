// SPDX-License-Identifier: GPL-2.0
/* The print layer: one call per field, text or JSON. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "main.h"
#include "print.h"

#define JSON_MAX_DEPTH	16

bool utf8_output;

static struct json_object *json_root;
static struct json_object *json_stack[JSON_MAX_DEPTH];
static int json_depth;

void print_json_discard(void)
{
	json_object_put(json_root);
	json_root = NULL;
	json_depth = 0;
}

void print_json_end(void)
{
	int flags = JSON_C_TO_STRING_NOSLASHESCAPE;

	if (!json_root)
		return;
	if (pretty_output)
		flags |= JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED;
	puts(json_object_to_json_string_ext(json_root, flags));
	print_json_discard();
}

/* Add @obj to the innermost open container, or make it the root. */
static void json_attach(const char *key, struct json_object *obj)
{
	struct json_object *top;

	if (!json_depth) {
		json_object_put(json_root);
		json_root = obj;
		return;
	}
	top = json_stack[json_depth - 1];
	if (json_object_is_type(top, json_type_array))
		json_object_array_add(top, obj);
	else
		json_object_object_add(top, key, obj);
}

static void json_open(const char *key, struct json_object *obj)
{
	json_attach(key, obj);
	if (json_depth < JSON_MAX_DEPTH)
		json_stack[json_depth++] = obj;
}

void open_json_object(const char *key)
{
	if (json_output)
		json_open(key, json_object_new_object());
}

void open_json_array(const char *key)
{
	if (json_output)
		json_open(key, json_object_new_array());
}

void close_json_object(void)
{
	if (json_output && json_depth)
		json_depth--;
}

void close_json_array(void)
{
	close_json_object();
}

/* Text half of a field: @fmt gets the already formatted value. */
static void text_field(const char *fmt, const char *val)
{
	if (!json_output && fmt)
		printf(fmt, val);
}

void print_str(const char *key, const char *fmt, const char *val)
{
	if (json_output) {
		if (key)
			json_attach(key,
				    val ? json_object_new_string(val) : NULL);
		return;
	}
	text_field(fmt, val ? val : "-");
}

void print_u64(const char *key, const char *fmt, uint64_t val)
{
	char buf[24];

	if (json_output) {
		if (key)
			json_attach(key, json_object_new_uint64(val));
		return;
	}
	snprintf(buf, sizeof(buf), "%" PRIu64, val);
	text_field(fmt, buf);
}

void print_s64(const char *key, const char *fmt, int64_t val)
{
	char buf[24];

	if (json_output) {
		if (key)
			json_attach(key, json_object_new_int64(val));
		return;
	}
	snprintf(buf, sizeof(buf), "%" PRId64, val);
	text_field(fmt, buf);
}

/* A JSON number written as @text (a decimal fraction); no text output. */
void print_double(const char *key, const char *text)
{
	double v;

	if (!json_output || !key || sscanf(text, "%lf", &v) != 1)
		return;
	json_attach(key, json_object_new_double_s(v, text));
}

void print_bool(const char *key, const char *fmt, bool val)
{
	if (json_output) {
		if (key)
			json_attach(key, json_object_new_boolean(val));
		return;
	}
	text_field(fmt, val ? "yes" : "no");
}

void print_time(const char *key, const char *fmt, uint64_t ns)
{
	char buf[32];

	if (json_output) {
		print_u64(key, fmt, ns);
		return;
	}
	fmt_time(buf, sizeof(buf), ns);
	text_field(fmt, buf);
}

void print_u64_array(const char *key, const uint64_t *val, size_t n)
{
	size_t i;

	if (!json_output || !key)
		return;
	open_json_array(key);
	for (i = 0; i < n; i++)
		print_u64("", NULL, val[i]);
	close_json_array();
}

void print_str_array(const char *key, const char *fmt, const char *const *val,
		     size_t n)
{
	size_t i;

	open_json_array(key);
	for (i = 0; i < n; i++)
		print_str("", fmt, val[i]);
	close_json_array();
}

void print_text(const char *fmt, ...)
{
	va_list ap;

	if (json_output)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

void print_nl(void)
{
	if (!json_output)
		putchar('\n');
}

struct json_object *print_json_container(void)
{
	return json_output && json_depth ? json_stack[json_depth - 1] : NULL;
}

void fmt_time(char *buf, size_t len, uint64_t ns)
{
	/* Switch units early enough that rounding never shows "1000.0". */
	if (ns < 1000)
		snprintf(buf, len, "%" PRIu64 " ns", ns);
	else if (ns < 999950)
		snprintf(buf, len, "%.1f %s", ns / 1e3, utf8_output ? "µs" : "us");
	else if (ns < 999950000)
		snprintf(buf, len, "%.1f ms", ns / 1e6);
	else if (ns < 99995000000ull)
		snprintf(buf, len, "%.2f s", ns / 1e9);
	else if (ns < 5997000000000ull)
		snprintf(buf, len, "%.1f min", ns / 60e9);
	else
		snprintf(buf, len, "%.1f h", ns / 3600e9);
}
