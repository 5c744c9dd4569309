namespace Tidegate.Lua.Runtime;

/// <summary>
/// The pure one-number math functions a compiled number loop may compute itself (FunctionCompiler.NumberLoops):
/// a host function marked with one of these returns exactly <c>Math.X(n)</c> for a number argument n, so code
/// that has tested the callee is that very function can call <c>Math.X</c> directly. A variable reassigned to
/// anything else (even another function of the same name) fails the test and takes the ordinary call.
/// </summary>
public enum NumberIntrinsic
{
    None,
    Sqrt,
    Abs,
    Floor,
    Ceil,
    Exp,
    Sin,
    Cos,
    Tan,
}
