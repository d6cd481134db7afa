/*
** secret.h - random bytes (getrandom), SHA-256, constant-time comparison and
** Argon2id password hashes (lib/util/secret.c): what users, sessions and the
** audit log (jixiao/auth.h) rest on. No function here logs a secret.
*/
#ifndef JIXIAO_SECRET_H
#define JIXIAO_SECRET_H

#include <stddef.h>

#include "jixiao/error.h"

/* Fill buf with n bytes from getrandom(2). JX_ESYS when the kernel refuses. */
jx_status jx_random_bytes(void *buf, size_t n, jx_error *err);

/* n random bytes as 2n lowercase hex digits into out (size >= 2n + 1). */
jx_status jx_random_hex(char *out, size_t n, jx_error *err);

/* SHA-256 of data as 64 lowercase hex digits into out[65]. */
void jx_sha256_hex(const void *data, size_t len, char out[65]);

/* 1 when the strings are equal, compared in time independent of where they differ. */
int jx_secret_equal(const char *a, const char *b);

/* Password length bounds, in bytes. */
#define JX_PASSWORD_MIN 8
#define JX_PASSWORD_MAX 1024

/* The Argon2id encoded hash of password (owned string in *out). */
jx_status jx_password_hash(const char *password, char **out, jx_error *err);
/* 1 when password matches the encoded hash, 0 otherwise (also for a malformed hash). */
int jx_password_verify(const char *encoded, const char *password);

#endif
