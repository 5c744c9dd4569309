namespace Tidegate.Web.Lua;

/// <summary>The contexts Lua code runs in, as ngx_lua's context flags.</summary>
public enum LuaPhase
{
    Init, InitWorker, ExitWorker, Set, ServerRewrite, Rewrite, Access, Precontent, Content,
    HeaderFilter, BodyFilter, Log, Timer, Balancer,
}

public static class LuaPhases
{
    /// <summary>ngx.get_phase()'s name for a phase.</summary>
    public static string Name(LuaPhase phase) => phase switch
    {
        LuaPhase.Init => "init",
        LuaPhase.InitWorker => "init_worker",
        LuaPhase.ExitWorker => "exit_worker",
        LuaPhase.Set => "set",
        LuaPhase.ServerRewrite => "server_rewrite",
        LuaPhase.Rewrite => "rewrite",
        LuaPhase.Access => "access",
        LuaPhase.Precontent => "precontent",
        LuaPhase.Content => "content",
        LuaPhase.HeaderFilter => "header_filter",
        LuaPhase.BodyFilter => "body_filter",
        LuaPhase.Log => "log",
        LuaPhase.Timer => "timer",
        _ => "balancer",
    };

    /// <summary>The directive a phase's code comes from, as "API disabled in the context of X" names it.</summary>
    public static string Directive(LuaPhase phase) => phase == LuaPhase.Timer ? "ngx.timer" : Name(phase) + "_by_lua*";
}
