using System.Text;
using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Api;

/// <summary>
/// ngx.re.match/find/gmatch/sub/gsub and the ngx.re module's split/opt, answering as ngx_lua 0.10.23
/// with resty.core does: the same results, return shapes ((nil, err), (nil, nil, err)), error texts,
/// and the same stepping over empty matches. Patterns go through <see cref="CompiledRegex"/>.
/// </summary>
public static class NgxRegex
{
    private static readonly LuaString TemplateError = "failed to compile the replacement template";
    private static readonly LuaString NthOutOfBound = "nth out of bound";
    private static readonly LuaString Pos = "pos";

    /// <summary>Sets <c>ngx.re</c> to a table with match, find, gmatch, sub and gsub.</summary>
    public static void Register(LuaTable ngx, RegexSettings settings)
    {
        var re = new LuaTable(0, 8);
        NgxArgs.Register(re, "match", call => Match(call, settings));
        NgxArgs.Register(re, "find", call => Find(call, settings));
        NgxArgs.Register(re, "gmatch", call => GMatch(call, settings));
        NgxArgs.Register(re, "sub", call => Substitute(call, settings, global: false));
        NgxArgs.Register(re, "gsub", call => Substitute(call, settings, global: true));
        ngx["re"] = re;
    }

    /// <summary>The table <c>require "ngx.re"</c> returns: split and opt.</summary>
    public static LuaTable OpenModule(RegexSettings settings)
    {
        var module = new LuaTable(0, 4);
        NgxArgs.Register(module, "split", call => NgxRegexSplit.Split(call, settings));
        NgxArgs.Register(module, "opt", call => Option(call, settings));
        module["version"] = 1.0;
        return module;
    }

    // ---- compiling ----

    internal static LuaString PatternArg(LuaCall call, int i)
    {
        var v = call[i];
        if (v.Ref is LuaString s) return s;
        throw call.TypeError(i, "string");
    }

    internal static RegexFlags ParseFlags(LuaCall call, int i)
    {
        var v = call[i];
        if (v.IsNil) return default;
        var options = v.Ref as LuaString ?? (v.IsNumber ? LuaNumber.ToLuaString(v.Number) : throw call.TypeError(i, "string"));
        if (!RegexFlags.TryParse(options.Span, out var flags, out byte unknown))
            throw new LuaException(LuaString.FromBytes(Encoding.Latin1.GetBytes(
                $"unknown flag \"{(char)unknown}\" (flags \"{options.ToLatin1()}\")")));
        return flags;
    }

    /// <summary>Compiles (or takes from the cache) a pattern; null with ngx_lua's message on failure.</summary>
    internal static CompiledRegex? Compile(LuaString pattern, RegexFlags flags, string kind, LuaString? replacement,
        RegexSettings settings, out LuaString? error)
    {
        error = null;
        string key = kind + "\0" + pattern.ToLatin1() + "\0" + FlagsKey(flags) + (replacement is null ? "" : "\0" + replacement.ToLatin1());
        var cache = flags.CompileOnce && settings.CacheMaxEntries > 0 ? settings.Cache : settings.Scratch;
        var compiled = cache.Get(key);
        if (compiled is not null) return compiled;
        compiled = CompiledRegex.Compile(pattern.Span.ToArray(), flags, settings.MatchTimeout,
            compileToIl: cache == settings.Cache, out var message);
        if (compiled is null)
        {
            error = new LuaString(message!);
            return null;
        }
        if (replacement is not null)
        {
            compiled.Template = ReplacementTemplate.Compile(replacement.Span);
            if (compiled.Template is null)
            {
                error = TemplateError;
                return null;
            }
        }
        cache.Set(key, compiled);
        return compiled;
    }

    private static string FlagsKey(RegexFlags f) => f with { CompileOnce = false } is var g ? g.ToString() : "";

    internal static LuaString ExecError(int rc) => LuaString.FromLatin1("pcre_exec() failed: " + rc);

    // ---- captures ----

    /// <summary>resty.core's collect_captures: res[0..n] (false where unset) and the named captures.</summary>
    internal static LuaTable CollectCaptures(CompiledRegex compiled, int rc, LuaString subject, int[] ovector, LuaTable? res)
    {
        res ??= new LuaTable(compiled.CaptureCount, compiled.Names.Count);
        var span = subject.Span;
        for (int i = 0; i <= compiled.CaptureCount; i++)
        {
            int from = ovector[2 * i], to = ovector[2 * i + 1];
            if (i >= rc || from < 0) res.Set(i, LuaValue.False);
            else res.Set(i, LuaString.FromBytes(span[from..to]));
        }
        foreach (var (name, number) in compiled.Names)
        {
            var key = LuaString.FromLatin1(name);
            var cap = number <= compiled.CaptureCount ? res.Get(number) : LuaValue.Nil;
            if (compiled.Flags.DupNames)
            {
                if (!cap.IsTruthy) continue;
                if (res.Get(key).Ref is LuaTable list) list.Set(list.Length() + 1, cap);
                else
                {
                    var values = new LuaTable(2, 0);
                    values.Set(1, cap);
                    res.Set(key, values);
                }
            }
            else res.Set(key, cap);
        }
        return res;
    }

    private static int StartFromContext(LuaTable? ctx)
    {
        if (ctx is null) return 0;
        var pos = ctx.Get(Pos);
        if (pos.IsFalsy) return 0;
        double p = pos.IsNumber ? pos.Number : throw new LuaException("attempt to compare number with " + pos.TypeName);
        return p <= 0 ? 0 : (int)Math.Min(p - 1, int.MaxValue);
    }

    private static LuaTable? OptTable(LuaCall call, int i) =>
        call[i].IsNil ? null : call[i].Ref as LuaTable ?? throw call.TypeError(i, "table");

    // ---- match / find ----

    private static int Match(LuaCall call, RegexSettings settings)
    {
        var subject = NgxArgs.ToLuaString(call, 0);
        var pattern = PatternArg(call, 1);
        var flags = ParseFlags(call, 2);
        var ctx = OptTable(call, 3);
        var res = OptTable(call, 4);
        var compiled = Compile(pattern, flags, "m", null, settings, out var error);
        if (compiled is null) return call.Return(LuaValue.Nil, error);
        var ovector = compiled.NewOvector();
        int rc = compiled.Exec(new RegexSubject(subject.Span.ToArray(), flags.Utf8), StartFromContext(ctx), ovector);
        if (rc == CompiledRegex.ErrorNoMatch) return call.Return(LuaValue.Nil);
        if (rc < 0) return call.Return(LuaValue.Nil, ExecError(rc));
        ctx?.Set(Pos, ovector[1] + 1);
        return call.Return(CollectCaptures(compiled, rc, subject, ovector, res));
    }

    private static int Find(LuaCall call, RegexSettings settings)
    {
        var subject = NgxArgs.ToLuaString(call, 0);
        var pattern = PatternArg(call, 1);
        var flags = ParseFlags(call, 2);
        var ctx = OptTable(call, 3);
        double nth = call[4].IsNil ? 0 : call.CheckNumber(4);
        var compiled = Compile(pattern, flags, "m", null, settings, out var error);
        if (compiled is null) return call.Return(LuaValue.Nil, LuaValue.Nil, error);
        var ovector = compiled.NewOvector();
        int rc = compiled.Exec(new RegexSubject(subject.Span.ToArray(), flags.Utf8), StartFromContext(ctx), ovector);
        if (rc == CompiledRegex.ErrorNoMatch) return call.Return(LuaValue.Nil);
        if (rc < 0) return call.Return(LuaValue.Nil, LuaValue.Nil, ExecError(rc));
        ctx?.Set(Pos, ovector[1] + 1);
        if (nth < 0) nth = 0;
        if (nth > compiled.CaptureCount) return call.Return(LuaValue.Nil, LuaValue.Nil, NthOutOfBound);
        if (nth >= rc) return call.Return(LuaValue.Nil, LuaValue.Nil);
        int n = (int)nth;
        int from = ovector[2 * n], to = ovector[2 * n + 1];
        if (from < 0 || to < 0) return call.Return(LuaValue.Nil, LuaValue.Nil);
        return call.Return(from + 1, to);
    }

    // ---- gmatch ----

    /// <summary>
    /// ngx.re.gmatch returns a callable table, as resty.core's iterator object: each call gives the next
    /// match's captures, nil at the end, or nil and an error.
    /// </summary>
    private static int GMatch(LuaCall call, RegexSettings settings)
    {
        var subjectString = NgxArgs.ToLuaString(call, 0);
        var pattern = PatternArg(call, 1);
        var flags = ParseFlags(call, 2);
        var compiled = Compile(pattern, flags, "m", null, settings, out var error);
        if (compiled is null) return call.Return(LuaValue.Nil, error);
        RegexSubject? subject = null;
        int position = 0;
        bool done = false;
        var ovector = compiled.NewOvector();
        var iterator = new LuaTable();
        var meta = new LuaTable();
        meta["__call"] = new HostFunction("gmatch_iterator", c =>
        {
            if (done) return c.Return(LuaValue.Nil);
            subject ??= new RegexSubject(subjectString.Span.ToArray(), flags.Utf8);
            int rc = compiled.Exec(subject, position, ovector);
            if (rc == CompiledRegex.ErrorNoMatch)
            {
                done = true;
                return c.Return(LuaValue.Nil);
            }
            if (rc < 0)
            {
                done = true;
                return c.Return(LuaValue.Nil, ExecError(rc));
            }
            int next = ovector[1];
            if (next == ovector[0])
            {
                next++;
                if (next > subject.ByteLength) done = true;
            }
            position = next;
            return c.Return(CollectCaptures(compiled, rc, subjectString, ovector, null));
        });
        iterator.Metatable = meta;
        return call.Return(iterator);
    }

    // ---- sub / gsub ----

    private static int Substitute(LuaCall call, RegexSettings settings, bool global)
    {
        var subjectValue = call[0];
        var pattern = PatternArg(call, 1);
        var replace = call[2];
        var flags = ParseFlags(call, 3);
        LuaFunction? function = replace.Ref as LuaFunction;
        LuaString? template = function is null ? NgxArgs.ToLuaString(call, 2) : null;
        var compiled = Compile(pattern, flags, function is null ? "s" : "f", template, settings, out var error);
        if (compiled is null) return call.Return(LuaValue.Nil, LuaValue.Nil, error);
        var subjectString = subjectValue.Ref as LuaString ?? LuaOps.ToStringMeta(call.Thread, subjectValue);
        var bytes = subjectString.Span.ToArray();
        var subject = new RegexSubject(bytes, flags.Utf8);
        var ovector = compiled.NewOvector();
        var output = new List<byte>();
        int count = 0, pos = 0, copied = 0;
        while (true)
        {
            int rc = compiled.Exec(subject, pos, ovector);
            if (rc == CompiledRegex.ErrorNoMatch) break;
            if (rc < 0) return call.Return(LuaValue.Nil, LuaValue.Nil, ExecError(rc));
            count++;
            output.AddRange(bytes.AsSpan(copied, ovector[0] - copied).ToArray());
            if (function is null) compiled.Template!.Expand(output, bytes, ovector, rc);
            else
            {
                var captures = CollectCaptures(compiled, rc, subjectString, ovector, null);
                var piece = call.Thread.Call1(function, captures);
                output.AddRange((piece.Ref as LuaString ?? LuaOps.ToStringMeta(call.Thread, piece)).Span.ToArray());
            }
            copied = ovector[1];
            pos = copied;
            if (pos == ovector[0])
            {
                pos++;
                if (pos > bytes.Length) break;
            }
            if (!global) break;
        }
        if (count == 0) return call.Return(subjectString, 0.0);
        output.AddRange(bytes.AsSpan(copied).ToArray());
        return call.Return(new LuaString(output.ToArray()), (double)count);
    }

    // ---- opt ----

    private static int Option(LuaCall call, RegexSettings settings)
    {
        var name = call[0].Ref as LuaString;
        if (name is not null && name.ToLatin1() == "jit_stack_size")
        {
            if (!settings.Cache.IsEmpty)
                throw NgxArgs.Error(call, "changing jit stack size is not allowed when some regexs have already been compiled and cached", 2);
            // PCRE's JIT stack has no counterpart in .NET's engine: the size is accepted and has no effect.
            call.CheckNumber(1);
            return 0;
        }
        throw NgxArgs.Error(call, "unrecognized option name", 2);
    }
}
