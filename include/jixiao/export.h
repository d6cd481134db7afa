/*
** export.h - writing the store's forms out.
*/
#ifndef JIXIAO_EXPORT_H
#define JIXIAO_EXPORT_H

#include <stdio.h>
#include "jixiao/error.h"
#include "jixiao/model.h"

/*
** The JSON export contract, version 1 (see README): {"version": 1,
** "forms": [...]}. Fields may be added later, never renamed or removed.
** Returns a new jansson json_t* (as void* to keep jansson out of this header);
** the caller json_decref()s it.
*/
void *jx_export_json(const jx_form_list *forms);
void *jx_form_to_json(const jx_form *form);

/*
** Write bytes to path atomically: a temporary file beside it, fsync'd and
** renamed into place, so path never holds a half-written file.
*/
jx_status jx_write_file_atomic(const char *path, const char *data, size_t len,
                               jx_error *err);

#endif
