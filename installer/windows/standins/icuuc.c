/* Test-only stand-in for Windows' system icuuc.dll, which Wine 8 lacks and Qt6Core imports
 * (its ucnv_* converters, for text codecs other than UTF-8/16/Latin-1). Every converter fails
 * to open, so Qt falls back to its own UTF codecs. Used only to run the Windows build under
 * Wine: it goes into the Wine prefix's system32, which PyInstaller treats as the system and
 * never copies into the frozen folder; real Windows 10/11 has its own icuuc.dll. */
#include <stddef.h>
#include <stdint.h>

#define EXPORT __declspec(dllexport)
typedef int UErrorCode;
enum { U_FILE_ACCESS_ERROR = 4 };

static void fail(UErrorCode *err) {
    if (err != NULL && *err <= 0)
        *err = U_FILE_ACCESS_ERROR;
}

EXPORT void *ucnv_open(const char *name, UErrorCode *err) { (void)name; fail(err); return NULL; }
EXPORT void ucnv_close(void *cnv) { (void)cnv; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{ (void)name; (void)standard; fail(err); return NULL; }
EXPORT const char *ucnv_getName(const void *cnv, UErrorCode *err) { (void)cnv; fail(err); return NULL; }
EXPORT int8_t ucnv_getMaxCharSize(const void *cnv) { (void)cnv; return 1; }
EXPORT void ucnv_reset(void *cnv) { (void)cnv; }
EXPORT int32_t ucnv_fromUCountPending(const void *cnv, UErrorCode *err) { (void)cnv; fail(err); return 0; }
EXPORT int32_t ucnv_toUCountPending(const void *cnv, UErrorCode *err) { (void)cnv; fail(err); return 0; }

/* Called only with a converter, which never exists here: they just report failure. The
 * arguments differ; on x64 the caller cleans the stack, so one shape fits all. */
#define FAILING(name) EXPORT void name(void *a, void *b, void *c, void *d, void *e, void *f, \
    void *g, UErrorCode *err) { (void)a; (void)b; (void)c; (void)d; (void)e; (void)f; \
    (void)g; fail(err); }
FAILING(ucnv_fromUnicode)
FAILING(ucnv_toUnicode)
FAILING(ucnv_cbFromUWriteUChars)
FAILING(ucnv_cbToUWriteUChars)
FAILING(ucnv_getFromUCallBack)
FAILING(ucnv_getToUCallBack)
FAILING(ucnv_setFromUCallBack)
FAILING(ucnv_setToUCallBack)
