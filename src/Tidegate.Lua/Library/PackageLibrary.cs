using System.Buffers;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// The package library and require/module, with Lua 5.1's semantics as LuaJIT runs them (lib_package.c):
/// package.loaders tried in order (preload, Lua files on package.path, C modules on package.cpath, the
/// C all-in-one root), package.loaded as the cache with a sentinel for loop detection, LUA_PATH/LUA_CPATH
/// with ";;" expanding to the default, and module()/package.seeall.
/// C modules cannot be loaded by a .NET engine: the C searchers still search (so "not found" messages read
/// as luajit's), and a C module that is found fails with a clear error naming it.
/// </summary>
public static class PackageLibrary
{
    /// <summary>luajit's compiled-in defaults (Debian's luajit2 build), so searches and messages match it.</summary>
    public const string DefaultPath =
        "./?.lua;/usr/share/luajit-2.1.0-beta3/?.lua;/usr/local/share/lua/5.1/?.lua;/usr/local/share/lua/5.1/?/init.lua;/usr/share/lua/5.1/?.lua;/usr/share/lua/5.1/?/init.lua";
    public const string DefaultCPath =
        "./?.so;/usr/local/lib/lua/5.1/?.so;/usr/lib/x86_64-linux-gnu/lua/5.1/?.so;/usr/local/lib/lua/5.1/loadall.so";

    private static readonly LuaString LoadedKey = "_LOADED", PackageKey = "package", LoadersKey = "loaders",
        PreloadKey = "preload", PathKey = "path", CPathKey = "cpath", NameKey = "_NAME", ModuleKey = "_M", PackageNameKey = "_PACKAGE";

    /// <summary>
    /// Marks a module whose loading is under way in package.loaded (LuaJIT uses a light userdata the
    /// same way): requiring it again before it finishes, or after its loader failed, is "loop or previous error".
    /// </summary>
    private static readonly LuaUserdata LoadingSentinel = new();

    /// <summary>
    /// Opens the library. <paramref name="ignoreEnvironment"/> is luajit's -E: the paths then ignore
    /// LUA_PATH and LUA_CPATH.
    /// </summary>
    public static void Open(LuaState state, bool ignoreEnvironment = false)
    {
        var package = new LuaTable(0, 16);
        var loaded = LoadedTable(state);
        var preload = new LuaTable();

        var loaders = new LuaTable(4, 0);
        loaders[1] = new HostFunction("loader_preload", call => PreloadSearcher(call, package));
        loaders[2] = new HostFunction("loader_Lua", call => LuaSearcher(call, package));
        loaders[3] = new HostFunction("loader_C", call => CSearcher(call, package));
        loaders[4] = new HostFunction("loader_Croot", call => CRootSearcher(call, package));
        package[LoadersKey] = loaders;

        package[PathKey] = LuaString.FromUtf8(ConfiguredPath("LUA_PATH", DefaultPath, ignoreEnvironment));
        package[CPathKey] = LuaString.FromUtf8(ConfiguredPath("LUA_CPATH", DefaultCPath, ignoreEnvironment));
        package["config"] = (LuaString)"/\n;\n?\n!\n-\n";
        package["loaded"] = loaded;
        package[PreloadKey] = preload;
        package["loadlib"] = new HostFunction("loadlib", LoadLib);
        package["searchpath"] = new HostFunction("searchpath", SearchPath);
        package["seeall"] = new HostFunction("seeall", SeeAll);

        var g = state.Globals;
        g[PackageKey] = package;
        g["require"] = new HostFunction("require", call => Require(call, package));
        g["module"] = new HostFunction("module", call => Module(call, package));
        loaded[PackageKey] = package;
    }

    /// <summary>package.loaded, kept in the registry as LuaJIT does so it survives a reassigned package.loaded.</summary>
    public static LuaTable LoadedTable(LuaState state)
    {
        if (state.Registry.Get(LoadedKey).AsTable is { } t) return t;
        var loaded = new LuaTable();
        state.Registry[LoadedKey] = loaded;
        return loaded;
    }

    /// <summary>
    /// The path from LUA_PATH-style variables: the versioned name first (LUA_PATH_5_1) as luajit checks, then
    /// the plain one; every ";;" becomes ";default;".
    /// </summary>
    internal static string ConfiguredPath(string variable, string defaultPath, bool ignoreEnvironment)
    {
        if (ignoreEnvironment) return defaultPath;
        string? value = Environment.GetEnvironmentVariable(variable + "_5_1") ?? Environment.GetEnvironmentVariable(variable);
        if (value is null) return defaultPath;
        return value.Replace(";;", ";\u0001;").Replace("\u0001", defaultPath);
    }

    // ---- require ----

    private static int Require(LuaCall call, LuaTable package)
    {
        var name = call.CheckString(0);
        var thread = call.Thread;
        var loaded = LoadedTable(call.State);
        var existing = loaded.Get(name);
        if (existing.IsTruthy)
        {
            if (ReferenceEquals(existing.Ref, LoadingSentinel))
                throw CallerError(thread, "loop or previous error loading module '", name, "'");
            return call.Return(existing);
        }

        if (package.Get(LoadersKey).AsTable is not { } loaders)
            throw thread.RuntimeError("'package.loaders' must be a table");
        var notFound = new ArrayBufferWriter<byte>();
        LuaValue loader = LuaValue.Nil;
        for (int i = 1; ; i++)
        {
            var searcher = loaders.Get(i);
            if (searcher.IsNil)
                throw CallerError(thread, "module '", name, "' not found:", LuaString.FromBytes(notFound.WrittenSpan));
            var found = CallOne(thread, searcher, name);
            if (found.IsFunction) { loader = found; break; }
            if (found.Ref is LuaString message) notFound.Write(message.Span);
            else if (found.IsNumber) notFound.Write(LuaNumber.ToLuaString(found.Number).Span);
        }

        loaded.Set(name, LoadingSentinel);
        var result = CallOne(thread, loader, name);
        if (!result.IsNil) loaded.Set(name, result);
        var final = loaded.Get(name);
        if (ReferenceEquals(final.Ref, LoadingSentinel))
        {
            final = LuaValue.True;
            loaded.Set(name, final);
        }
        return call.Return(final);
    }

    /// <summary>Calls <paramref name="f"/> with one argument and keeps one result (lua_call(L, 1, 1)).</summary>
    private static LuaValue CallOne(LuaThread thread, in LuaValue f, LuaString argument)
    {
        int top = thread.Top;
        thread.EnsureStack(top + 2);
        thread.Stack[top] = argument;
        int n = thread.Call(f, top, 1);
        return n > 0 ? thread.Stack[top] : LuaValue.Nil;
    }

    /// <summary>A message made of text and Lua strings (kept as bytes), with the caller's position.</summary>
    private static LuaException CallerError(LuaThread thread, params LuaString[] parts)
    {
        var w = new ArrayBufferWriter<byte>();
        foreach (var p in parts) w.Write(p.Span);
        return BaseLibrary.CallerError(thread, LuaString.FromBytes(w.WrittenSpan));
    }

    // ---- the searchers (package.loaders) ----

    private static int PreloadSearcher(LuaCall call, LuaTable package)
    {
        var name = call.CheckString(0);
        if (package.Get(PreloadKey).AsTable is not { } preload)
            throw call.Thread.RuntimeError("'package.preload' must be a table");
        var loader = preload.Get(name);
        if (loader.IsNil) return call.Return(Concat("\n\tno field package.preload['", name, "']"));
        return call.Return(loader);
    }

    private static int LuaSearcher(LuaCall call, LuaTable package)
    {
        var name = call.CheckString(0);
        var path = PathOf(call, package, PathKey, "'package.path' must be a string");
        var file = Search(name, path, (LuaString)".", (LuaString)"/", out var notFound);
        if (file is null) return call.Return(notFound);
        if (!BaseLibrary.TryReadChunkFile(call.State, file, out var source, out string chunkName, out var error))
            throw LoadError(call, name, file, error);
        try
        {
            return call.Return(call.State.Load(source, chunkName, BaseLibrary.ThreadEnvironment(call.Thread), call.State.FileCodeLifetime));
        }
        catch (LuaException e)
        {
            throw LoadError(call, name, file, e.Value);
        }
    }

    private static int CSearcher(LuaCall call, LuaTable package)
    {
        var name = call.CheckString(0);
        var path = PathOf(call, package, CPathKey, "'package.cpath' must be a string");
        var file = Search(name, path, (LuaString)".", (LuaString)"/", out var notFound);
        if (file is null) return call.Return(notFound);
        throw LoadError(call, name, file, CModuleError(name));
    }

    /// <summary>The all-in-one searcher: "a.b" is looked for as the C library "a" holding luaopen_a_b.</summary>
    private static int CRootSearcher(LuaCall call, LuaTable package)
    {
        var name = call.CheckString(0);
        int dot = name.Span.IndexOf((byte)'.');
        if (dot < 0) return 0;
        var root = LuaString.FromBytes(name.Span[..dot]);
        var path = PathOf(call, package, CPathKey, "'package.cpath' must be a string");
        var file = Search(root, path, (LuaString)".", (LuaString)"/", out var notFound);
        if (file is null) return call.Return(notFound);
        throw LoadError(call, name, file, CModuleError(name));
    }

    private static LuaString CModuleError(LuaString name) => Concat("tidegate-lua cannot load C module '", name, "'");

    private static LuaException LoadError(LuaCall call, LuaString name, LuaString file, LuaValue error)
    {
        var message = error.Ref as LuaString ?? (error.IsNumber ? LuaNumber.ToLuaString(error.Number) : (LuaString)"?");
        return CallerError(call.Thread, "error loading module '", name, "' from file '", file, "':\n\t", message);
    }

    private static LuaString PathOf(LuaCall call, LuaTable package, LuaString key, string error)
    {
        var v = package.Get(key);
        if (v.Ref is LuaString s) return s;
        if (v.IsNumber) return LuaNumber.ToLuaString(v.Number);
        throw call.Thread.RuntimeError(error);
    }

    // ---- searchpath ----

    private static int SearchPath(LuaCall call)
    {
        // Checked last to first, as the C compiler evaluates luajit's argument list, so the messages match.
        var replacement = call.OptString(3, "/")!;
        var separator = call.OptString(2, ".")!;
        var path = call.CheckString(1);
        var name = call.CheckString(0);
        var file = Search(name, path, separator, replacement, out var notFound);
        return file is null ? call.Return(LuaValue.Nil, notFound) : call.Return(file);
    }

    /// <summary>
    /// package.searchpath: <paramref name="separator"/> in the name becomes <paramref name="replacement"/>,
    /// then each ';'-separated template (empty ones skipped) has every '?' replaced by the name; the first
    /// readable file wins. On failure <paramref name="notFound"/> lists "\n\tno file '...'" for each try.
    /// </summary>
    public static LuaString? Search(LuaString name, LuaString path, LuaString separator, LuaString replacement, out LuaString notFound)
    {
        var fileName = separator.Length > 0 ? Replace(name.Span, separator.Span, replacement.Span) : name.Span.ToArray();
        var tried = new ArrayBufferWriter<byte>();
        var templates = path.Span;
        int p = 0;
        while (true)
        {
            while (p < templates.Length && templates[p] == (byte)';') p++;
            if (p >= templates.Length) break;
            int end = templates[p..].IndexOf((byte)';');
            if (end < 0) end = templates.Length - p;
            var candidate = Replace(templates.Slice(p, end), "?"u8, fileName);
            p += end;
            if (IsReadable(candidate)) { notFound = LuaString.Empty; return new LuaString(candidate); }
            tried.Write("\n\tno file '"u8);
            tried.Write(candidate);
            tried.Write("'"u8);
        }
        notFound = LuaString.FromBytes(tried.WrittenSpan);
        return null;
    }

    private static byte[] Replace(ReadOnlySpan<byte> text, ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> with)
    {
        var w = new ArrayBufferWriter<byte>(text.Length + 16);
        while (true)
        {
            int i = text.IndexOf(pattern);
            if (i < 0) break;
            w.Write(text[..i]);
            w.Write(with);
            text = text[(i + pattern.Length)..];
        }
        w.Write(text);
        return w.WrittenSpan.ToArray();
    }

    /// <summary>As C's fopen(name, "r") succeeding: a readable file (or a directory, which fopen also opens).</summary>
    private static bool IsReadable(byte[] fileName)
    {
        string path = System.Text.Encoding.UTF8.GetString(fileName);
        if (Directory.Exists(path)) return true;
        if (!File.Exists(path)) return false;
        try
        {
            using var _ = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static LuaString Concat(string a, LuaString b, string c)
    {
        var w = new ArrayBufferWriter<byte>();
        w.Write(System.Text.Encoding.UTF8.GetBytes(a));
        w.Write(b.Span);
        w.Write(System.Text.Encoding.UTF8.GetBytes(c));
        return LuaString.FromBytes(w.WrittenSpan);
    }

    // ---- loadlib, seeall, module ----

    /// <summary>package.loadlib: dynamic C libraries cannot be loaded by this engine; fails as loadlib fails (nil, message, "open").</summary>
    private static int LoadLib(LuaCall call)
    {
        var path = call.CheckString(0);
        call.CheckString(1);
        return call.Return(LuaValue.Nil, Concat("tidegate-lua cannot load C library '", path, "'"), (LuaString)"open");
    }

    private static int SeeAll(LuaCall call)
    {
        var module = call.CheckTable(0);
        var mt = module.Metatable;
        if (mt is null) module.Metatable = mt = new LuaTable();
        mt.Set(MetaMethodNames.Index, BaseLibrary.ThreadEnvironment(call.Thread));
        return 0;
    }

    /// <summary>
    /// module(name, ...): finds or creates the module table (package.loaded[name], else the global path
    /// a.b.c), fills _M/_NAME/_PACKAGE the first time, makes it the calling function's environment, and
    /// applies each option function to it.
    /// </summary>
    private static int Module(LuaCall call, LuaTable package)
    {
        var name = call.CheckString(0);
        var thread = call.Thread;
        var loaded = LoadedTable(call.State);
        var module = loaded.Get(name).AsTable;
        if (module is null)
        {
            module = FindTable(BaseLibrary.ThreadEnvironment(thread), name.Span)
                ?? throw CallerError(thread, "name conflict for module '", name, "'");
            loaded.Set(name, module);
        }
        if (module.Get(NameKey).IsNil)
        {
            module.Set(ModuleKey, module);
            module.Set(NameKey, name);
            int dot = name.Span.LastIndexOf((byte)'.');
            module.Set(PackageNameKey, dot < 0 ? LuaString.Empty : LuaString.FromBytes(name.Span[..(dot + 1)]));
        }
        if (thread.GetFunctionAtLevel(1) is not LuaClosure caller)
            throw thread.RuntimeError("'module' not called from a Lua function");
        caller.Environment = module;
        for (int i = 1; i < call.Count; i++)
        {
            int top = thread.Top;
            thread.EnsureStack(top + 2);
            thread.Stack[top] = module;
            thread.Call(thread.Stack[call.Base + i], top, 1);
        }
        return 0;
    }

    /// <summary>luaL_findtable: walks (creating as needed) the tables along "a.b.c"; null on a non-table in the way.</summary>
    private static LuaTable? FindTable(LuaTable root, ReadOnlySpan<byte> dotted)
    {
        var t = root;
        while (true)
        {
            int dot = dotted.IndexOf((byte)'.');
            var part = LuaString.FromBytes(dot < 0 ? dotted : dotted[..dot]);
            var v = t.Get(part);
            if (v.IsNil)
            {
                var created = new LuaTable();
                t.Set(part, created);
                t = created;
            }
            else if (v.AsTable is { } existing) t = existing;
            else return null;
            if (dot < 0) return t;
            dotted = dotted[(dot + 1)..];
        }
    }
}
