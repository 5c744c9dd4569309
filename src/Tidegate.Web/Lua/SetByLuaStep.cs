using Tidegate.Lua.Runtime;
using Tidegate.Web.Hosting;
using Tidegate.Web.Http;

namespace Tidegate.Web.Lua;

/// <summary>
/// set_by_lua $var 'code' [args...]: a rewrite-module step that runs the code synchronously with
/// the evaluated arguments as ngx.arg and sets the variable to its first result.
/// </summary>
public sealed record SetByLuaStep(string Variable, LuaChunkSpec Chunk, IReadOnlyList<VariableTemplate> Arguments) : ModuleRewriteStep
{
    public override bool Run(RequestContext ctx)
    {
        var args = new LuaValue[Arguments.Count];
        for (int i = 0; i < args.Length; i++) args[i] = LuaString.FromLatin1(Arguments[i].Evaluate(ctx));
        var results = LuaSyncRunner.Run(ctx, Chunk, LuaPhase.Set, args);
        if (results is null) return false;
        string value = "";
        if (results is { Length: > 0 } && !results[0].IsNil)
            value = results[0].Ref is LuaString s ? s.ToLatin1() : LuaErrors.Message(results[0]);
        ctx.UserVariables[Variable] = value;
        return true;
    }
}
