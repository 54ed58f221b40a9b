/* Test-only stand-in for Windows' bcryptprimitives.dll: ProcessPrng, which cryptography's
 * Rust extension imports and Wine 8 lacks, over advapi32's RtlGenRandom (SystemFunction036).
 * Used only under Wine in the build's prefixes (system32: never copied into the frozen
 * folder); real Windows has the real DLL. */
#include <windows.h>

BOOLEAN NTAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
