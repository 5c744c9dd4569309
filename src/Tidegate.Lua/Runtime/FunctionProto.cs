namespace Tidegate.Lua.Runtime;

/// <summary>
/// What is known about one compiled Lua function prototype at run time: where it was defined, and the
/// table of its "sites" (each call or operation that can raise), which compiled code identifies by a
/// small integer it stores into <see cref="LuaThread.CurrentSite"/>. A site gives the line for error
/// positions and, for calls, the name the call uses for its callee ("insert", "f", "?").
/// </summary>
public sealed class FunctionProto
{
    /// <summary>The raw chunk name ("@file.lua", "=stdin", or the source text).</summary>
    public required string ChunkName { get; init; }
    /// <summary>The chunk name as messages print it ("file.lua", "stdin", [string "..."]).</summary>
    public required string ShortSource { get; init; }
    /// <summary>Line of <c>function</c>; 0 for a main chunk.</summary>
    public required int LineDefined { get; init; }
    public required int LastLineDefined { get; init; }
    public required int ParameterCount { get; init; }
    /// <summary>The parameter names (with <c>self</c> first for methods).</summary>
    public string[] ParameterNames { get; init; } = Array.Empty<string>();
    public required bool IsVararg { get; init; }
    /// <summary>The name the syntax gives the function ("a.b:c"), if any.</summary>
    public string? Name { get; init; }
    /// <summary>Per site: its source line.</summary>
    public int[] SiteLines { get; internal set; } = Array.Empty<int>();
    /// <summary>Per site: the name a call site uses for its callee, or null.</summary>
    public string?[] SiteNames { get; internal set; } = Array.Empty<string?>();
    /// <summary>Per call site: how the call names its callee ("global", "local", "upvalue", "field", "method"), or null.</summary>
    public string?[] SiteNameKinds { get; internal set; } = Array.Empty<string?>();
    /// <summary>Per site: true for a method call (<c>o:m()</c>), whose messages count arguments without self.</summary>
    public bool[] SiteIsMethod { get; internal set; } = Array.Empty<bool>();
    /// <summary>The lines that have code (each statement's line and the closing line), sorted: debug.getinfo's activelines.</summary>
    public int[] ActiveLines { get; internal set; } = Array.Empty<int>();
    /// <summary>Per resume point of the compiled code: the site it resumes (a suspended frame's position).</summary>
    public int[] ResumeSites { get; internal set; } = Array.Empty<int>();
    /// <summary>Names of the upvalues in field order (for debug.getupvalue).</summary>
    public string[] UpvalueNames { get; internal set; } = Array.Empty<string>();
    /// <summary>
    /// Per site, the locals active there (in declaration order) and their slots relative to
    /// <see cref="CallFrameRecord.SlotBase"/>; null when the function was compiled without local-variable
    /// access (see LuaState.CompileLocalAccess), whose locals live only in IL locals.
    /// </summary>
    public ActiveLocal[][]? SiteLocals { get; internal set; }
    /// <summary>The source bytes of the whole chunk this function came from (for string.dump), if kept.</summary>
    public byte[]? ChunkSource { get; init; }

    /// <summary>
    /// Byte offsets of the function's text in <see cref="ChunkSource"/>, from its parameter list's '(' to
    /// just after its <c>end</c> (string.dump re-creates the function from it); both 0 for a main chunk.
    /// </summary>
    public int SourceStart { get; init; }
    public int SourceEnd { get; init; }
    /// <summary>Defined with <c>function a:b()</c> (its text's parameter list leaves out <c>self</c>).</summary>
    public bool IsMethod { get; init; }
    /// <summary>
    /// Loaded from string.dump(f, true): no debug information, as LuaJIT strips it (lines 0, no local or
    /// upvalue names, no active lines). The names are still kept here, for dumping it again.
    /// </summary>
    public bool IsStripped { get; init; }

    /// <summary>A main chunk as debug.getinfo's <c>what</c> tells it ("main"; a stripped one is "Lua").</summary>
    public bool IsMainChunk => LineDefined == 0 && !IsStripped;
    /// <summary>The prototype of a whole chunk (string.dump writes its whole source).</summary>
    public bool IsWholeChunk => SourceEnd == 0;

    public int LineOfSite(int site) => (uint)site < (uint)SiteLines.Length ? SiteLines[site] : LineDefined;
    public string? NameOfSite(int site) => (uint)site < (uint)SiteNames.Length ? SiteNames[site] : null;
    public string? NameKindOfSite(int site) => (uint)site < (uint)SiteNameKinds.Length ? SiteNameKinds[site] : null;
    public bool IsMethodSite(int site) => (uint)site < (uint)SiteIsMethod.Length && SiteIsMethod[site];
}

/// <summary>A local variable in scope at a site: its name (LuaJIT's, "(for index)" for loop internals) and stack slot.</summary>
public readonly record struct ActiveLocal(string Name, int Slot);
