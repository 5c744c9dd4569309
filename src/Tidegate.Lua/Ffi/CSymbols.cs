using System.Runtime.InteropServices;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// Where C symbols come from: <c>ffi.C</c> looks in the process itself and then the C library (what
/// LuaJIT's default namespace sees on Linux); <c>ffi.load(name)</c> opens a shared library the way
/// LuaJIT names them (<c>"z"</c> → <c>libz.so</c>, a path or a name with ".so" as given).
/// </summary>
public static class CSymbols
{
    private static readonly Lazy<nint[]> DefaultLibraries = new(() =>
    {
        var list = new List<nint> { NativeLibrary.GetMainProgramHandle() };
        foreach (var name in new[] { "libc.so.6", "libm.so.6", "libdl.so.2" })
            if (NativeLibrary.TryLoad(name, out var h)) list.Add(h);
        return list.ToArray();
    });

    public static nint[] Default => DefaultLibraries.Value;

    public static bool TryFind(nint[] libraries, string name, out nint address)
    {
        foreach (var lib in libraries)
            if (NativeLibrary.TryGetExport(lib, name, out address)) return true;
        address = 0;
        return false;
    }

    [DllImport("libc", EntryPoint = "dlsym")]
    private static extern nint DlSym(nint handle, [MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [DllImport("libc", EntryPoint = "dlerror")]
    private static extern nint DlError();

    /// <summary>
    /// dlerror's message for a missing symbol, as LuaJIT reports it: the library's resolved path for
    /// an ffi.load namespace ("/lib/x86_64-linux-gnu/libz.so: undefined symbol: f"), the program for ffi.C.
    /// </summary>
    public static string UndefinedSymbolMessage(nint[]? libraries, string name)
    {
        string fallback = $"{Path.GetFileName(Environment.ProcessPath) ?? "tidegate"}: undefined symbol: {name}";
        if (libraries is not { Length: 1 } || !OperatingSystem.IsLinux()) return fallback;
        try
        {
            DlError(); // clear any earlier error
            if (DlSym(libraries[0], name) != 0) return fallback;
            nint message = DlError();
            return message == 0 ? fallback : Marshal.PtrToStringUTF8(message) ?? fallback;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return fallback;
        }
    }

    /// <summary>Opens a library as ffi.load does; null when it cannot be found.</summary>
    public static nint? Load(string name)
    {
        var candidates = new List<string>();
        if (name.Contains('/') || name.Contains(".so")) candidates.Add(name);
        else
        {
            candidates.Add("lib" + name + ".so");
            candidates.Add(name + ".so");
            // Debian ships unversioned .so links only with -dev packages: try the common sonames too.
            for (int v = 1; v >= 0; v--) candidates.Add("lib" + name + ".so." + v);
        }
        foreach (var c in candidates)
            if (NativeLibrary.TryLoad(c, out var h)) return h;
        return null;
    }
}
