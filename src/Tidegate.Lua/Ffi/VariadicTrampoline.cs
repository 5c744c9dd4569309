using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// The System V x86-64 ABI has a variadic call pass, in <c>%al</c>, an upper bound on the number of vector
/// registers holding arguments: a variadic callee such as printf saves <c>%xmm0-7</c> for va_arg only
/// when <c>%al</c> is not zero. An unmanaged <c>calli</c> from .NET leaves <c>%al</c> undefined, so
/// doubles would be lost. Each variadic C function is therefore called through a small native
/// trampoline, <c>mov eax, 8; mov r11, function; jmp r11</c> (8 is always a valid bound; rax and r11 are
/// scratch registers that carry no arguments), made once per function address in a page of its own that
/// is written and then made read-only and executable.
/// </summary>
internal static class VariadicTrampoline
{
    private static readonly ConcurrentDictionary<nint, nint> Trampolines = new();

    private const int ProtRead = 1, ProtWrite = 2, ProtExec = 4, MapPrivate = 2, MapAnonymous = 0x20;
    private const int PageSize = 4096;

    [DllImport("libc", SetLastError = true)]
    private static extern nint mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [DllImport("libc", SetLastError = true)]
    private static extern int mprotect(nint addr, nuint length, int prot);

    public static nint For(nint function) => Trampolines.GetOrAdd(function, Build);

    private static nint Build(nint function)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
            throw new CDeclException("ffi: variadic C calls are only supported on x64 Linux");
        nint page = mmap(0, PageSize, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
        if (page == -1) throw new CDeclException("ffi: cannot allocate memory for a variadic call trampoline");
        Span<byte> code = stackalloc byte[18];
        code[0] = 0xB8; // mov eax, imm32
        BitConverter.TryWriteBytes(code[1..5], 8);
        code[5] = 0x49; code[6] = 0xBB; // mov r11, imm64
        BitConverter.TryWriteBytes(code[7..15], (long)function);
        code[15] = 0x41; code[16] = 0xFF; code[17] = 0xE3; // jmp r11
        code.CopyTo(CMemory.Bytes(page, code.Length));
        if (mprotect(page, PageSize, ProtRead | ProtExec) != 0)
            throw new CDeclException("ffi: cannot make a variadic call trampoline executable");
        return page;
    }
}
