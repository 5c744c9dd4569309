using Tidegate.Lua.Runtime;
using Tidegate.Web.Lua.Api;

namespace Tidegate.Web.Lua.Subrequests;

/// <summary>
/// One subrequest of ngx.location.capture/capture_multi as read from its <c>{uri, options}</c>
/// table: checked in ngx_lua 0.10.23's order with its messages, so a bad argument fails the
/// same way (the index in the messages counts from 0, as ngx_lua's do).
/// </summary>
public sealed class CaptureSpec
{
    public required string Uri { get; init; }
    public string? Args { get; init; }
    /// <summary>The ngx.HTTP_* method code (checked when the subrequest is made: "unsupported HTTP method").</summary>
    public int MethodCode { get; init; } = 2;
    public byte[]? Body { get; init; }
    public List<KeyValuePair<string, string>>? Variables { get; init; }
    public bool ShareAllVariables { get; init; }
    public bool CopyAllVariables { get; init; }
    public bool AlwaysForwardBody { get; init; }
    public LuaTable? Ctx { get; init; }

    /// <summary>Reads subrequest <paramref name="index"/> (0-based) from the list given to capture_multi.</summary>
    /// <param name="knownLength">the length of the {uri, options} table when the caller knows it better (capture's own table).</param>
    public static CaptureSpec Read(in LuaCall call, LuaTable list, int index, int? knownLength = null)
    {
        var thread = call.Thread;
        var item = list.Get(index + 1);
        if (item.IsNil) throw NgxArgs.CError(thread, "only array-like tables are allowed");
        if (item.Ref is not LuaTable query)
            throw NgxArgs.CError(thread, $"the query argument {index} is not a table, but a {item.TypeName}");
        int count = knownLength ?? query.Length();
        if (count is not (1 or 2)) throw NgxArgs.CError(thread, $"query argument {index} expecting one or two arguments");

        string? extraArgs = null;
        int method = 2;
        byte[]? body = null;
        List<KeyValuePair<string, string>>? vars = null;
        bool share = false, copy = false, forward = false;
        LuaTable? ctx = null;
        if (count == 2)
        {
            var options = query.Get(2);
            if (options.Ref is not LuaTable opts)
                throw NgxArgs.CError(thread, $"expecting table as the 2nd argument for subrequest {index}, but got {options.TypeName}");

            var args = opts["args"];
            if (args.Ref is LuaTable argTable) extraArgs = QueryArgs.Encode(thread, argTable).ToLatin1();
            else if (args.Ref is LuaString argText) extraArgs = argText.ToLatin1();
            else if (args.IsNumber) extraArgs = LuaNumber.ToLuaString(args.Number).ToLatin1();
            else if (!args.IsNil) throw NgxArgs.CError(thread, "Bad args option value");

            var varsOption = opts["vars"];
            if (varsOption.Ref is LuaTable varTable) vars = ReadVariables(thread, varTable);
            else if (!varsOption.IsNil) throw NgxArgs.CError(thread, "Bad vars option value");

            share = Flag(thread, opts["share_all_vars"], "Bad share_all_vars option value");
            copy = Flag(thread, opts["copy_all_vars"], "Bad copy_all_vars option value");
            forward = opts["always_forward_body"].IsTruthy;

            var methodOption = opts["method"];
            if (!methodOption.IsNil)
            {
                if (!methodOption.IsNumber) throw NgxArgs.CError(thread, "Bad http request method");
                method = (int)methodOption.Number;
            }

            var ctxOption = opts["ctx"];
            if (!ctxOption.IsNil)
            {
                ctx = ctxOption.Ref as LuaTable
                    ?? throw NgxArgs.CError(thread, $"Bad ctx option value type {ctxOption.TypeName}, expected a Lua table");
            }

            var bodyOption = opts["body"];
            if (bodyOption.Ref is LuaString bodyText) body = bodyText.Span.ToArray();
            else if (bodyOption.IsNumber) body = LuaNumber.ToLuaString(bodyOption.Number).Span.ToArray();
            else if (!bodyOption.IsNil) throw NgxArgs.CError(thread, "Bad http request body");
        }

        // ngx_lua rearranges the stack so the URI is argument #3 of its C function.
        var uriValue = query.Get(1);
        LuaString uriText = uriValue.Ref as LuaString
            ?? (uriValue.IsNumber ? LuaNumber.ToLuaString(uriValue.Number)
                : throw NgxArgs.CError(thread, $"bad argument #3 to '{call.FunctionName}' (string expected, got {(uriValue.IsNil ? "no value" : uriValue.TypeName)})"));
        var parsed = UnsafeUri.Parse(uriText.Span)
            ?? throw NgxArgs.CError(thread, "unsafe uri in argument #1: " + CString(uriText));
        string? allArgs = parsed.Args;
        if (string.IsNullOrEmpty(allArgs)) allArgs = string.IsNullOrEmpty(extraArgs) ? null : extraArgs;
        else if (!string.IsNullOrEmpty(extraArgs)) allArgs = allArgs + "&" + extraArgs;
        return new CaptureSpec
        {
            Uri = parsed.Path, Args = allArgs, MethodCode = method, Body = body, Variables = vars,
            ShareAllVariables = share, CopyAllVariables = copy, AlwaysForwardBody = forward, Ctx = ctx,
        };
    }

    private static bool Flag(LuaThread thread, LuaValue value, string error)
    {
        if (value.IsNil) return false;
        if (!value.IsBoolean) throw NgxArgs.CError(thread, error);
        return value.IsTruthy;
    }

    /// <summary>The "vars" option: string keys, string or number values (set in the child when it is made).</summary>
    private static List<KeyValuePair<string, string>> ReadVariables(LuaThread thread, LuaTable table)
    {
        var list = new List<KeyValuePair<string, string>>();
        LuaValue key = LuaValue.Nil;
        while (table.Next(ref key, out var value))
        {
            if (key.Ref is not LuaString name) throw NgxArgs.CError(thread, "attempt to use a non-string key in the \"vars\" option table");
            string? text = value.Ref is LuaString s ? s.ToLatin1() : value.IsNumber ? LuaNumber.ToLuaString(value.Number).ToLatin1() : null;
            if (text is null) throw NgxArgs.CError(thread, $"attempt to use bad variable value type {value.TypeName}");
            list.Add(new(name.ToLatin1(), text));
        }
        return list;
    }

    /// <summary>ngx_lua prints the URI with %s: it stops at a NUL byte.</summary>
    private static string CString(LuaString s)
    {
        int nul = s.Span.IndexOf((byte)0);
        return System.Text.Encoding.Latin1.GetString(nul < 0 ? s.Span : s.Span[..nul]);
    }
}
