using Tidegate.Web.Echo;

namespace Tidegate.Web.Hosting;

/// <summary>The echo module's per-location settings.</summary>
public sealed partial class LocationSettings
{
    /// <summary>echo_status: the status the echo content handler answers with (200).</summary>
    public int EchoStatus { get; set; } = 200;
    /// <summary>echo_before_body lines (a list replaced, not appended to, by a child level).</summary>
    public List<EchoCommand>? EchoBeforeBody { get; set; }
    public List<EchoCommand>? EchoAfterBody { get; set; }
    /// <summary>The settings object that owns the lists above (a child copies them on first set).</summary>
    internal LocationSettings? EchoFiltersOwner { get; set; }
}
