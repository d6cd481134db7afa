/*
** zipxml.h - what the Office readers share: a ZIP archive held in memory
** (libzip), its parts read with a size limit, and a namespace-aware
** streaming XML parser (expat) that hands callbacks local names.
** Private to lib/ (read/xlsx.c, read/docx.c, office.c).
*/
#ifndef JIXIAO_ZIPXML_H
#define JIXIAO_ZIPXML_H

#include <stddef.h>
#include "jixiao/error.h"

#include "jixiao/limits.h"   /* JX_MAX_PART_BYTES, JX_MAX_PACKAGE_BYTES, JX_MAX_XML_DEPTH */

typedef struct jx_zip jx_zip;

/*
** Open an archive held in data[0..len) (borrowed: it must outlive the
** archive). A damaged archive is JX_EINPUT naming file.
*/
jx_status jx_zip_open(const char *data, size_t len, const char *file,
                      jx_zip **out, jx_error *err);
void jx_zip_close(jx_zip *zip);

/* 1 when the archive holds a part of this name. */
int jx_zip_has(jx_zip *zip, const char *name);

/*
** Read a whole part into a malloc'd NUL-terminated buffer (caller frees).
** A missing, encrypted, oversized or damaged part is JX_EINPUT.
*/
jx_status jx_zip_read(jx_zip *zip, const char *name, char **data, size_t *len,
                      jx_error *err);

/* The namespaces the readers tell apart. */
typedef enum jx_xml_ns {
    JX_NS_OTHER = 0,
    JX_NS_SHEET,    /* spreadsheetml main */
    JX_NS_WORD,     /* wordprocessingml main */
    JX_NS_REL,      /* officeDocument relationships (r:id) */
    JX_NS_PKGREL,   /* package relationships (.rels files) */
    JX_NS_MC        /* markup compatibility (mc:AlternateContent) */
} jx_xml_ns;

/* Callbacks of jx_xml_parse; names are local (prefix removed). */
typedef struct jx_xml_handler {
    void *ud;
    void (*start)(void *ud, jx_xml_ns ns, const char *name, const char **atts);
    void (*end)(void *ud, jx_xml_ns ns, const char *name);
    void (*text)(void *ud, const char *s, int len);
} jx_xml_handler;

/*
** Parse an XML part. Malformed XML is JX_EINPUT naming file and the part,
** with the XML line in the message.
*/
jx_status jx_xml_parse(const char *xml, size_t len, const char *file,
                       const char *part, const jx_xml_handler *h, jx_error *err);

/* Value of the attribute whose local name is name, or NULL. */
const char *jx_xml_attr(const char **atts, const char *name);

/*
** Resolve a relationship target against the folder of the part that owns
** it: ("xl/workbook.xml", "worksheets/sheet1.xml") -> "xl/worksheets/sheet1.xml";
** an absolute target "/xl/x.xml" -> "xl/x.xml". New malloc'd string.
*/
char *jx_zip_resolve(const char *owner, const char *target);

/*
** Cell text as the row model wants it: runs of ASCII whitespace (tab,
** newline, CR, space) collapsed to one space, trimmed. New malloc'd string.
*/
char *jx_office_clean(const char *s, size_t len);

#endif
