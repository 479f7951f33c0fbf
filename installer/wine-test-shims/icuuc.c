/*
 * TEST ONLY, NEVER SHIPPED. A stand-in for Windows' own icuuc.dll, for running the frozen app
 * under Wine in build-windows.sh.
 *
 * Qt6Core.dll (PySide6 6.11) links against the ICU that Windows 10 1703 and later carry in
 * System32 and imports twenty ucnv_* converter functions from it. Wine 8 has no icuuc.dll, so
 * without this file the Windows loader refuses Qt6Core.dll and nothing Qt starts. Here every
 * converter is "not available": ucnv_open fails, so Qt keeps to its built-in UTF-8/16/32 and
 * Latin-1 codecs, which is all the app uses. The other functions only ever receive a converter
 * from ucnv_open, so they are never reached; they fail safely all the same.
 *
 * build-windows.sh compiles this with mingw-w64 into the Wine prefix's system32 only, and
 * checks that the bundle and the installer do not contain an icuuc.dll.
 */
#include <stddef.h>
#include <stdint.h>

#define API __declspec(dllexport)

typedef int32_t UErrorCode;       /* > 0 is a failure */
typedef uint16_t UChar;
typedef int8_t UBool;
typedef struct UConverter UConverter;
typedef void *Callback;           /* the callbacks are only passed through, never called */

enum { U_FILE_ACCESS_ERROR = 4, U_INVALID_STATE_ERROR = 27 };

static void fail(UErrorCode *status, UErrorCode code)
{
    /* ICU convention: an error already set is kept, and a NULL status is tolerated. */
    if (status != NULL && *status <= 0)
        *status = code;
}

API UConverter *ucnv_open(const char *name, UErrorCode *status)
{
    (void)name;
    fail(status, U_FILE_ACCESS_ERROR); /* "no converter data" */
    return NULL;
}

API int32_t ucnv_countAvailable(void) { return 0; }
API const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }

API const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *status)
{
    (void)name; (void)standard;
    fail(status, U_FILE_ACCESS_ERROR);
    return NULL;
}

/* Everything below takes a converter that ucnv_open never handed out. */

API void ucnv_close(UConverter *cnv) { (void)cnv; }
API void ucnv_reset(UConverter *cnv) { (void)cnv; }
API int8_t ucnv_getMaxCharSize(const UConverter *cnv) { (void)cnv; return 1; }

API const char *ucnv_getName(const UConverter *cnv, UErrorCode *status)
{
    (void)cnv;
    fail(status, U_INVALID_STATE_ERROR);
    return NULL;
}

API int32_t ucnv_toUCountPending(const UConverter *cnv, UErrorCode *status)
{
    (void)cnv;
    fail(status, U_INVALID_STATE_ERROR);
    return 0;
}

API int32_t ucnv_fromUCountPending(const UConverter *cnv, UErrorCode *status)
{
    (void)cnv;
    fail(status, U_INVALID_STATE_ERROR);
    return 0;
}

static void no_callback(Callback *action, const void **context)
{
    if (action != NULL)
        *action = NULL;
    if (context != NULL)
        *context = NULL;
}

API void ucnv_getToUCallBack(const UConverter *cnv, Callback *action, const void **context)
{
    (void)cnv;
    no_callback(action, context);
}

API void ucnv_getFromUCallBack(const UConverter *cnv, Callback *action, const void **context)
{
    (void)cnv;
    no_callback(action, context);
}

API void ucnv_setToUCallBack(UConverter *cnv, Callback action, const void *context,
                             Callback *old_action, const void **old_context, UErrorCode *status)
{
    (void)cnv; (void)action; (void)context;
    no_callback(old_action, old_context);
    fail(status, U_INVALID_STATE_ERROR);
}

API void ucnv_setFromUCallBack(UConverter *cnv, Callback action, const void *context,
                               Callback *old_action, const void **old_context, UErrorCode *status)
{
    (void)cnv; (void)action; (void)context;
    no_callback(old_action, old_context);
    fail(status, U_INVALID_STATE_ERROR);
}

API void ucnv_toUnicode(UConverter *cnv, UChar **target, const UChar *target_limit, const char **source,
                        const char *source_limit, int32_t *offsets, UBool flush, UErrorCode *status)
{
    (void)cnv; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets; (void)flush;
    fail(status, U_INVALID_STATE_ERROR);
}

API void ucnv_fromUnicode(UConverter *cnv, char **target, const char *target_limit, const UChar **source,
                          const UChar *source_limit, int32_t *offsets, UBool flush, UErrorCode *status)
{
    (void)cnv; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets; (void)flush;
    fail(status, U_INVALID_STATE_ERROR);
}

/* The standard substitution callbacks and the helpers they use. */

API void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const char *units, int32_t length,
                                       int reason, UErrorCode *status)
{
    (void)context; (void)args; (void)units; (void)length; (void)reason;
    fail(status, U_INVALID_STATE_ERROR);
}

API void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const UChar *units, int32_t length,
                                         int32_t code_point, int reason, UErrorCode *status)
{
    (void)context; (void)args; (void)units; (void)length; (void)code_point; (void)reason;
    fail(status, U_INVALID_STATE_ERROR);
}

API void ucnv_cbToUWriteUChars(void *args, const UChar *source, int32_t length, int32_t offset,
                               UErrorCode *status)
{
    (void)args; (void)source; (void)length; (void)offset;
    fail(status, U_INVALID_STATE_ERROR);
}

API void ucnv_cbFromUWriteUChars(void *args, const UChar **source, const UChar *source_limit, int32_t offset,
                                 UErrorCode *status)
{
    (void)args; (void)source; (void)source_limit; (void)offset;
    fail(status, U_INVALID_STATE_ERROR);
}
