using System.Net;

namespace Tidegate.Web.Resolver;

/// <summary>
/// The outcome of resolving a name: its addresses, or nginx's resolver state code — the DNS
/// rcode (1 format error ... 5 refused) or 110 for a timeout — with ngx_resolver_strerror's text.
/// </summary>
public readonly record struct DnsResolution(IPAddress[] Addresses, int State)
{
    public const int FormatError = 1, ServerFailure = 2, HostNotFound = 3, Unimplemented = 4, Refused = 5, TimedOut = 110;

    public bool Ok => State == 0 && Addresses.Length > 0;

    public static DnsResolution Failed(int state) => new(Array.Empty<IPAddress>(), state);

    /// <summary>"NAME could not be resolved (3: Host not found)", as nginx and ngx_lua word a failure.</summary>
    public string Describe(string name) => $"{name} could not be resolved ({State}: {StateText(State)})";

    /// <summary>One of the addresses at random, as ngx_lua's cosockets pick one.</summary>
    public IPAddress Pick() => Addresses.Length == 1 ? Addresses[0] : Addresses[Random.Shared.Next(Addresses.Length)];

    public static string StateText(int state) => state switch
    {
        FormatError => "Format error",
        ServerFailure => "Server failure",
        HostNotFound => "Host not found",
        Unimplemented => "Unimplemented",
        Refused => "Operation refused",
        TimedOut => "Operation timed out",
        _ => "Unknown error",
    };
}
