namespace Tidegate.Web.Lua.Sockets;

/// <summary>A cosocket's state as its owner sees it: something to close when the owner ends.</summary>
public interface IOwnedCosocket
{
    /// <summary>Closes the connection (pending reads and writes then fail, and their callers stay silent).</summary>
    void CloseAtOwnerEnd();
}
