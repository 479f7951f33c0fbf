/*
 * TEST ONLY, NEVER SHIPPED. Windows 10's bcryptprimitives.dll, as far as the app needs it, for
 * running the frozen app under Wine in build-windows.sh.
 *
 * pydantic-core is built with a Rust standard library that gets its random numbers (hash map
 * seeds) from ProcessPrng in bcryptprimitives.dll, present since Windows 10 and absent from
 * Wine 8, whose loader then refuses _pydantic_core.pyd, so the report model cannot load.
 * ProcessPrng fills a buffer from the system's cryptographic generator and never fails; this
 * one does the same through bcrypt.dll, which Wine has.
 *
 * build-windows.sh compiles this with mingw-w64 into the Wine prefix's system32 only, and
 * checks that neither the bundle nor the installer contains it.
 */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    /* BCryptGenRandom takes a ULONG length: fill larger buffers in pieces. */
    while (size > 0) {
        ULONG piece = size > 0x40000000 ? 0x40000000 : (ULONG)size;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, piece, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
            return FALSE;
        data += piece;
        size -= piece;
    }
    return TRUE;
}
