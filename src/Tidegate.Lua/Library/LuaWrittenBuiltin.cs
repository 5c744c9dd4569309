using System.Text;
using Tidegate.Lua.Emit;
using Tidegate.Lua.Runtime;
using Tidegate.Lua.Syntax;

namespace Tidegate.Lua.Library;

/// <summary>
/// A library function that LuaJIT writes in Lua (table.foreach, table.foreachi), written in Lua here too,
/// so that what LuaJIT allows in it works the same way: a callback may yield, since no host frame stands
/// between the caller and the callback.
///
/// <para>The source is compiled once per state, on first use (a state that never calls it never pays
/// for the compilation). The function reads as LuaJIT's builtins do: source "foreachi", short_src
/// "[builtin:foreachi]", lines -1 for its definition and 0 for positions inside it. Its code resolves
/// names through a private environment holding only what it needs (the argument check and <c>next</c>),
/// so a script replacing globals cannot change it.</para>
///
/// <para>This object only delegates (it is transparent to yields: a suspended call saves and resumes the
/// compiled closure's frame, not this one); the debug library looks through it with <see cref="Resolve"/>.</para>
/// </summary>
public sealed class LuaWrittenBuiltin : LuaFunction
{
    private readonly string _name;
    private readonly string[] _parameters;
    private readonly string _body;
    private readonly LuaTable _environment;
    private LuaClosure? _compiled;

    /// <param name="name">The function's name, as LuaJIT's chunk name for it ("foreachi").</param>
    /// <param name="parameters">Its parameter names.</param>
    /// <param name="body">Its body, Lua source on one line.</param>
    /// <param name="environment">What the body's free names resolve to.</param>
    public LuaWrittenBuiltin(string name, string[] parameters, string body, LuaTable environment)
    {
        _name = name;
        _parameters = parameters;
        _body = body;
        _environment = environment;
    }

    public override string Name => _name;

    /// <summary>The compiled function, compiled on first use.</summary>
    public LuaClosure Compiled => _compiled ??= Compile();

    public override int Invoke(LuaThread thread, int argBase, int argCount) => Compiled.Invoke(thread, argBase, argCount);
    public override int InvokeMain(LuaThread thread, int argBase, int argCount) => Compiled.InvokeMain(thread, argBase, argCount);

    /// <summary>The function whose code runs when <paramref name="f"/> is called (itself unless a Lua-written builtin).</summary>
    public static LuaFunction Resolve(LuaFunction f, LuaState state) => f is LuaWrittenBuiltin b ? b.Compiled : f;

    private LuaClosure Compile()
    {
        var parsed = Parser.Parse(Encoding.UTF8.GetBytes(_body), "=[builtin:" + _name + "]");
        // The body becomes a function of its own (not a vararg main chunk): parameters, and line -1 as
        // LuaJIT's builtins have, which also keeps it from reading as a main chunk.
        var chunk = new Chunk
        {
            ChunkName = "[builtin:" + _name + "]",
            Source = _name,
            Main = new FunctionBody
            {
                Parameters = _parameters.ToList(),
                IsVararg = false,
                Body = parsed.Main.Body,
                Line = -1,
                EndLine = -1,
                Name = _name,
            },
        };
        var closure = ChunkCompiler.Compile(chunk, _environment);
        // LuaJIT keeps no debug information for its builtins: positions inside one are line 0
        // ("[builtin:foreachi]:0: ..."), it has no active lines, and the functions it calls are unnamed
        // (a traceback shows the callback as "function <t.lua:3>", its messages say '?').
        var proto = closure.Proto;
        proto.SiteLines = new int[proto.SiteLines.Length];
        proto.SiteNames = new string?[proto.SiteNames.Length];
        proto.SiteNameKinds = new string?[proto.SiteNameKinds.Length];
        proto.ActiveLines = Array.Empty<int>();
        return closure;
    }

    /// <summary>
    /// Checks a builtin's argument as LuaJIT's type-check instruction does: the message names the function
    /// as its caller's call site does ('?' when a host function such as pcall called it), counts arguments
    /// after self for a method call, and carries the caller's position. To be called from the builtin's
    /// own code, so the builtin is the innermost frame record.
    /// </summary>
    public static void CheckArgument(LuaThread thread, in LuaValue value, LuaType expected, int argument)
    {
        if (value.Type == expected) return;
        string name = "?";
        bool method = false;
        int index = thread.FrameCount - 1; // the builtin's record
        if (index >= 1 && thread.Frames[index - 1].Function is LuaClosure caller)
        {
            int site = thread.Frames[index].CallerSite;
            name = caller.Proto.NameOfSite(site) ?? "?";
            method = caller.Proto.IsMethodSite(site);
        }
        string detail = LuaValue.TypeNames[(int)expected] + " expected, got " + value.TypeName;
        string message = method && argument == 1
            ? $"calling '{name}' on bad self ({detail})"
            : $"bad argument #{(method ? argument - 1 : argument)} to '{name}' ({detail})";
        throw new LuaException(LuaString.FromUtf8(thread.Where(2) + message));
    }
}
