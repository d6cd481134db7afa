/*
** import.h - from a document to forms and disclosure parts: the one import
** pipeline. decode -> probe the reader table -> rows -> parts.
*/
#ifndef JIXIAO_IMPORT_H
#define JIXIAO_IMPORT_H

#include "jixiao/error.h"
#include "jixiao/limits.h"   /* JX_MAX_FILE_BYTES: the largest document accepted */
#include "jixiao/model.h"
#include <stddef.h>

/*
** Import a document held in memory. name is its base name (recorded in each
** form and used in errors); data[0..len) its bytes, borrowed: any layout the
** reader table knows (markdown/TSV lines, one cell per line, .xlsx, .docx),
** UTF-8 or GB18030 text. Forms are appended to *forms, a department
** disclosure's tables and narratives to forms->disclosures; sha256_hex (65
** bytes) gets the SHA-256 of the bytes. Nothing is appended on error; the
** error names the file, the line (and worksheet) and what is wrong.
*/
jx_status jx_import_bytes(const char *name, const char *data, size_t len,
                          jx_form_list *forms, char sha256_hex[65], jx_error *err);

/*
** Read the regular file at path (at most JX_MAX_FILE_BYTES) and import it
** with jx_import_bytes under its base name.
*/
jx_status jx_import_file(const char *path, jx_form_list *forms,
                         char sha256_hex[65], jx_error *err);

/*
** Where jx_import_file_to delivers a document as it reads it. begin: the
** file's hash is known (called once before any forms, and again after a
** reset). forms: a batch of complete forms in document order; the sink may
** set their ids (store them) and must not keep the batch, which is freed
** when it returns. reset: forget everything begun and delivered (the
** document is read again whole). A sink's failure stops the import with it.
*/
typedef struct jx_import_sink {
    void *ctx;
    jx_status (*begin)(void *ctx, const char *sha256_hex, jx_error *err);
    jx_status (*forms)(void *ctx, jx_form_list *batch, jx_error *err);
    void (*reset)(void *ctx);
} jx_import_sink;

/*
** Import the file at path as jx_import_file does, in bounded memory: a text
** file of more than `piece` bytes (0: JX_IMPORT_PIECE_BYTES) in the
** markdown/TSV line layout is parsed piece by piece and its forms go to the
** sink batch by batch (see import.c for what stays whole). rest, an empty
** list, gets what remains once the document is read: the forms not
** delivered (all of them when the file was read whole), the notes, the
** disclosure, evaluations and a PDF's boxes. The forms of the batches and
** of rest, in that order, are jx_import_file's. On success the sink has
** begun; on error the caller discards what the sink received (rest keeps
** nothing worth storing).
*/
jx_status jx_import_file_to(const char *path, size_t piece, const jx_import_sink *sink,
                            jx_form_list *rest, char sha256_hex[65], jx_error *err);

#endif
