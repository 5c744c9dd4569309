namespace Tidegate.Web.Config;

/// <summary>How far tidegate implements a directive.</summary>
public enum DirectiveSupport
{
    /// <summary>Implemented with nginx's semantics.</summary>
    Built,
    /// <summary>Accepted and ignored because ignoring it is what nginx effectively does here
    /// (e.g. <c>sendfile</c>, <c>use epoll</c>, <c>load_module</c> of a module that is built in).</summary>
    Equivalent,
    /// <summary>Registered so configs parse and errors read as nginx's, but start-up stops with
    /// "[emerg] ... is not supported by tidegate yet".</summary>
    NotYet,
}

/// <summary>
/// What nginx knows about one directive: where it may appear, how many arguments it takes and
/// whether it opens a block (nginx's ngx_command_t type flags).
/// </summary>
public sealed record DirectiveSpec(
    string Name,
    DirectiveContext Contexts,
    int MinArgs,
    int MaxArgs,
    DirectiveSupport Support,
    bool IsBlock = false,
    bool IsFlag = false,
    bool Unique = false,
    /// <summary>For a flag directive that is NotYet: "off" is what tidegate already does.</summary>
    bool OffIsEquivalent = false,
    /// <summary>Exact argument counts allowed when they are not a range (nginx's TAKE13, TAKE24...).</summary>
    int[]? ArgCounts = null)
{
    public const int Unbounded = int.MaxValue;

    public bool AcceptsArgumentCount(int count) =>
        ArgCounts is not null ? Array.IndexOf(ArgCounts, count) >= 0 : count >= MinArgs && count <= MaxArgs;

    /// <summary>The context the inside of this block directive has, given where the block is.</summary>
    public DirectiveContext InnerContext(DirectiveContext outer) => Name switch
    {
        "events" => DirectiveContext.Events,
        "http" => DirectiveContext.HttpMain,
        "server" => DirectiveContext.Server,
        "location" => DirectiveContext.Location,
        "if" => outer == DirectiveContext.Server ? DirectiveContext.ServerIf : DirectiveContext.LocationIf,
        "upstream" => DirectiveContext.Upstream,
        "limit_except" => DirectiveContext.LimitExcept,
        _ => DirectiveContext.Data,
    };
}
