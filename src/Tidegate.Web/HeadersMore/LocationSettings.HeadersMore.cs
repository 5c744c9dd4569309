using Tidegate.Web.HeadersMore;

namespace Tidegate.Web.Hosting;

/// <summary>headers-more's per-location rules (a level with its own rules replaces its parent's).</summary>
public sealed partial class LocationSettings
{
    public List<HeaderRule>? MoreOutputRules { get; set; }
    public List<HeaderRule>? MoreInputRules { get; set; }
    internal LocationSettings? MoreOwner { get; set; }
}
