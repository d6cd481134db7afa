/*
** secret.c - random bytes (getrandom), SHA-256 (nettle), constant-time
** comparison and Argon2id password hashes (libargon2): see jixiao/secret.h.
**
** The Argon2id parameters are OWASP's minimum (19 MiB, 2 passes, 1 lane):
** a login costs tens of milliseconds, and a stolen hash costs an attacker
** as much per guess. They are stored in each encoded hash, so raising them
** later leaves old hashes verifiable.
*/
#include <argon2.h>
#include <errno.h>
#include <nettle/sha2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "jixiao/secret.h"
#include "jixiao/util.h"

#define ARGON2_T 2
#define ARGON2_M_KIB 19456
#define ARGON2_P 1
#define SALT_BYTES 16
#define HASH_BYTES 32

jx_status jx_random_bytes(void *buf, size_t n, jx_error *err)
{
    unsigned char *p = buf;
    while (n > 0) {
        ssize_t got = getrandom(p, n, 0);
        if (got < 0) {
            if (errno == EINTR) continue;
            return jx_error_set(err, JX_ESYS, NULL, 0, "getrandom: %s", strerror(errno));
        }
        p += got;
        n -= (size_t)got;
    }
    return JX_OK;
}

jx_status jx_random_hex(char *out, size_t n, jx_error *err)
{
    unsigned char raw[64];
    if (n > sizeof raw) return jx_error_set(err, JX_EUSAGE, NULL, 0, "random_hex: %zu bytes is too many", n);
    jx_status rc = jx_random_bytes(raw, n, err);
    if (rc) return rc;
    for (size_t i = 0; i < n; i++) snprintf(out + 2 * i, 3, "%02x", raw[i]);
    out[2 * n] = '\0';
    return JX_OK;
}

void jx_sha256_hex(const void *data, size_t len, char out[65])
{
    struct sha256_ctx h;
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_init(&h);
    sha256_update(&h, len, data);
    sha256_digest(&h, sizeof d, d);
    for (size_t i = 0; i < sizeof d; i++) snprintf(out + 2 * i, 3, "%02x", d[i]);
}

/* Every byte of the longer string is looked at; the result does not leak where they differ. */
int jx_secret_equal(const char *a, const char *b)
{
    if (!a || !b) return 0;
    size_t la = strlen(a), lb = strlen(b), n = la > lb ? la : lb;
    unsigned char diff = la != lb;
    for (size_t i = 0; i < n; i++)
        diff |= (unsigned char)((i < la ? a[i] : 0) ^ (i < lb ? b[i] : 0));
    return diff == 0;
}

jx_status jx_password_hash(const char *password, char **out, jx_error *err)
{
    *out = NULL;
    size_t len = strlen(password);
    if (len < JX_PASSWORD_MIN)
        return jx_error_set(err, JX_EUSAGE, NULL, 0, "the password needs at least %d characters",
                            JX_PASSWORD_MIN);
    if (len > JX_PASSWORD_MAX)
        return jx_error_set(err, JX_EUSAGE, NULL, 0, "the password is longer than %d bytes",
                            JX_PASSWORD_MAX);
    unsigned char salt[SALT_BYTES];
    jx_status rc = jx_random_bytes(salt, sizeof salt, err);
    if (rc) return rc;
    size_t n = argon2_encodedlen(ARGON2_T, ARGON2_M_KIB, ARGON2_P, SALT_BYTES, HASH_BYTES, Argon2_id);
    char *enc = jx_xmalloc(n);
    int r = argon2id_hash_encoded(ARGON2_T, ARGON2_M_KIB, ARGON2_P, password, len, salt, sizeof salt,
                                  HASH_BYTES, enc, n);
    if (r != ARGON2_OK) {
        free(enc);
        return jx_error_set(err, JX_ESYS, NULL, 0, "argon2id: %s", argon2_error_message(r));
    }
    *out = enc;
    return JX_OK;
}

int jx_password_verify(const char *encoded, const char *password)
{
    if (!encoded || !password || strncmp(encoded, "$argon2id$", 10) != 0) return 0;
    return argon2id_verify(encoded, password, strlen(password)) == ARGON2_OK;
}
