namespace Tidegate.Lua.Runtime;

/// <summary>The states coroutine.status reports.</summary>
public enum CoroutineStatus { Suspended, Running, Normal, Dead }
