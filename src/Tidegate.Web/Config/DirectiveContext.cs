namespace Tidegate.Web.Config;

/// <summary>The blocks a directive may appear in, as nginx's NGX_*_CONF flags.</summary>
[Flags]
public enum DirectiveContext
{
    None = 0,
    Main = 1 << 0,
    Events = 1 << 1,
    HttpMain = 1 << 2,
    Server = 1 << 3,
    Location = 1 << 4,
    /// <summary><c>if</c> inside a server block.</summary>
    ServerIf = 1 << 5,
    /// <summary><c>if</c> inside a location block.</summary>
    LocationIf = 1 << 6,
    Upstream = 1 << 7,
    LimitExcept = 1 << 8,
    /// <summary>The inside of <c>types { }</c>, <c>map { }</c> and similar: every line is data.</summary>
    Data = 1 << 9,

    /// <summary>nginx's NGX_HTTP_MAIN_CONF|SRV|LOC, the common "anywhere in http" set.</summary>
    HttpAny = HttpMain | Server | Location,
    Any = Main | Events | HttpMain | Server | Location | ServerIf | LocationIf | Upstream | LimitExcept,
}
