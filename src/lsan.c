/*
** lsan.c - LeakSanitizer's default suppressions, in sanitizer builds only.
**
** fontconfig, which poppler uses to render PDF pages (lib/read/pdf.c), keeps
** its configuration and font caches for the life of the process and frees
** them only in FcFini, which nothing calls; LeakSanitizer reports those as
** leaks at exit. They are not ours: suppress exactly that library, nothing else.
*/
#ifdef JIXIAO_SANITIZE
const char *__lsan_default_suppressions(void);

const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}
#else
typedef int jx_lsan_unused;   /* ISO C wants a translation unit to declare something */
#endif
