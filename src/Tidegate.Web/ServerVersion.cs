namespace Tidegate.Web;

/// <summary>What tidegate says it is (Server header, error pages, -v/-V, $nginx_version).</summary>
public static class ServerVersion
{
    public const string Name = "tidegate";
    public const string Version = "0.1.0";
    public const string NameAndVersion = Name + "/" + Version;
    /// <summary>The nginx release whose behaviour tidegate reproduces ($nginx_version).</summary>
    public const string NginxCompatible = "1.22.1";
    public const string NgxLuaCompatible = "0.10.23";
}
